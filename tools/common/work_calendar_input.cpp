#include "tools/common/work_calendar_input.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "dvb/notice/limits.h"

namespace tools::notice {

std::optional<CalendarInput> readCalendarInput(JsonReader& r, const Node& n) {
  const size_t problems = r.problemCount();
  if (!r.object(n, {"year", "revision", "days"}) && !n.value->is_object()) return std::nullopt;
  const auto year = r.integerAt(n, "year", 2000, 2100);
  const auto revision = r.integerAt(n, "revision", 1, 0xFFFFFFFF);
  CalendarInput in;
  in.calendar.year = static_cast<uint16_t>(year.value_or(0));
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
    in.calendar.days.push_back(day);
  }
  // The wire wants ascending dates; the operator may list them in any order.
  std::sort(in.calendar.days.begin(), in.calendar.days.end(),
            [](const auto& a, const auto& b) { return a.date < b.date; });
  if (r.problemCount() != problems || !year || !revision || !items) return std::nullopt;
  in.revision = static_cast<uint32_t>(*revision);
  return in;
}

std::optional<std::vector<dvb::notice::WorkCalendar>> readWorkCalendarsText(
    const std::string& file, const std::string& text, std::vector<std::string>* problems) {
  const size_t before = problems->size();
  const std::optional<nlohmann::json> parsed = parseDocument(file, text, problems);
  if (!parsed) return std::nullopt;
  JsonReader r(file, problems);
  const Node top{&*parsed, "$"};
  if (!parsed->is_object()) {
    r.fail(top, "must be an object");
    return std::nullopt;
  }
  const auto m = r.member(top, "work_calendars", true);
  const auto items = m ? r.array(*m, 1, 100000) : std::nullopt;
  std::vector<dvb::notice::WorkCalendar> out;
  std::map<uint16_t, std::string> years;  // year -> path of its calendar
  for (const Node& item : items.value_or(std::vector<Node>{})) {
    auto in = readCalendarInput(r, item);
    if (!in) continue;
    // stb-notice refuses two objects with one id (the year) as well.
    const auto [it, fresh] = years.emplace(in->calendar.year, item.path);
    if (!fresh) {
      r.fail(item,
             "year " + std::to_string(in->calendar.year) + " is already given at " + it->second);
      continue;
    }
    out.push_back(std::move(in->calendar));
  }
  if (problems->size() != before || !items) return std::nullopt;
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.year < b.year; });
  return out;
}

std::optional<std::vector<dvb::notice::WorkCalendar>> readWorkCalendarsFile(
    const std::string& path, std::vector<std::string>* problems) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    problems->push_back(path + ": cannot read the file");
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return readWorkCalendarsText(path, text.str(), problems);
}

}  // namespace tools::notice
