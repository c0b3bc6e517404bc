#pragma once
// The working-day calendars of the operator's input JSON ($.work_calendars,
// docs/notice.schema.json): the one reading that stb-notice signs and
// broadcasts (table 0xC3) and that stb-central counts its deadlines in
// (serve --calendar), so the desk and the boxes work from the same days.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dvb/notice/work_calendar.h"
#include "tools/common/json_reader.h"

namespace tools::notice {

struct CalendarInput {
  dvb::notice::WorkCalendar calendar;
  uint32_t revision = 0;
};

// One $.work_calendars[i]: {"year", "revision", "days": [{"date", "type"}]},
// days sorted ascending (the operator may list them in any order). nullopt
// when anything in it was reported through R.
std::optional<CalendarInput> readCalendarInput(JsonReader& r, const Node& n);

// Every calendar of an input document (FILE names it in messages; other
// top-level members, such as notices, are left to stb-notice). At least one
// calendar, one per year. nullopt with *problems filled, each naming the
// file and the JSON path of its key.
std::optional<std::vector<dvb::notice::WorkCalendar>> readWorkCalendarsText(
    const std::string& file, const std::string& text, std::vector<std::string>* problems);
// The same, read from the file at PATH.
std::optional<std::vector<dvb::notice::WorkCalendar>> readWorkCalendarsFile(
    const std::string& path, std::vector<std::string>* problems);

}  // namespace tools::notice
