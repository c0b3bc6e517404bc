#pragma once
// The hours of the local day in which people watch: reminders and non-urgent
// crawls start only inside them (emergencies and outages in progress are not
// held back). Local time is UTC plus the TOT's local offset.
#include <optional>
#include <string>

#include "dvb/mjd_time.h"

namespace stb {

// [from, until) in minutes of the local day. until < from wraps past
// midnight (18:00-02:00); 00:00-24:00 is the whole day.
struct ViewingHours {
  int from_minutes = 7 * 60;
  int until_minutes = 23 * 60;

  static ViewingHours wholeDay() { return {0, 24 * 60}; }
  bool operator==(const ViewingHours& o) const {
    return from_minutes == o.from_minutes && until_minutes == o.until_minutes;
  }
};

bool inViewingHours(const ViewingHours& hours, dvb::UtcSeconds t, int local_offset_minutes);
// T when it is inside the hours, else the instant they next begin.
dvb::UtcSeconds nextViewingStart(const ViewingHours& hours, dvb::UtcSeconds t,
                                 int local_offset_minutes);

// "HH:MM-HH:MM" (24:00 allowed as the end). Empty string on success, else
// what is wrong; *out is left alone on failure.
std::string parseViewingHours(const std::string& text, ViewingHours* out);
std::string formatViewingHours(const ViewingHours& hours);

}  // namespace stb
