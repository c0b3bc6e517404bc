// DeadlinePolicy: severity by category, 24 h / 72 h, working days over a
// weekend and a listed holiday, the policy file's validation.
#include <gtest/gtest.h>

#include "tests/support/utc_time.h"
#include "tools/stb-central/deadline_policy.h"

namespace tools::central {
namespace {

using testing_support::at;

// stb-central's own rules on top of dvb's UTC text (tests/dvb/mjd_time_test.cpp).
TEST(TimeUtil, ReportTimesAndCalendarDays) {
  EXPECT_EQ(parseReportTime("2026-11-30T08:15:00Z"), at("2026-11-30T08:15:00Z"));
  EXPECT_EQ(parseReportTime("2024-02-29T23:59:59.123Z"), at("2024-02-29T23:59:59Z"));
  EXPECT_EQ(parseReportTime("1970-01-01T00:00:00Z"), 0);
  EXPECT_FALSE(parseReportTime("1969-12-31T23:59:59Z"));  // nothing before 1970
  EXPECT_FALSE(parseReportTime("2026-11-30T08:15:00+08:00"));
  EXPECT_FALSE(parseReportTime("2026-11-30 08:15:00Z"));
  EXPECT_FALSE(parseReportTime("2026-02-29T08:15:00Z"));
  EXPECT_FALSE(parseReportTime("2026-11-30T24:00:00Z"));
  EXPECT_FALSE(parseReportTime("2026-11-30T08:15:00.Z"));
  EXPECT_EQ(parseCivilDate("2026-11-30"), daysOf(at("2026-11-30T12:00:00Z")));
  EXPECT_EQ(parseCivilDate("1970-01-01"), 0);
  EXPECT_FALSE(parseCivilDate("1969-12-31"));
  EXPECT_FALSE(parseCivilDate("2026-02-29"));
  EXPECT_FALSE(parseCivilDate("2026-11-30T00:00:00Z"));
  EXPECT_FALSE(parseCivilDate("2026-1-30"));
  EXPECT_EQ(weekdayOfDays(daysOf(at("2026-11-28T12:00:00Z"))), 6);  // a Saturday
  EXPECT_EQ(formatCompactDate(daysOf(at("2026-11-30T23:59:59Z"))), "20261130");
}

TEST(DeadlinePolicy, DefaultsFollowTheCharter) {
  const DeadlinePolicy p = DeadlinePolicy::defaults();
  for (const char* major : {"no_picture", "channels_missing", "box_fault"}) {
    EXPECT_EQ(p.severityOf(major), Severity::kMajor) << major;
    EXPECT_EQ(p.deadlineFor(major, at("2026-11-27T10:00:00Z")), at("2026-11-30T10:00:00Z"));
  }
  for (const char* general : {"mosaic_freezing", "no_sound", "smartcard_message", "remote_control",
                              "billing_question", "other"}) {
    EXPECT_EQ(p.severityOf(general), Severity::kGeneral) << general;
    // Calendar hours: a general fault on Friday is due on Saturday.
    EXPECT_EQ(p.deadlineFor(general, at("2026-11-27T10:00:00Z")), at("2026-11-28T10:00:00Z"));
  }
}

const char kPolicy[] = R"({
  "hours": {"general": 24, "major": 72},
  "major_categories": ["no_picture", "channels_missing", "box_fault"],
  "working_days": {"billing_question": 1, "other": 3},
  "holidays": ["2026-11-30", "2026-12-25"]
})";

TEST(DeadlinePolicy, WorkingDaysSkipTheWeekendAndAListedHoliday) {
  std::string error;
  const auto p = DeadlinePolicy::fromJson(kPolicy, &error);
  ASSERT_TRUE(p) << error;
  // Thursday -> Friday.
  EXPECT_EQ(p->deadlineFor("billing_question", at("2026-11-26T09:30:00Z")),
            at("2026-11-27T09:30:00Z"));
  // Friday -> (Sat, Sun, Mon 30th a holiday) -> Tuesday.
  EXPECT_EQ(p->deadlineFor("billing_question", at("2026-11-27T09:30:00Z")),
            at("2026-12-01T09:30:00Z"));
  // Saturday, a rest day: counted from Tuesday 00:00 (Monday is the
  // holiday), so due at the end of Tuesday.
  EXPECT_EQ(p->deadlineFor("billing_question", at("2026-11-28T09:30:00Z")),
            at("2026-12-02T00:00:00Z"));
  // 3 working days from Wednesday 23 Dec: Thu 24, (Fri 25 holiday, weekend) Mon 28, Tue 29.
  EXPECT_EQ(p->deadlineFor("other", at("2026-12-23T17:00:00Z")), at("2026-12-29T17:00:00Z"));
  // Hour-counted categories are unaffected by the calendar.
  EXPECT_EQ(p->deadlineFor("no_sound", at("2026-11-27T09:30:00Z")), at("2026-11-28T09:30:00Z"));
  EXPECT_FALSE(p->isWorkingDay(daysOf(at("2026-11-30T00:00:00Z"))));
  EXPECT_TRUE(p->isWorkingDay(daysOf(at("2026-12-01T00:00:00Z"))));
}

