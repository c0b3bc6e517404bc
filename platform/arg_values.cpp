#include "platform/arg_values.h"

#include <cctype>
#include <cstdlib>

namespace platform {

std::optional<uint64_t> parseUnsigned(const std::string& text, uint64_t min, uint64_t max) {
  const bool hex = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
  const std::string digits = hex ? text.substr(2) : text;
  if (digits.empty() || digits.size() > 16) return std::nullopt;
  for (char c : digits)
    if (!(hex ? std::isxdigit(static_cast<unsigned char>(c))
              : std::isdigit(static_cast<unsigned char>(c))))
      return std::nullopt;
  const uint64_t v = std::strtoull(digits.c_str(), nullptr, hex ? 16 : 10);
  if (v < min || v > max) return std::nullopt;
  return v;
}

std::optional<double> parseSeconds(const std::string& text, double max) {
  // Digits and one point only: strtod alone would also take " 3", "1e3",
  // "0x10" and "nan".
  if (text.empty() || text.find_first_not_of("0123456789.") != std::string::npos)
    return std::nullopt;
  char* end = nullptr;
  const double seconds = std::strtod(text.c_str(), &end);
  if (*end != '\0' || !(seconds > 0) || seconds > max) return std::nullopt;
  return seconds;
}

}  // namespace platform
