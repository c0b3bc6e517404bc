// One working-day calendar: the JSON that stb-notice signs and broadcasts
// (table 0xC3) is read by stb-central's serve --calendar through the same
// function, and both see the same days and the same problems.
#include <gtest/gtest.h>

#include "dvb/notice/body_codec.h"
#include "tools/common/work_calendar_input.h"
#include "tools/stb-central/deadline_policy.h"
#include "tools/stb-notice/input.h"

namespace tools::central {
namespace {

const char kExample[] = STB_SOURCE_DIR "/tools/stb-notice/examples/work-calendar.json";

// What a box decodes from the signed objects stb-notice builds of FILE.
std::vector<dvb::notice::WorkCalendar> asBroadcast(const std::string& file) {
  std::vector<std::string> problems;
  const auto objects = tools::notice::readInputs({file}, &problems);
  EXPECT_TRUE(objects) << (problems.empty() ? "" : problems[0]);
  std::vector<dvb::notice::WorkCalendar> out;
  for (const auto& o : objects.value_or(std::vector<tools::notice::ObjectInput>{})) {
    if (o.header.type != dvb::notice::ObjectType::kWorkCalendar) continue;
    dvb::notice::WorkCalendar c;
    std::string error;
    EXPECT_TRUE(dvb::notice::decodeBody(o.body, &c, &error)) << error;
    EXPECT_EQ(o.header.object_id, c.year);
    out.push_back(c);
  }
  return out;
}

TEST(WorkCalendarShared, StbCentralReadsWhatStbNoticeBroadcasts) {
  std::vector<std::string> problems;
  const auto central = tools::notice::readWorkCalendarsFile(kExample, &problems);
  ASSERT_TRUE(central) << (problems.empty() ? "" : problems[0]);
  const auto broadcast = asBroadcast(kExample);
  ASSERT_EQ(central->size(), 2u);
  ASSERT_EQ(broadcast.size(), central->size());
  for (size_t i = 0; i < central->size(); ++i) {
    EXPECT_EQ((*central)[i].year, broadcast[i].year);
    ASSERT_EQ((*central)[i].days.size(), broadcast[i].days.size());
    for (size_t d = 0; d < broadcast[i].days.size(); ++d) {
      EXPECT_EQ((*central)[i].days[d].date, broadcast[i].days[d].date);
      EXPECT_EQ((*central)[i].days[d].type, broadcast[i].days[d].type);
    }
  }
  // And the desk counts in those days: every day of 2026 is a working day
  // for the deadline exactly when it is one in the broadcast calendar.
  DeadlinePolicy p = DeadlinePolicy::defaults();
  p.useCalendars(*central);
  const int64_t first = *parseCivilDate("2026-01-01");
  for (int64_t day = first; day < first + 365; ++day)
    EXPECT_EQ(p.isWorkingDay(day), broadcast[0].isWorkingDay(day * kSecondsPerDay))
        << formatCompactDate(day);
  EXPECT_TRUE(p.isWorkingDay(*parseCivilDate("2026-10-10")));  // a swapped Saturday
  EXPECT_FALSE(p.isWorkingDay(*parseCivilDate("2026-10-05")));
}

// Both tools word a problem in the calendar the same way, at the same path.
TEST(WorkCalendarShared, BothToolsNameTheSameKey) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"work_calendars": [{"year": 2026, "revision": 1,
           "days": [{"date": "2026-10-01", "type": "weekend"}]}]})",
       "cal.json: $.work_calendars[0].days[0].type: must be \"holiday\" or \"working_day\""},
      {R"({"work_calendars": [{"year": 1999, "revision": 1, "days": []}]})",
       "cal.json: $.work_calendars[0].year:"},
      {R"({"work_calendars": [{"year": 2026, "revision": 1,
           "days": [{"date": "2027-01-01", "type": "holiday"}]}]})",
       "cal.json: $.work_calendars[0].days[0].date: must be in 2026"},
      {R"({"work_calendars": [{"year": 2026, "revision": 1, "dayz": []}]})",
       "cal.json: $.work_calendars[0].dayz"},
  };
  for (const auto& [text, expected] : cases) {
    std::vector<std::string> central, notice;
    EXPECT_FALSE(tools::notice::readWorkCalendarsText("cal.json", text, &central));
    EXPECT_FALSE(tools::notice::readInputText("cal.json", text, &notice));
    ASSERT_FALSE(central.empty()) << text;
    EXPECT_NE(central[0].find(expected), std::string::npos) << central[0];
    EXPECT_EQ(central, notice) << text;
  }
}

TEST(WorkCalendarShared, StbCentralNeedsOneCalendarPerYear) {
  const std::pair<const char*, const char*> cases[] = {
      {"{", "cal.json"},
      {R"({"notices": []})", "cal.json: $.work_calendars: required"},
      {R"({"work_calendars": []})", "cal.json: $.work_calendars"},
      {R"({"work_calendars": [{"year": 2026, "revision": 1, "days": []},
                              {"year": 2026, "revision": 2, "days": []}]})",
       "cal.json: $.work_calendars[1]: year 2026 is already given at $.work_calendars[0]"},
  };
  for (const auto& [text, expected] : cases) {
    std::vector<std::string> problems;
    EXPECT_FALSE(tools::notice::readWorkCalendarsText("cal.json", text, &problems)) << text;
    ASSERT_FALSE(problems.empty()) << text;
    EXPECT_NE(problems[0].find(expected), std::string::npos) << problems[0];
  }
  std::vector<std::string> problems;
  EXPECT_FALSE(tools::notice::readWorkCalendarsFile("/nonexistent/cal.json", &problems));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "/nonexistent/cal.json: cannot read the file");
}

}  // namespace
}  // namespace tools::central
