// $.work_calendars[i] -> a working-day calendar, table 0xC3
// (docs/protocol.md 2.4): object_id = year, days ascending.
#include <algorithm>
#include <map>

#include "dvb/notice/limits.h"
#include "tools/stb-notice/input_readers.h"

namespace tools::notice {

void readWorkCalendar(JsonReader& r, const Node& n, std::vector<ObjectInput>* out) {
  const size_t problems = r.problemCount();
  if (!r.object(n, {"year", "revision", "days"}) && !n.value->is_object()) return;
  const auto year = r.integerAt(n, "year", 2000, 2100);
  const auto revision = r.integerAt(n, "revision", 1, 0xFFFFFFFF);
  dvb::notice::WorkCalendar calendar;
  calendar.year = static_cast<uint16_t>(year.value_or(0));
  auto m = r.member(n, "days", true);
  auto items = m ? r.array(*m, 0, dvb::notice::limits::kMaxCalendarEntries) : std::nullopt;
  std::map<dvb::UtcSeconds, std::string> seen;  // date -> path of its entry
  for (const Node& item : items.value_or(std::vector<Node>{})) {
    if (!r.object(item, {"date", "type"}) && !item.value->is_object()) continue;
    dvb::notice::CalendarDay day;
    auto date_node = r.member(item, "date", true);
    const auto date = date_node ? r.date(*date_node) : std::nullopt;
    if (auto t = r.member(item, "type", true)) {
      const auto type = r.string(*t);
      if (type == "holiday")
        day.type = dvb::notice::DayType::kHoliday;
      else if (type == "working_day")
        day.type = dvb::notice::DayType::kWorkingDay;
      else if (type)
        r.fail(*t, "must be \"holiday\" or \"working_day\"");
    }
    if (!date) continue;
    if (year && dvb::civilFromMjd(dvb::mjdOfUtc(*date)).year != static_cast<int>(*year)) {
      r.fail(*date_node, "must be in " + std::to_string(*year));
      continue;
    }
    const auto [it, fresh] = seen.emplace(*date, item.path);
    if (!fresh) {
      r.fail(*date_node, "is already listed at " + it->second);
      continue;
    }
    day.date = *date;
    calendar.days.push_back(day);
  }
  // The wire wants ascending dates; the operator may list them in any order.
  std::sort(calendar.days.begin(), calendar.days.end(),
            [](const auto& a, const auto& b) { return a.date < b.date; });
  if (r.problemCount() != problems || !year || !revision || !items) return;
  appendObject(r, n, static_cast<uint32_t>(*year), static_cast<uint32_t>(*revision), calendar, out);
}

}  // namespace tools::notice
