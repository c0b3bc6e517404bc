// ReportSender on whatever the central system answers (issue 11): bad
// escapes, surrogate pairs, fractions of a second, cut-off and mistyped
// answers. Never a crash; a malformed answer is a clear log line and the
// report stays waiting (or the ticket as it was).
#include "stb/report_sender.h"

#include <gtest/gtest.h>

#include "tests/stb/report_fakes.h"

namespace stb {
namespace {

const char kBody[] = R"({"box_id":"STB-1","category":"no_picture","diagnostics":{}})";
const char kGood[] =
    R"({"ticket":"T20261130-000123","status":"accepted","severity":"major",)"
    R"("category":"no_picture","deadline":"2026-12-03T08:15:00Z","hotline":"96123"})";

class ReportSenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(outbox.load(&error)) << error;
    id = outbox.enqueue(kBody, "no_picture", clock.now, &error).value_or("");
    ASSERT_FALSE(id.empty()) << error;
    sender.run();
    ASSERT_EQ(api.calls.size(), 1u);
  }
  // The report delivered; its first poll is due and asked.
  void deliverAndPoll() {
    api.answer(201, kGood);
    ASSERT_EQ(row().state, "sent");
    clock.now = row().next_poll_ms;
    sender.run();
    ASSERT_EQ(api.calls.size(), 1u);
    ASSERT_EQ(api.calls.front().path, "/v1/tickets/T20261130-000123");
  }
  const OutboxReport& row() { return *outbox.find(id); }
  // Kept waiting for another attempt with the same key, and logged as such.
  void expectKeptWaiting(const std::string& why) {
    EXPECT_EQ(row().state, "waiting");
    EXPECT_EQ(row().attempts, 1);
    EXPECT_GT(row().next_attempt_ms, clock.now);
    EXPECT_NE(row().last_error.find(why), std::string::npos) << row().last_error;
    EXPECT_TRUE(log.has(why)) << log.dump();
    EXPECT_TRUE(row().ticket.empty());
    // Asked again later with the same Idempotency-Key.
    clock.now = row().next_attempt_ms;
    sender.run();
    ASSERT_EQ(api.calls.size(), 1u);
    EXPECT_EQ(api.calls.front().headers[0], "Idempotency-Key: " + id);
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

TEST_F(ReportSenderTest, AGoodAnswerKeepsTheCategoryAndDeadlineTheCentralSystemCommittedTo) {
  api.answer(201, kGood);
  EXPECT_EQ(row().state, "sent");
  EXPECT_EQ(row().ticket, "T20261130-000123");
  EXPECT_EQ(row().severity, "major");
  EXPECT_EQ(row().category, "no_picture");
  EXPECT_EQ(row().deadline, "2026-12-03T08:15:00Z");
  std::vector<OutboxReport> rows;
  std::string error;
  ASSERT_TRUE(store.list(&rows, &error)) << error;
  EXPECT_EQ(rows[0].severity, "major");
  EXPECT_TRUE(log.has("ticket T20261130-000123 status accepted severity major")) << log.dump();
}

TEST_F(ReportSenderTest, AFractionOfASecondInTheDeadlineIsDropped) {
  std::string answer = kGood;
  answer.replace(answer.find("08:15:00Z"), 9, "08:15:00.250Z");
  api.answer(201, answer);
  EXPECT_EQ(row().state, "sent");
  EXPECT_EQ(row().deadline, "2026-12-03T08:15:00Z");
}

TEST_F(ReportSenderTest, NonHexDigitsInAnEscapeAreAnErrorNotACrash) {
  api.answer(503, R"({"error":"unavailable","message":"down \uZZZZ"})");
  EXPECT_EQ(row().state, "waiting");
  EXPECT_TRUE(log.has("HTTP 503 (the answer is not JSON)")) << log.dump();
  EXPECT_EQ(jsonStringMember(R"({"m":"down \uZZZZ"})", "m"), std::nullopt);
  clock.now = row().next_attempt_ms;
  sender.run();
  api.answer(201, R"({"ticket":"T20261130-000123","status":"acc\u00zzepted",)"
                  R"("deadline":"2026-12-03T08:15:00Z"})");
  EXPECT_EQ(row().state, "waiting");
  EXPECT_EQ(row().attempts, 2);
  EXPECT_TRUE(
      log.has("HTTP 201 with a malformed answer: the answer has a \\u escape without 4 "
              "hex digits in a string (at byte 42)"))
      << log.dump();
  // cJSON would end the string at an escaped U+0000 and drop the rest unseen.
  clock.now = row().next_attempt_ms;
  sender.run();
  std::string answer = kGood;
  answer.replace(answer.find("96123"), 5, R"(96123\u0000, then call 110)");
  api.answer(201, answer);
  EXPECT_EQ(row().state, "waiting");
  EXPECT_TRUE(log.has("the answer has \\u0000 in a string")) << log.dump();
}

TEST_F(ReportSenderTest, SurrogatePairsAndChineseAreDecodedToUtf8) {
  // U+1F4FA (television) and 电视 ("television").
  api.answer(503, R"({"error":"unavailable","message":"\ud83d\udcfa \u7535\u89c6 down"})");
  EXPECT_TRUE(log.has("HTTP 503 unavailable: \xF0\x9F\x93\xBA \xE7\x94\xB5\xE8\xA7\x86 down"))
      << log.dump();
  EXPECT_EQ(row().state, "waiting");
  // A lone half of a pair is not text.
  clock.now = row().next_attempt_ms;
  sender.run();
  std::string answer = kGood;
  answer.replace(answer.find("96123"), 5, R"(\ud83d 96123)");
  api.answer(201, answer);
  EXPECT_EQ(row().state, "waiting");
  EXPECT_EQ(row().attempts, 2);
}

TEST_F(ReportSenderTest, ACutOffAnswerKeepsTheReportWaiting) {
  api.answer(201, std::string(kGood).substr(0, 40));
  expectKeptWaiting("the answer is not valid JSON (at byte 39 of 40)");
}

TEST_F(ReportSenderTest, AWrongTypeIsNamed) {
  std::string answer = kGood;
  answer.replace(answer.find(R"("2026-12-03T08:15:00Z")"), 22, "20261203");
  api.answer(201, answer);
  expectKeptWaiting("member \"deadline\" is not a string");
}

TEST_F(ReportSenderTest, AnAnswerThatIsNotAnObjectIsAnError) {
  api.answer(201, R"(["T20261130-000123"])");
  expectKeptWaiting("the answer is not a JSON object");
}

TEST_F(ReportSenderTest, ARepeatedMemberIsAnError) {
  std::string answer = kGood;
  answer.insert(1, R"("deadline":"2026-12-01T08:15:00Z",)");
  api.answer(201, answer);
  expectKeptWaiting("member \"deadline\" is repeated");
}

TEST_F(ReportSenderTest, ATicketThatWouldChangeTheRequestPathIsRefused) {
  std::string answer = kGood;
  answer.replace(answer.find("T20261130-000123"), 16, "../../v1/reports");
  api.answer(201, answer);
  expectKeptWaiting("ticket \"../../v1/reports\" is not 1-64 of");
}

TEST_F(ReportSenderTest, AnUnknownSeverityOrADeadlineThatIsNoTimeIsAnError) {
  std::string answer = kGood;
  answer.replace(answer.find("major"), 5, "urgent");
  api.answer(201, answer);
  expectKeptWaiting("severity \"urgent\" is neither general nor major");
  answer = kGood;
  answer.replace(answer.find("2026-12-03T08:15:00Z"), 20, "2026-13-03T08:15:00Z");
  api.answer(201, answer);
  EXPECT_TRUE(log.has("deadline \"2026-13-03T08:15:00Z\" is not a UTC time")) << log.dump();
  EXPECT_EQ(row().state, "waiting");
}

TEST_F(ReportSenderTest, AMalformedPollAnswerKeepsTheTicketAsItWas) {
  deliverAndPoll();
  api.answer(200, R"({"ticket":"T20261130-000123","status":5,"deadline":"2026-12-09T00:00:00Z"})");
  EXPECT_EQ(row().status, "accepted");
  EXPECT_EQ(row().deadline, "2026-12-03T08:15:00Z");
  EXPECT_EQ(row().poll_attempts, 1);
  EXPECT_TRUE(
      log.has("polling ticket T20261130-000123: HTTP 200 with a malformed answer: member "
              "\"status\" is not a string"))
      << log.dump();
}

TEST_F(ReportSenderTest, APollMayChangeTheSeverityAndDeadline) {
  deliverAndPoll();
  api.answer(200, R"({"ticket":"T20261130-000123","status":"technician_assigned",)"
                  R"("deadline":"2026-12-02T08:15:00.5Z","severity":"general",)"
                  R"("category":"no_picture","updated":"2026-12-01T00:00:00Z"})");
  EXPECT_EQ(row().status, "technician_assigned");
  EXPECT_EQ(row().severity, "general");
  EXPECT_EQ(row().deadline, "2026-12-02T08:15:00Z");
}

TEST_F(ReportSenderTest, AHugeAnswerIsLoggedCutShort) {
  api.answer(503, R"({"error":"unavailable","message":")" + std::string(60000, 'x') + R"("})");
  ASSERT_FALSE(log.lines.empty());
  EXPECT_LT(log.lines.back().second.size(), 400u);
  EXPECT_TRUE(log.has("unavailable: xxxx")) << log.dump();
  clock.now = row().next_attempt_ms;
  sender.run();
  std::string answer = kGood;
  answer.replace(answer.find("major"), 5, std::string(60000, 'y'));
  api.answer(201, answer);
  EXPECT_LT(log.lines.back().second.size(), 400u);
  EXPECT_EQ(row().state, "waiting");
}

TEST(WholeSecondUtc, KeepsOnlyRealUtcTimes) {
  EXPECT_EQ(wholeSecondUtc("2026-12-03T08:15:00Z"), "2026-12-03T08:15:00Z");
  EXPECT_EQ(wholeSecondUtc("2026-12-03T08:15:00.123456789Z"), "2026-12-03T08:15:00Z");
  for (const char* bad :
       {"", "2026-12-03T08:15:00", "2026-12-03T08:15:00.Z", "2026-12-03T08:15:00.1234567890Z",
        "2026-12-03T08:15:00+08:00", "2026-12-03 08:15:00Z", "2026-02-30T08:15:00Z",
        "2026-12-03T08:15:00.1xZ"})
    EXPECT_FALSE(wholeSecondUtc(bad)) << bad;
}

}  // namespace
}  // namespace stb
