#pragma once
// The web parts' own view of a request and a response, so that they do not
// depend on one HTTP server: the application adapts its server's types.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tools::web {

struct Request {
  std::string method;                                        // "GET", "POST"
  std::string path;                                          // without the query
  std::string query;                                         // after '?', raw
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string body;

  // The value of the header `lower_name`, or nullptr.
  const std::string* header(std::string_view lower_name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // Content-Type among them
  std::string body;

  // A page: text/html; charset=utf-8, never cached (it shows a person's work).
  static Response html(int status, std::string body);
  // 303 See Other to LOCATION (after a POST, so that reloading does not repeat it).
  static Response redirect(const std::string& location);
  // A download: CSV as an attachment named FILENAME.
  static Response csv(std::string body, const std::string& filename);
  static Response text(int status, std::string body);
  void addHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

}  // namespace tools::web
