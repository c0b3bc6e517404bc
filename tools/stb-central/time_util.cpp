#include "tools/stb-central/time_util.h"

#include <cstdio>
#include <ctime>

#include "dvb/mjd_time.h"

namespace tools::central {
namespace {

bool digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

unsigned daysInMonth(int y, unsigned m) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// YYYY-MM-DD at the start of `s`.
bool parseDatePart(std::string_view s, CivilDate* out) {
  int y, m, d;
  if (!digits(s, 0, 4, &y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, &m) || s[7] != '-' ||
      !digits(s, 8, 2, &d))
    return false;
  if (y < 1970 || m < 1 || m > 12 || d < 1 || static_cast<unsigned>(d) > daysInMonth(y, m))
    return false;
  *out = CivilDate{y, static_cast<unsigned>(m), static_cast<unsigned>(d)};
  return true;
}

}  // namespace

// The calendar arithmetic is dvb/'s (mjd_time); days since 1970 are MJD - 40587.
constexpr int64_t kMjdOf1970 = 40587;

int64_t daysFromCivil(const CivilDate& d) {
  return dvb::mjdFromCivil(
             dvb::CivilDate{d.year, static_cast<int>(d.month), static_cast<int>(d.day)}) -
         kMjdOf1970;
}

CivilDate civilFromDays(int64_t days) {
  const dvb::CivilDate c = dvb::civilFromMjd(days + kMjdOf1970);
  return CivilDate{c.year, static_cast<unsigned>(c.month), static_cast<unsigned>(c.day)};
}

int weekdayOfDays(int64_t days) {
  // 1970-01-01 was a Thursday (4).
  const int64_t w = (days + 4) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

int64_t daysOf(UtcSeconds t) {
  return t >= 0 ? t / kSecondsPerDay : -((-t + kSecondsPerDay - 1) / kSecondsPerDay);
}

std::optional<UtcSeconds> parseUtcTimestamp(std::string_view s) {
  CivilDate date;
  int hh, mm, ss;
  if (!parseDatePart(s, &date) || s.size() < 20 || s[10] != 'T' || !digits(s, 11, 2, &hh) ||
      s[13] != ':' || !digits(s, 14, 2, &mm) || s[16] != ':' || !digits(s, 17, 2, &ss))
    return std::nullopt;
  if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
  size_t pos = 19;
  if (s[pos] == '.') {
    size_t n = 0;
    ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos, ++n;
    if (n < 1 || n > 9) return std::nullopt;
  }
  if (pos + 1 != s.size() || s[pos] != 'Z') return std::nullopt;
  return daysFromCivil(date) * kSecondsPerDay + hh * 3600 + mm * 60 + ss;
}

std::string formatUtcTimestamp(UtcSeconds t) {
  const int64_t days = daysOf(t);
  const int64_t secs = t - days * kSecondsPerDay;
  const CivilDate d = civilFromDays(days);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", d.year, d.month, d.day,
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60));
  return buf;
}

std::optional<int64_t> parseCivilDate(std::string_view s) {
  CivilDate date;
  if (s.size() != 10 || !parseDatePart(s, &date)) return std::nullopt;
  return daysFromCivil(date);
}

std::string formatCompactDate(int64_t days) {
  const CivilDate d = civilFromDays(days);
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d%02u%02u", d.year, d.month, d.day);
  return buf;
}

UtcSeconds systemNow() {
  return static_cast<UtcSeconds>(std::time(nullptr));
}

}  // namespace tools::central
