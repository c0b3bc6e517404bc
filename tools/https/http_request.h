#pragma once
// A request as a handler sees it, once the HTTP server (http_server.h) has
// read it whole, and the limits the server holds every request to.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tools::https {

struct HttpLimits {
  size_t max_request_line = 2048;   // the request target, in bytes (414 beyond)
  size_t max_header_bytes = 16384;  // request line + headers (431 beyond)
  size_t max_header_count = 64;     // header fields (431 beyond)
  size_t max_body = 65536;          // body bytes (413, answered from Content-Length)
};

struct HttpRequest {
  std::string method;
  std::string target;                                        // as sent ("/v1/tickets/T1?x")
  std::string path;                                          // target without the query
  std::string version;                                       // "HTTP/1.1" or "HTTP/1.0"
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string body;
  bool keep_alive = true;

  // The value of the header `lower_name`, or nullptr.
  const std::string* header(std::string_view lower_name) const;
};

// Whether a request of VERSION with CONNECTION (the header's value, or
// nullptr) lets the connection stay open after its answer.
bool keepsAlive(const std::string& version, const std::string* connection);

}  // namespace tools::https
