#include "dvb/mjd_time.h"

#include <cstdio>

namespace dvb {
namespace {

constexpr int64_t kMjdOfUnixEpoch = 40587;  // 1970-01-01
constexpr int64_t kSecondsPerDay = 86400;

// Days since 1970-01-01 <-> civil date; the era-based algorithm is exact over
// the whole int64 day range, unlike the floating formula of EN 300 468 Annex C.
int64_t daysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate civilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  CivilDate date;
  date.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  date.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  date.year = static_cast<int>(yoe + era * 400 + (date.month <= 2));
  return date;
}

// N decimal digits at text[pos]; nullopt for anything else (no sign, no space).
std::optional<int> digitsAt(std::string_view text, size_t pos, size_t n) {
  if (pos + n > text.size()) return std::nullopt;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    v = v * 10 + (text[i] - '0');
  }
  return v;
}

int64_t floorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

}  // namespace

int64_t mjdOfUtc(UtcSeconds t) {
  return floorDiv(t, kSecondsPerDay) + kMjdOfUnixEpoch;
}

UtcSeconds utcOfMjd(int64_t mjd) {
  return (mjd - kMjdOfUnixEpoch) * kSecondsPerDay;
}

CivilDate civilFromMjd(int64_t mjd) {
  return civilFromDays(mjd - kMjdOfUnixEpoch);
}

int64_t mjdFromCivil(const CivilDate& date) {
  return daysFromCivil(date.year, date.month, date.day) + kMjdOfUnixEpoch;
}

int64_t mjdFromField(uint16_t field) {
  return field < 0x8000 ? field + 0x10000 : field;
}

std::optional<uint16_t> fieldFromMjd(int64_t mjd) {
  if (mjd < 0x8000 || mjd >= 0x18000) return std::nullopt;
  return static_cast<uint16_t>(mjd & 0xFFFF);
}

std::optional<int> fromBcd(uint8_t bcd) {
  const int hi = bcd >> 4, lo = bcd & 0x0F;
  if (hi > 9 || lo > 9) return std::nullopt;
  return hi * 10 + lo;
}

uint8_t toBcd(int value) {
  return static_cast<uint8_t>(((value / 10) << 4) | (value % 10));
}

std::optional<UtcSeconds> decodeUtcTime(const uint8_t bytes[5]) {
  const uint16_t field = static_cast<uint16_t>((bytes[0] << 8) | bytes[1]);
  const auto h = fromBcd(bytes[2]), m = fromBcd(bytes[3]), s = fromBcd(bytes[4]);
  if (!h || !m || !s || *h > 23 || *m > 59 || *s > 60) return std::nullopt;
  const int64_t days = mjdFromField(field) - kMjdOfUnixEpoch;
  return days * kSecondsPerDay + *h * 3600 + *m * 60 + *s;
}

bool encodeUtcTime(UtcSeconds t, uint8_t bytes[5]) {
  const int64_t days = floorDiv(t, kSecondsPerDay);
  const auto field = fieldFromMjd(days + kMjdOfUnixEpoch);
  if (!field) return false;
  const int64_t sod = t - days * kSecondsPerDay;
  bytes[0] = static_cast<uint8_t>(*field >> 8);
  bytes[1] = static_cast<uint8_t>(*field & 0xFF);
  bytes[2] = toBcd(static_cast<int>(sod / 3600));
  bytes[3] = toBcd(static_cast<int>(sod / 60 % 60));
  bytes[4] = toBcd(static_cast<int>(sod % 60));
  return true;
}

std::string formatIso8601(UtcSeconds t) {
  const int64_t days = floorDiv(t, kSecondsPerDay);
  const int64_t sod = t - days * kSecondsPerDay;
  const CivilDate d = civilFromDays(days);
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", d.year, d.month, d.day,
                static_cast<int>(sod / 3600), static_cast<int>(sod / 60 % 60),
                static_cast<int>(sod % 60));
  return text;
}

std::optional<UtcSeconds> parseIso8601(std::string_view text, IsoFraction fraction) {
  if (text.size() < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':')
    return std::nullopt;
  const auto y = digitsAt(text, 0, 4), mo = digitsAt(text, 5, 2), d = digitsAt(text, 8, 2);
  const auto h = digitsAt(text, 11, 2), mi = digitsAt(text, 14, 2), s = digitsAt(text, 17, 2);
  if (!y || !mo || !d || !h || !mi || !s) return std::nullopt;
  size_t end = 19;
  if (fraction == IsoFraction::kDropped && text[end] == '.') {
    const size_t first = ++end;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
    if (end == first || end - first > 9) return std::nullopt;
  }
  if (end + 1 != text.size() || text[end] != 'Z') return std::nullopt;
  // A leap second (:60) has no text form here: it would not read back as written.
  if (*mo < 1 || *mo > 12 || *d < 1 || *h > 23 || *mi > 59 || *s > 59) return std::nullopt;
  const int64_t days = daysFromCivil(*y, *mo, *d);
  if (civilFromDays(days).day != *d) return std::nullopt;  // e.g. 02-30
  return days * kSecondsPerDay + *h * 3600 + *mi * 60 + *s;
}

}  // namespace dvb
