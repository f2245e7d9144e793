#include "net/http.h"

#include <curl/curl.h>

#include <memory>

#include "dl/shared_library.h"

namespace shiryo::net {
namespace {

// libcurl, opened on the first exchange.
struct Curl {
  dl::SharedLibrary library{"libcurl.so.4", "libcurl4"};
  SHIRYO_DL_FUNCTION(library, curl_easy_init);
  SHIRYO_DL_FUNCTION(library, curl_easy_cleanup);
  SHIRYO_DL_FUNCTION(library, curl_easy_setopt);
  SHIRYO_DL_FUNCTION(library, curl_easy_perform);
  SHIRYO_DL_FUNCTION(library, curl_easy_getinfo);
  SHIRYO_DL_FUNCTION(library, curl_easy_strerror);
  SHIRYO_DL_FUNCTION(library, curl_slist_append);
  SHIRYO_DL_FUNCTION(library, curl_slist_free_all);
};

// Opened once for the process; nullptr with `error` set when it cannot be.
const Curl* curl_library(std::string& error) {
  try {
    static const Curl curl;
    return &curl;
  } catch (const dl::LoadError& e) {
    error = std::string("no HTTP client: ") + e.what();
    return nullptr;
  }
}

struct CurlFree {
  const Curl* lib;
  void operator()(CURL* c) const { lib->curl_easy_cleanup(c); }
};
struct SlistFree {
  const Curl* lib;
  void operator()(curl_slist* l) const { lib->curl_slist_free_all(l); }
};

struct Answer {
  std::string body;
  std::size_t limit = 0;
  bool too_large = false;
};

std::size_t collect(char* data, std::size_t size, std::size_t n, void* user) {
  auto* answer = static_cast<Answer*>(user);
  const std::size_t bytes = size * n;
  if (answer->body.size() + bytes > answer->limit) {
    answer->too_large = true;
    return 0;  // curl stops with CURLE_WRITE_ERROR
  }
  answer->body.append(data, bytes);
  return bytes;
}

}  // namespace

std::optional<std::string> fetch(const HttpRequest& request, std::string& error) {
  const Curl* lib = curl_library(error);
  if (!lib) return std::nullopt;
  std::unique_ptr<CURL, CurlFree> curl(lib->curl_easy_init(), CurlFree{lib});
  if (!curl) {
    error = "cannot start an HTTP client";
    return std::nullopt;
  }
  Answer answer;
  answer.limit = request.max_answer;
  std::unique_ptr<curl_slist, SlistFree> headers(nullptr, SlistFree{lib});
  const auto add_header = [&headers, lib](const std::string& line) {
    curl_slist* grown = lib->curl_slist_append(headers.get(), line.c_str());
    if (grown) {
      headers.release();
      headers.reset(grown);
    }
  };
  if (!request.content_type.empty()) add_header("Content-Type: " + request.content_type);
  if (!request.accept.empty()) add_header("Accept: " + request.accept);
  CURL* c = curl.get();
  lib->curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  // Only plain and TLS HTTP: a URL from a certificate must not reach file:// or others.
  lib->curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  lib->curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  lib->curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  lib->curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
  lib->curl_easy_setopt(c, CURLOPT_TIMEOUT, request.timeout_seconds);
  lib->curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  lib->curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
  lib->curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
  lib->curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  if (!request.body.empty()) {
    lib->curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
    lib->curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  const CURLcode code = lib->curl_easy_perform(c);
  if (answer.too_large) {
    error = "the answer is larger than " + std::to_string(request.max_answer) + " bytes";
    return std::nullopt;
  }
  if (code == CURLE_OPERATION_TIMEDOUT) {
    error = "no answer within " + std::to_string(request.timeout_seconds) + " seconds";
    return std::nullopt;
  }
  if (code != CURLE_OK) {
    error = lib->curl_easy_strerror(code);
    return std::nullopt;
  }
  long status = 0;
  lib->curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status != 200) {
    error = "HTTP status " + std::to_string(status);
    return std::nullopt;
  }
  const char* type = nullptr;
  lib->curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type);
  if (!request.accept.empty() && (!type || std::string(type).rfind(request.accept, 0) != 0)) {
    error = "the answer is " + std::string(type ? type : "of no type") + ", not " + request.accept;
    return std::nullopt;
  }
  return std::move(answer.body);
}

}  // namespace shiryo::net
