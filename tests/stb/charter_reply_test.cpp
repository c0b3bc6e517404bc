// The charter's category in the central system's answer (issue 13): kept on
// the outbox row when it is one of the charter's five, left out with a log
// line otherwise, and never a reason to refuse the answer (it only labels
// the screen). "assignee" is not the box's business and is not read.
#include <gtest/gtest.h>

#include "stb/central_reply.h"
#include "stb/report_sender.h"
#include "tests/stb/report_fakes.h"

namespace stb {
namespace {

// A report's answer with CHARTER spliced in as the charter_category member's
// JSON value ("" leaves the member out).
std::string answerWith(const std::string& charter) {
  return R"({"ticket":"T20261204-000007","status":"accepted","severity":"general",)"
         R"("category":"complaint","deadline":"2026-12-09T08:15:00Z",)" +
         (charter.empty() ? "" : R"("charter_category":)" + charter + ",") +
         R"("assignee":"wang.fang","hotline":"96123"})";
}

TEST(CharterReply, EachOfTheCharterCategoriesIsKept) {
  for (const char* code :
       {"general_fault", "major_fault", "new_installation", "service_restoration", "complaint"}) {
    std::string error, note;
    const auto info = parseTicketReply(answerWith(std::string("\"") + code + "\""),
                                       ReplyKind::kReport, &error, &note);
    ASSERT_TRUE(info) << code << ": " << error;
    EXPECT_EQ(info->charter_category, code);
    EXPECT_EQ(note, "") << code;
    EXPECT_TRUE(isCharterCategory(code));
  }
}

TEST(CharterReply, AnythingElseIsLeftOutWithANoteAndTheAnswerStillCounts) {
  const std::pair<std::string, std::string> cases[] = {
      {R"("general")", R"(charter_category "general" is not one of the charter's categories)"},
      {R"("Complaint")", "is not one of the charter's categories"},
      {R"("complaint\u0007")", "charter_category is not clean UTF-8 text"},
      {"5", "charter_category is not a string"},
      {R"(["complaint"])", "charter_category is not a string"},
      {R"({"code":"complaint"})", "charter_category is not a string"},
      {"\"" + std::string(300, 'x') + "\"", "..."},  // cut short for the log
  };
  for (const auto& [value, why] : cases) {
    std::string error, note;
    const auto info = parseTicketReply(answerWith(value), ReplyKind::kReport, &error, &note);
    ASSERT_TRUE(info) << value << ": " << error;
    EXPECT_EQ(info->ticket, "T20261204-000007");
    EXPECT_EQ(info->charter_category, "") << value;
    EXPECT_NE(note.find(why), std::string::npos) << value << ": " << note;
    EXPECT_NE(note.find("not shown"), std::string::npos) << note;
    EXPECT_LT(note.size(), 160u) << note;
  }
}

TEST(CharterReply, AbsentOrNullIsNoNoteAndAnAssigneeOfAnyTypeIsIgnored) {
  for (const std::string& answer :
       {answerWith(""), answerWith("null"),
        std::string(R"({"ticket":"T1","status":"accepted","deadline":"2026-12-09T08:15:00Z",)"
                    R"("charter_category":"complaint","assignee":null})")}) {
    std::string error, note = "untouched";
    const auto info = parseTicketReply(answer, ReplyKind::kReport, &error, &note);
    ASSERT_TRUE(info) << answer << ": " << error;
    EXPECT_EQ(note, "untouched") << answer;
  }
  // Without a place for the note (the fuzz target's call) nothing breaks.
  std::string error;
  EXPECT_TRUE(parseTicketReply(answerWith("7"), ReplyKind::kPoll, &error));
}

class CharterSenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(outbox.load(&error)) << error;
    id = outbox.enqueue(R"({"category":"complaint"})", "complaint", clock.now, &error).value_or("");
    ASSERT_FALSE(id.empty()) << error;
    sender.run();
    ASSERT_EQ(api.calls.size(), 1u);
  }
  const OutboxReport& row() { return *outbox.find(id); }
  void poll(const std::string& answer) {
    clock.now = row().next_poll_ms;
    sender.run();
    ASSERT_EQ(api.calls.size(), 1u);
    api.answer(200, answer);
  }

  MemoryOutboxStore store;
  FakeRandom random;
  FakeClock clock;
  RecordingLog log;
  FakeApi api;
  Outbox outbox{&store, &random};
  ReportSender sender{&outbox, &api, &clock, &log, [](std::optional<int64_t>) {}};
  std::string id;
};

TEST_F(CharterSenderTest, TheRowKeepsTheCharterCategoryOfTheAnswer) {
  api.answer(201, answerWith(R"("complaint")"));
  EXPECT_EQ(row().state, "sent");
  EXPECT_EQ(row().charter_category, "complaint");
  std::vector<OutboxReport> rows;
  std::string error;
  ASSERT_TRUE(store.list(&rows, &error)) << error;
  EXPECT_EQ(rows[0].charter_category, "complaint");
  EXPECT_TRUE(log.has(LogLevel::kInfo, {"ticket T20261204-000007", "charter category complaint"}))
      << log.dump();
}

TEST_F(CharterSenderTest, AnUnknownCharterCategoryIsDeliveredWithoutItAndLogged) {
  api.answer(201, answerWith(R"("vip_fault")"));
  EXPECT_EQ(row().state, "sent");
  EXPECT_EQ(row().ticket, "T20261204-000007");
  EXPECT_EQ(row().charter_category, "");
  EXPECT_TRUE(log.has(LogLevel::kWarning,
                      {("report " + id).c_str(),
                       "charter_category \"vip_fault\" is not one of the charter's", "not shown"}))
      << log.dump();
  EXPECT_TRUE(log.has(LogLevel::kInfo, {"charter category (not given)"})) << log.dump();
}

TEST_F(CharterSenderTest, AMissingCharterCategoryIsSaidInTheDeliveryLine) {
  api.answer(201, answerWith(""));
  EXPECT_EQ(row().state, "sent");
  EXPECT_EQ(row().charter_category, "");
  EXPECT_TRUE(log.has(LogLevel::kInfo, {"ticket T20261204-000007", "charter category (not given)"}))
      << log.dump();
}

TEST_F(CharterSenderTest, APollMayRefileTheTicketAndABadOneKeepsWhatItHad) {
  api.answer(201, answerWith(R"("general_fault")"));
  poll(R"({"status":"accepted","deadline":"2026-12-07T08:15:00Z",)"
       R"("charter_category":"major_fault","assignee":"li.wei"})");
  EXPECT_EQ(row().charter_category, "major_fault");
  EXPECT_EQ(row().deadline, "2026-12-07T08:15:00Z");
  poll(R"({"status":"technician_assigned","charter_category":"??"})");
  EXPECT_EQ(row().status, "technician_assigned");
  EXPECT_EQ(row().charter_category, "major_fault");
  EXPECT_TRUE(log.has(LogLevel::kWarning,
                      {"polling ticket T20261204-000007", "charter_category \"??\"", "not shown"}))
      << log.dump();
  poll(R"({"status":"technician_assigned"})");  // said nothing: kept
  EXPECT_EQ(row().charter_category, "major_fault");
}

}  // namespace
}  // namespace stb
