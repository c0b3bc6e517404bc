#pragma once
// application/x-www-form-urlencoded (HTML's form encoding, also the query
// of a GET form) decoded with limits. Bad input is an error value: a
// truncated %XX, a NUL, invalid UTF-8, too many fields, too long a value.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tools::web {

struct FormLimits {
  size_t max_bytes = 16384;  // the encoded text
  size_t max_fields = 64;
  size_t max_name = 64;     // decoded bytes
  size_t max_value = 4096;  // decoded bytes
};

class Form {
 public:
  // The first value of NAME, or nullopt.
  std::optional<std::string> get(std::string_view name) const;
  // The first value of NAME, or "".
  std::string value(std::string_view name) const { return get(name).value_or(""); }
  const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }
  void add(std::string name, std::string value) {
    fields_.emplace_back(std::move(name), std::move(value));
  }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// Decodes TEXT ("a=1&b=x%20y+z"): false with *error naming what is wrong.
bool parseForm(std::string_view text, const FormLimits& limits, Form* out, std::string* error);

// One component: '+' is a space, %XX a byte; nullopt on a bad escape.
std::optional<std::string> percentDecode(std::string_view text);
// For building URLs: everything but A-Z a-z 0-9 - . _ ~ as %XX.
std::string percentEncode(std::string_view text);

// True when TEXT is well-formed UTF-8 without NUL or other C0 controls
// except tab, CR and LF.
bool isCleanUtf8(std::string_view text);

}  // namespace tools::web
