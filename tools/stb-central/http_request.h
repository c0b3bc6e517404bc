#pragma once
// Strict HTTP/1.1 request parsing with limits, on the bytes received so far.
// Stateless: call it again on the grown buffer until it says complete or
// error. Bodies only with Content-Length (Transfer-Encoding is refused with
// 411). Header names are lower-cased.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tools::central {

struct HttpLimits {
  size_t max_request_line = 2048;   // bytes before CRLF
  size_t max_header_bytes = 16384;  // request line + headers + blank line
  size_t max_header_count = 64;
  size_t max_body = 65536;
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

enum class ParseState { kIncomplete, kComplete, kError };

struct ParseResult {
  ParseState state = ParseState::kIncomplete;
  HttpRequest request;  // kComplete; the head is also filled once headers_complete
  size_t consumed = 0;  // kComplete: bytes of the buffer this request used
  // kIncomplete: the head has been read and the body is still to come.
  bool headers_complete = false;
  bool expect_continue = false;  // ... and the client waits for "100 Continue"
  // kError: the status to answer with (400, 411, 413, 414, 417, 431, 505),
  // a machine-readable code and a message.
  int error_status = 0;
  std::string error_code;
  std::string error_message;
};

ParseResult parseHttpRequest(std::string_view buffer, const HttpLimits& limits);

}  // namespace tools::central
