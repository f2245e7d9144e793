#include "net/http.h"

#include <curl/curl.h>

#include <memory>

namespace shiryo::net {
namespace {

struct CurlFree {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistFree {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
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
  std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
  if (!curl) {
    error = "cannot start an HTTP client";
    return std::nullopt;
  }
  Answer answer;
  answer.limit = request.max_answer;
  std::unique_ptr<curl_slist, SlistFree> headers;
  const auto add_header = [&headers](const std::string& line) {
    curl_slist* grown = curl_slist_append(headers.get(), line.c_str());
    if (grown) {
      headers.release();
      headers.reset(grown);
    }
  };
  if (!request.content_type.empty()) add_header("Content-Type: " + request.content_type);
  if (!request.accept.empty()) add_header("Accept: " + request.accept);
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  // Only plain and TLS HTTP: a URL from a certificate must not reach file:// or others.
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, request.timeout_seconds);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  if (!request.body.empty()) {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  const CURLcode code = curl_easy_perform(c);
  if (answer.too_large) {
    error = "the answer is larger than " + std::to_string(request.max_answer) + " bytes";
    return std::nullopt;
  }
  if (code == CURLE_OPERATION_TIMEDOUT) {
    error = "no answer within " + std::to_string(request.timeout_seconds) + " seconds";
    return std::nullopt;
  }
  if (code != CURLE_OK) {
    error = curl_easy_strerror(code);
    return std::nullopt;
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status != 200) {
    error = "HTTP status " + std::to_string(status);
    return std::nullopt;
  }
  const char* type = nullptr;
  curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type);
  if (!request.accept.empty() && (!type || std::string(type).rfind(request.accept, 0) != 0)) {
    error = "the answer is " + std::string(type ? type : "of no type") + ", not " + request.accept;
    return std::nullopt;
  }
  return std::move(answer.body);
}

}  // namespace shiryo::net
