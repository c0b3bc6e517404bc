#include "tools/stb-notice/cli_values.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>

#include "dvb/mjd_time.h"

namespace tools::notice {
namespace {

bool allDigits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

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

std::optional<int64_t> parseUtc(const std::string& text) {
  return dvb::parseIso8601(text);
}

std::optional<int> parseUtcOffset(const std::string& text) {
  if (text.size() < 5 || (text[0] != '+' && text[0] != '-')) return std::nullopt;
  std::string hh = text.substr(1, 2), mm;
  if (text.size() == 6 && text[3] == ':')
    mm = text.substr(4, 2);
  else if (text.size() == 5)
    mm = text.substr(3, 2);
  if (!allDigits(hh) || !allDigits(mm) || mm.size() != 2) return std::nullopt;
  const int h = std::atoi(hh.c_str()), m = std::atoi(mm.c_str());
  if (m > 59 || h * 60 + m > 14 * 60) return std::nullopt;
  return (text[0] == '-' ? -1 : 1) * (h * 60 + m);
}

std::string formatUtcOffset(int minutes) {
  char buf[16];
  const int a = minutes < 0 ? -minutes : minutes;
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", minutes < 0 ? '-' : '+', a / 60, a % 60);
  return buf;
}

}  // namespace tools::notice
