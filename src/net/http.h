// HTTP for the services a long-term signature needs (time-stamping
// authorities; revocation services), through libcurl.
#pragma once

#include <optional>
#include <string>

namespace shiryo::net {

struct HttpRequest {
  std::string url;
  std::string content_type;  // of `body`; a POST when `body` is not empty, else a GET
  std::string body;
  std::string accept;        // the media type the answer must have, or empty
  long timeout_seconds = 30; // for the whole exchange
  std::size_t max_answer = 1 << 20;  // bytes; a larger answer is refused
};

// The body of a 200 answer; nullopt with `error` set ("timed out after 2
// seconds", "HTTP status 500", "answered text/html, not application/…",
// curl's reason) when there is none.
std::optional<std::string> fetch(const HttpRequest& request, std::string& error);

}  // namespace shiryo::net
