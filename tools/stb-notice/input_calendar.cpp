// $.work_calendars[i] -> a working-day calendar, table 0xC3
// (docs/protocol.md 2.4): object_id = year. The reading itself is shared with
// stb-central (tools/common/work_calendar_input.h).
#include "tools/common/work_calendar_input.h"
#include "tools/stb-notice/input_readers.h"

namespace tools::notice {

void readWorkCalendar(JsonReader& r, const Node& n, std::vector<ObjectInput>* out) {
  const std::optional<CalendarInput> in = readCalendarInput(r, n);
  if (!in) return;
  appendObject(r, n, in->calendar.year, in->revision, in->calendar, out);
}

}  // namespace tools::notice