TEST(DeadlinePolicy, LocalDatesFollowTheOperatorsOffset) {
  std::string error;
  const auto p = DeadlinePolicy::fromJson(
      R"({"working_days": {"billing_question": 1}, "utc_offset_minutes": 480})", &error);
  ASSERT_TRUE(p) << error;
  // Friday 20:00 UTC is Saturday 04:00 in UTC+8, a rest day: due at the end
  // of Monday = Tuesday 00:00 local = Monday 16:00 UTC.
  EXPECT_EQ(p->deadlineFor("billing_question", at("2026-11-27T20:00:00Z")),
            at("2026-11-30T16:00:00Z"));
  // Friday 15:00 UTC is Friday 23:00 local, a working day: Monday 23:00 local.
  EXPECT_EQ(p->deadlineFor("billing_question", at("2026-11-27T15:00:00Z")),
            at("2026-11-30T15:00:00Z"));
}

TEST(DeadlinePolicy, ConfigurableSeverityAndHours) {
  std::string error;
  const auto p = DeadlinePolicy::fromJson(
      R"({"hours": {"general": 12, "major": 48}, "major_categories": ["no_sound"]})", &error);
  ASSERT_TRUE(p) << error;
  EXPECT_EQ(p->severityOf("no_sound"), Severity::kMajor);
  EXPECT_EQ(p->severityOf("no_picture"), Severity::kGeneral);
  EXPECT_EQ(p->deadlineFor("no_sound", 0), 48 * 3600);
  EXPECT_EQ(p->deadlineFor("no_picture", 0), 12 * 3600);
}

TEST(DeadlinePolicy, TheExampleFileReads) {
  std::string error;
  const auto p =
      DeadlinePolicy::load(STB_SOURCE_DIR "/tools/stb-central/policy.example.json", &error);
  ASSERT_TRUE(p) << error;
  EXPECT_EQ(p->utcOffsetMinutes(), 480);
  EXPECT_EQ(p->charterCategoryOf("box_fault"), CharterCategory::kMajorFault);
  EXPECT_FALSE(p->isWorkingDay(*parseCivilDate("2026-10-05")));
}

TEST(DeadlinePolicy, InvalidFilesAreRefusedNamingTheKey) {
  const std::pair<const char*, const char*> cases[] = {
      {"[]", "top level"},
      {"{", "JSON"},
      {R"({"hourz": {}})", "hourz"},
      {R"({"hours": {"general": 0}})", "hours.general"},
      {R"({"major_categories": ["tv_on_fire"]})", "major_categories"},
      {R"({"working_days": {"billing_question": 0}})", "working_days.billing_question"},
      {R"({"working_days": {"nope": 1}})", "working_days.nope"},
      {R"({"holidays": ["2026-13-01"]})", "holidays"},
      {R"({"weekend": ["caturday"]})", "weekend"},
      {R"({"utc_offset_minutes": 9999})", "utc_offset_minutes"},
      {R"({"major_categories": ["complaint"]})", "major_categories"},
      {R"({"working_days": {"new_installation": 3}})", "working_days.new_installation"},
      {R"({"charter_working_days": []})", "charter_working_days"},
      {R"({"charter_working_days": {"complaint": 0}})", "charter_working_days.complaint"},
      {R"({"charter_working_days": {"new_installation": 5}})",
       "charter_working_days.new_installation"},
  };
  for (const auto& [text, key] : cases) {
    std::string error;
    EXPECT_FALSE(DeadlinePolicy::fromJson(text, &error)) << text;
    EXPECT_NE(error.find(key), std::string::npos) << text << " -> " << error;
  }
}

}  // namespace
}  // namespace tools::central
