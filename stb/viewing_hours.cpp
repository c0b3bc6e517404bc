#include "stb/viewing_hours.h"

#include <cstdio>

namespace stb {
namespace {

constexpr int kDayMinutes = 24 * 60;

// Minutes since local midnight, and the instant of that midnight.
int localMinute(dvb::UtcSeconds t, int local_offset_minutes, dvb::UtcSeconds* midnight) {
  const dvb::UtcSeconds local = t + int64_t{local_offset_minutes} * 60;
  const dvb::UtcSeconds local_midnight = dvb::utcOfMjd(dvb::mjdOfUtc(local));
  if (midnight) *midnight = local_midnight - int64_t{local_offset_minutes} * 60;
  return static_cast<int>((local - local_midnight) / 60);
}

bool wholeDay(const ViewingHours& h) {
  return h.from_minutes == 0 && h.until_minutes == kDayMinutes;
}

bool parseClock(const std::string& s, int* minutes) {
  if (s.size() != 5 || s[2] != ':') return false;
  for (size_t i : {0, 1, 3, 4})
    if (s[i] < '0' || s[i] > '9') return false;
  const int h = (s[0] - '0') * 10 + (s[1] - '0');
  const int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return false;
  *minutes = h * 60 + m;
  return true;
}

}  // namespace

bool inViewingHours(const ViewingHours& hours, dvb::UtcSeconds t, int local_offset_minutes) {
  if (wholeDay(hours)) return true;
  const int m = localMinute(t, local_offset_minutes, nullptr);
  if (hours.from_minutes <= hours.until_minutes)
    return m >= hours.from_minutes && m < hours.until_minutes;
  return m >= hours.from_minutes || m < hours.until_minutes;  // past midnight
}

dvb::UtcSeconds nextViewingStart(const ViewingHours& hours, dvb::UtcSeconds t,
                                 int local_offset_minutes) {
  if (inViewingHours(hours, t, local_offset_minutes)) return t;
  dvb::UtcSeconds midnight = 0;
  const int m = localMinute(t, local_offset_minutes, &midnight);
  const dvb::UtcSeconds today = midnight + int64_t{hours.from_minutes} * 60;
  return m < hours.from_minutes ? today : today + 24 * 3600;
}

std::string parseViewingHours(const std::string& text, ViewingHours* out) {
  const size_t dash = text.find('-');
  ViewingHours h;
  if (dash == std::string::npos || !parseClock(text.substr(0, dash), &h.from_minutes) ||
      !parseClock(text.substr(dash + 1), &h.until_minutes) || h.from_minutes == kDayMinutes)
    return "'" + text + "' is not HH:MM-HH:MM (e.g. 07:00-23:00)";
  if (h.from_minutes == h.until_minutes)
    return "'" + text + "' is empty; 00:00-24:00 is the whole day";
  if (h.until_minutes == kDayMinutes && h.from_minutes != 0) h.until_minutes = 0;  // wraps to 0
  *out = h;
  return "";
}

std::string formatViewingHours(const ViewingHours& hours) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02d:%02d-%02d:%02d", hours.from_minutes / 60,
                hours.from_minutes % 60, hours.until_minutes / 60, hours.until_minutes % 60);
  return buf;
}

}  // namespace stb
