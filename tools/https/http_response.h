#pragma once
// HTTP responses: JSON bodies, the error shape {"error": CODE, "message": TEXT},
// and serialisation with Content-Length.
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace tools::https {

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // besides the standard ones
  std::string body;
  bool close = false;    // close the connection after this response
  std::string log_note;  // appended to the server's log line, never sent

  static HttpResponse json(int status, const nlohmann::json& body);
  static HttpResponse error(int status, const std::string& code, const std::string& message);
};

const char* reasonPhrase(int status);
// The bytes on the wire; `keep_alive` false adds "Connection: close".
std::string serializeResponse(const HttpResponse& r, bool keep_alive);

}  // namespace tools::https
