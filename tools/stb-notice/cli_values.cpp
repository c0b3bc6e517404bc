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
