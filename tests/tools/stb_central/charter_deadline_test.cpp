// The charter's categories and deadlines (deadline_policy.h): each charter
// category, counted in the operator's working days from the server's time of
// acceptance, over holidays and swapped working days of the calendar that
// stb-notice broadcasts, city and county. Times are UTC; the operator's
// local time is UTC+8, so local 23:59 is 15:59Z.
#include <gtest/gtest.h>

#include "tests/support/utc_time.h"
#include "tools/common/work_calendar_input.h"
#include "tools/stb-central/deadline_policy.h"

namespace tools::central {
namespace {

using testing_support::at;

// 2026, as the operator publishes it: the National Day week Thursday 1 to
// Wednesday 7 October off, and Sunday 27 September and Saturday 10 October
// worked instead.
const char kCalendar2026[] = R"({"work_calendars": [{"year": 2026, "revision": 1, "days": [
  {"date": "2026-10-01", "type": "holiday"}, {"date": "2026-10-02", "type": "holiday"},
  {"date": "2026-10-03", "type": "holiday"}, {"date": "2026-10-04", "type": "holiday"},
  {"date": "2026-10-05", "type": "holiday"}, {"date": "2026-10-06", "type": "holiday"},
  {"date": "2026-10-07", "type": "holiday"},
  {"date": "2026-09-27", "type": "working_day"}, {"date": "2026-10-10", "type": "working_day"}]}]})";

DeadlinePolicy charterPolicy(const char* policy_json = R"({"utc_offset_minutes": 480})") {
  std::string error;
  auto p = DeadlinePolicy::fromJson(policy_json, &error);
  EXPECT_TRUE(p) << error;
  std::vector<std::string> problems;
  const auto calendars =
      tools::notice::readWorkCalendarsText("calendar.json", kCalendar2026, &problems);
  EXPECT_TRUE(calendars) << (problems.empty() ? "" : problems[0]);
  DeadlinePolicy out = p.value_or(DeadlinePolicy::defaults());
  out.useCalendars(calendars.value_or(std::vector<dvb::notice::WorkCalendar>{}));
  return out;
}

TEST(Charter, EveryReportCategoryHasACharterCategory) {
  const DeadlinePolicy p = DeadlinePolicy::defaults();
  EXPECT_EQ(reportCategories().size(), 12u);
  for (const char* major : {"no_picture", "channels_missing", "box_fault"})
    EXPECT_EQ(p.charterCategoryOf(major), CharterCategory::kMajorFault) << major;
  for (const char* general : {"mosaic_freezing", "no_sound", "smartcard_message", "remote_control",
                              "billing_question", "other"})
    EXPECT_EQ(p.charterCategoryOf(general), CharterCategory::kGeneralFault) << general;
  EXPECT_EQ(p.charterCategoryOf("new_installation"), CharterCategory::kNewInstallation);
  EXPECT_EQ(p.charterCategoryOf("service_restoration"), CharterCategory::kServiceRestoration);
  EXPECT_EQ(p.charterCategoryOf("complaint"), CharterCategory::kComplaint);
  for (const char* own : {"new_installation", "service_restoration", "complaint"}) {
    EXPECT_TRUE(isReportCategory(own));
    EXPECT_FALSE(isFaultCategory(own));
    EXPECT_EQ(p.severityOf(own), Severity::kGeneral);
    EXPECT_STREQ(stb::charterCategoryCode(p.charterCategoryOf(own)), own);
  }
  EXPECT_TRUE(isFaultCategory("no_sound"));
  EXPECT_EQ(stb::charterCategoryFromCode("major_fault"), CharterCategory::kMajorFault);
  EXPECT_FALSE(stb::charterCategoryFromCode("major"));
}

// Wednesday 2 December 2026, 10:00 local: no holiday near.
TEST(Charter, EachCategorysDeadlineOnOrdinaryDays) {
  const DeadlinePolicy p = charterPolicy();
  const UtcSeconds accepted = at("2026-12-02T02:00:00Z");
  EXPECT_EQ(p.deadlineFor("no_sound", accepted), at("2026-12-03T02:00:00Z"));    // 24 h
  EXPECT_EQ(p.deadlineFor("no_picture", accepted), at("2026-12-05T02:00:00Z"));  // 72 h
  // Thu, Fri, Mon.
  EXPECT_EQ(p.deadlineFor("complaint", accepted), at("2026-12-07T02:00:00Z"));
  // Thu, Fri, Mon, Tue, Wed.
  EXPECT_EQ(p.deadlineFor("service_restoration", accepted), at("2026-12-09T02:00:00Z"));
  EXPECT_EQ(p.deadlineFor("new_installation", accepted, AreaKind::kCity),
            at("2026-12-09T02:00:00Z"));
  // Ten: to Wednesday 16 December.
  EXPECT_EQ(p.deadlineFor("new_installation", accepted, AreaKind::kCounty),
            at("2026-12-16T02:00:00Z"));
  // Only new_installation depends on the area's kind.
  EXPECT_EQ(p.deadlineFor("complaint", accepted, AreaKind::kCounty),
            p.deadlineFor("complaint", accepted, AreaKind::kCity));
}

