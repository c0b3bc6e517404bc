// My reports as the menu shows them, from the outbox's rows
// (stb/menu/report_summary.h): status, local deadline, severity and the
// report's category from its column.
#include "stb/menu/report_summary.h"

#include <gtest/gtest.h>

#include "stb/menu/report_body.h"
#include "stb/outbox.h"
#include "tests/stb/report_fakes.h"

namespace stb::menu {
namespace {

OutboxReport sent(const std::string& status) {
  OutboxReport r;
  r.state = "sent";
  r.ticket = "T1";
  r.status = status;
  return r;
}

TEST(ReportSummaryTest, TheDeadlineInLocalTime) {
  EXPECT_EQ(localDeadline("2026-12-01T02:00:00Z", 480), "12-01 10:00");
  EXPECT_EQ(localDeadline("2026-12-31T20:30:00Z", 480), "01-01 04:30");  // the next year
  EXPECT_EQ(localDeadline("2026-12-01T02:00:00Z", -300), "11-30 21:00");
  // A row from before deadlines were kept in whole seconds.
  EXPECT_EQ(localDeadline("2026-12-01T02:00:00.750Z", 0), "12-01 02:00");
  // Not a time: what the central system said, unchanged.
  EXPECT_EQ(localDeadline("tomorrow", 480), "tomorrow");
}

TEST(ReportSummaryTest, WaitingUntilDeliveredThenTheTicketsStatus) {
  OutboxReport waiting = sent("accepted");
  waiting.state = "waiting";
  EXPECT_EQ(statusOf(waiting), ReportStatus::kWaitingToSend);
  EXPECT_EQ(statusOf(sent("accepted")), ReportStatus::kAccepted);
  EXPECT_EQ(statusOf(sent("technician_assigned")), ReportStatus::kTechnicianAssigned);
  EXPECT_EQ(statusOf(sent("resolved")), ReportStatus::kResolved);
  EXPECT_EQ(statusOf(sent("closed")), ReportStatus::kClosed);
  EXPECT_EQ(statusOf(sent("")), ReportStatus::kSent);  // delivered, no status given
  OutboxReport refused = sent("");
  refused.state = "failed";
  EXPECT_EQ(statusOf(refused), ReportStatus::kSent);
}

TEST(ReportSummaryTest, TheSeverityOnlyAsTheCentralSystemAnswered) {
  OutboxReport r = sent("accepted");
  EXPECT_EQ(severityOf(r), std::nullopt);
  r.severity = "major";
  EXPECT_EQ(severityOf(r), Severity::kMajor);
  r.severity = "general";
  EXPECT_EQ(severityOf(r), Severity::kGeneral);
  r.severity = "urgent";  // a class the box does not know: not guessed
  EXPECT_EQ(severityOf(r), std::nullopt);
}

TEST(ReportSummaryTest, TheCategoryComesFromTheColumnNotTheBody) {
  for (int c = 0; c < kCategoryCount; ++c) {
    const auto category = static_cast<Category>(c);
    EXPECT_EQ(categoryFromCode(categoryCode(category)), category) << c;
  }
  EXPECT_EQ(categoryFromCode("no_pic"), std::nullopt);
  OutboxReport r = sent("accepted");
  r.body_json = R"({"category":"billing_question"})";
  r.category = "no_sound";
  EXPECT_EQ(categoryOf(r), Category::kNoSound);
  r.category = "";  // nothing known: never read back out of the body
  EXPECT_EQ(categoryOf(r), Category::kOther);
  r.category = "new_kind_of_fault";
  EXPECT_EQ(categoryOf(r), Category::kOther);
}

TEST(ReportSummaryTest, ReportsInOutboxOrderWithoutTheReturnVisits) {
  OutboxReport a = sent("accepted");
  a.category = "no_picture";
  a.deadline = "2026-12-03T08:15:00Z";
  a.severity = "major";
  OutboxReport visit;
  visit.kind = OutboxKind::kReturnVisit;
  visit.ticket = "T0";
  visit.state = "sent";
  OutboxReport b;
  b.category = "smartcard_message";
  const auto list = reportSummaries({a, visit, b}, 480);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].ticket, "T1");
  EXPECT_EQ(list[0].status, ReportStatus::kAccepted);
  EXPECT_EQ(list[0].deadline_text, "12-03 16:15");
  EXPECT_EQ(list[0].severity, Severity::kMajor);
  EXPECT_EQ(list[0].category, Category::kNoPicture);
  EXPECT_EQ(list[1].ticket, "");
  EXPECT_EQ(list[1].status, ReportStatus::kWaitingToSend);
  EXPECT_EQ(list[1].deadline_text, "");  // none committed yet
  EXPECT_EQ(list[1].category, Category::kSmartcard);
}

// A report stored by an older stbd (no category column) still shows the
// category it was sent with, and one whose body says none shows "other".
TEST(ReportSummaryTest, AnOldRowShowsTheCategoryItWasSentWith) {
  MemoryOutboxStore store;
  std::string error;
  OutboxReport old = sent("accepted");
  old.report_id = "old";
  old.body_json = R"({"report_id":"old","category":"channels_missing","diagnostics":{}})";
  ASSERT_TRUE(store.put(old, &error)) << error;
  OutboxReport bare = old;
  bare.report_id = "bare";
  bare.body_json = R"({"report_id":"bare"})";
  ASSERT_TRUE(store.put(bare, &error)) << error;
  FakeRandom random;
  Outbox outbox(&store, &random);
  ASSERT_TRUE(outbox.load(&error)) << error;
  const auto list = reportSummaries(outbox.items(), 480);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].category, Category::kChannelsMissing);
  EXPECT_EQ(list[1].category, Category::kOther);
}

}  // namespace
}  // namespace stb::menu
