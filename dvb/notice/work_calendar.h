#pragma once
// The operator's working-day calendar for one year: the body of a signed
// object on table_id 0xC3 (docs/protocol.md, "Working-day calendar"). Days
// not listed follow the week (Monday..Friday work); listed days override it:
// public holidays, and weekend days swapped into working days.
#include <cstdint>
#include <vector>

#include "dvb/mjd_time.h"

namespace dvb::notice {

enum class DayType : uint8_t { kHoliday = 1, kWorkingDay = 2 };

struct CalendarDay {
  UtcSeconds date = 0;  // midnight UTC of the local date
  DayType type = DayType::kHoliday;
};

struct WorkCalendar {
  uint16_t year = 0;
  std::vector<CalendarDay> days;  // ascending, within `year`
  bool isWorkingDay(UtcSeconds date) const;
};

}  // namespace dvb::notice