// Wednesday 30 September 23:59 local, the last minute before the holidays:
// working days go on from Thursday 8 October, and Saturday 10 is one.
TEST(Charter, AcceptedAt2359TheDayBeforeAHoliday) {
  const DeadlinePolicy p = charterPolicy();
  const UtcSeconds accepted = at("2026-09-30T15:59:00Z");
  EXPECT_EQ(p.deadlineFor("complaint", accepted), at("2026-10-10T15:59:00Z"));  // 8, 9, Sat 10
  // 8, 9, 10, 12, 13.
  EXPECT_EQ(p.deadlineFor("service_restoration", accepted), at("2026-10-13T15:59:00Z"));
  EXPECT_EQ(p.deadlineFor("new_installation", accepted, AreaKind::kCity),
            at("2026-10-13T15:59:00Z"));
  // 8, 9, 10, 12, 13, 14, 15, 16, 19, 20.
  EXPECT_EQ(p.deadlineFor("new_installation", accepted, AreaKind::kCounty),
            at("2026-10-20T15:59:00Z"));
  // Hours are hours, holiday or not.
  EXPECT_EQ(p.deadlineFor("no_sound", accepted), at("2026-10-01T15:59:00Z"));
  EXPECT_EQ(p.deadlineFor("box_fault", accepted), at("2026-10-03T15:59:00Z"));
}

// Two minutes later it is 1 October, a holiday: the report counts from
// Thursday 8 October 00:00, so it is due at 00:00 of Monday 12, the working
// day after its three whole ones (8, 9, Saturday 10): after the 23:59
// report's deadline, never before it.
TEST(Charter, AcceptedOnAHolidayCountsFromTheNextWorkingDay) {
  const DeadlinePolicy p = charterPolicy();
  const UtcSeconds on_holiday = at("2026-09-30T16:01:00Z");
  EXPECT_EQ(p.deadlineFor("complaint", on_holiday), at("2026-10-11T16:00:00Z"));  // Mon 12 00:00
  EXPECT_GT(p.deadlineFor("complaint", on_holiday),
            p.deadlineFor("complaint", at("2026-09-30T15:59:00Z")));
  EXPECT_EQ(p.deadlineFor("complaint", at("2026-10-03T06:00:00Z")), at("2026-10-11T16:00:00Z"));
}

// Friday 25 September 10:00 local: Sunday 27 is worked.
TEST(Charter, ASwappedSundayIsAWorkingDay) {
  const DeadlinePolicy p = charterPolicy();
  EXPECT_EQ(p.deadlineFor("complaint", at("2026-09-25T02:00:00Z")),
            at("2026-09-29T02:00:00Z"));  // Sun 27, Mon 28, Tue 29
  // The same report without the calendar: Mon 28, Tue 29, Wed 30.
  std::string error;
  const auto plain = DeadlinePolicy::fromJson(R"({"utc_offset_minutes": 480})", &error);
  ASSERT_TRUE(plain) << error;
  EXPECT_EQ(plain->deadlineFor("complaint", at("2026-09-25T02:00:00Z")),
            at("2026-09-30T02:00:00Z"));
  EXPECT_TRUE(p.isWorkingDay(*parseCivilDate("2026-09-27")));
  EXPECT_TRUE(p.isWorkingDay(*parseCivilDate("2026-10-10")));
  EXPECT_FALSE(p.isWorkingDay(*parseCivilDate("2026-10-05")));  // a Monday off
  EXPECT_FALSE(p.isWorkingDay(*parseCivilDate("2026-10-11")));  // an ordinary Sunday
}

// The calendar decides its year; the policy's weekend and holidays decide
// the years it does not cover.
TEST(Charter, TheCalendarDecidesItsYearAndThePolicyTheOthers) {
  const DeadlinePolicy p =
      charterPolicy(R"({"utc_offset_minutes": 480, "holidays": ["2026-10-08", "2027-01-01"]})");
  EXPECT_EQ(p.calendarYears(), std::vector<int>{2026});
  EXPECT_TRUE(p.isWorkingDay(*parseCivilDate("2026-10-08")));   // the calendar's year
  EXPECT_FALSE(p.isWorkingDay(*parseCivilDate("2027-01-01")));  // the policy's holiday
  // Thursday 31 December 10:00 local: (Fri 1 January off, weekend) Mon 4, Tue 5, Wed 6.
  EXPECT_EQ(p.deadlineFor("complaint", at("2026-12-31T02:00:00Z")), at("2027-01-06T02:00:00Z"));
}

TEST(Charter, TheCharterDaysAreConfigurable) {
  std::string error;
  const auto p = DeadlinePolicy::fromJson(
      R"({"charter_working_days": {"new_installation_city": 4, "new_installation_county": 8,
                                    "service_restoration": 2, "complaint": 1}})",
      &error);
  ASSERT_TRUE(p) << error;
  const UtcSeconds monday = at("2026-11-30T10:00:00Z");
  EXPECT_EQ(p->deadlineFor("new_installation", monday, AreaKind::kCity),
            at("2026-12-04T10:00:00Z"));
  EXPECT_EQ(p->deadlineFor("new_installation", monday, AreaKind::kCounty),
            at("2026-12-10T10:00:00Z"));
  EXPECT_EQ(p->deadlineFor("service_restoration", monday), at("2026-12-02T10:00:00Z"));
  EXPECT_EQ(p->deadlineFor("complaint", monday), at("2026-12-01T10:00:00Z"));
}

}  // namespace
}  // namespace tools::central
