#include "tools/https/http_request.h"

#include <cctype>

namespace tools::https {
namespace {

std::string lowerTrimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Comma-separated tokens of a Connection header, case-insensitive.
bool hasConnectionToken(std::string_view value, std::string_view token) {
  size_t start = 0;
  while (start <= value.size()) {
    size_t end = value.find(',', start);
    if (end == std::string_view::npos) end = value.size();
    if (lowerTrimmed(value.substr(start, end - start)) == token) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

const std::string* HttpRequest::header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers)
    if (name == lower_name) return &value;
  return nullptr;
}

bool keepsAlive(const std::string& version, const std::string* connection) {
  if (version == "HTTP/1.0") return connection && hasConnectionToken(*connection, "keep-alive");
  return !connection || !hasConnectionToken(*connection, "close");
}

}  // namespace tools::https
