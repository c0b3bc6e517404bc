// The fault-report outbox and its sender, with a fake time, a fake random
// source, the in-memory store and a fake central API: a report is stored
// before it is accepted, a full outbox refuses without dropping anything,
// retries back off with full jitter and honour Retry-After, tickets are polled
// while open, and every answer of the central system has its outcome.
#include "stb/outbox.h"

#include <gtest/gtest.h>

#include <regex>

#include "stb/report_sender.h"
#include "tests/stb/report_fakes.h"

namespace stb {
namespace {

const char kBody[] = R"({"box_id":"STB-1","category":"no_picture","diagnostics":{}})";
const std::regex kUuidV4("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(outbox.load(&error)) << error;
  }
  std::string enqueue(int64_t now = 0) {
    std::string error;
    const auto id = outbox.enqueue(kBody, "no_picture", now, &error);
    EXPECT_TRUE(id) << error;
    return id.value_or("");
  }
  std::vector<OutboxReport> stored() {
    std::vector<OutboxReport> rows;
    std::string error;
    EXPECT_TRUE(store.list(&rows, &error)) << error;
    return rows;
  }

  MemoryOutboxStore store;
  FakeRandom random;
  OutboxPolicy policy;
  Outbox outbox{&store, &random, policy};
};

TEST_F(OutboxTest, AReportIsStoredBeforeEnqueueSucceeds) {
  const std::string id = enqueue(500);
  EXPECT_TRUE(std::regex_match(id, kUuidV4)) << id;
  const auto rows = stored();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].report_id, id);
  EXPECT_EQ(rows[0].state, "waiting");
  EXPECT_EQ(rows[0].kind, OutboxKind::kReport);
  EXPECT_EQ(rows[0].created_ms, 500);
  EXPECT_EQ(rows[0].body_json, "{\"report_id\":\"" + id + "\"," + std::string(kBody + 1));
}

// The report's category is a column: the viewer's choice from enqueue, the
// central system's once it answers with one, never read back out of the body.
TEST_F(OutboxTest, TheCategoryIsStoredOnTheRowAndTheAnswerMayReplaceIt) {
  std::string error;
  const auto a = outbox.enqueue(R"({"category":"no_picture"})", "no_sound", 0, &error);
  const auto b = outbox.enqueue(kBody, "no_picture", 0, &error);
  ASSERT_TRUE(a && b) << error;
  auto rows = stored();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].category, "no_sound");  // the column, not the body
  EXPECT_EQ(rows[1].category, "no_picture");

  TicketInfo silent{"T1", "accepted", "2026-12-03T08:15:00Z", "96123"};
  ASSERT_TRUE(outbox.onDelivered(*a, silent, 10, &error)) << error;
  TicketInfo refiled = silent;
  refiled.ticket = "T2";
  refiled.category = "smartcard_message";
  ASSERT_TRUE(outbox.onDelivered(*b, refiled, 10, &error)) << error;
  rows = stored();
  EXPECT_EQ(rows[0].category, "no_sound");  // an answer without one keeps it
  EXPECT_EQ(rows[1].category, "smartcard_message");
}

// A row stored by an older stbd has an empty category column: load reads
// the top-level "category" of its body once, with the JSON reader.
TEST_F(OutboxTest, ARowFromBeforeTheCategoryColumnGetsItsBodysCategoryAtLoad) {
  std::string error;
  OutboxReport old;
  old.report_id = "old";
  old.body_json = R"({"report_id":"old","diagnostics":{"x":{"category":"billing_question"}},)"
                  R"("category":"no_sound","last_errors":["\"category\":\"box_fault\""]})";
  ASSERT_TRUE(store.put(old, &error)) << error;
  OutboxReport unreadable = old;
  unreadable.report_id = "cut";
  unreadable.body_json = R"({"category":"no_sou)";
  ASSERT_TRUE(store.put(unreadable, &error)) << error;
  OutboxReport answered = old;
  answered.report_id = "answered";
  answered.category = "remote_control";
  ASSERT_TRUE(store.put(answered, &error)) << error;
  OutboxReport visit;
  visit.report_id = "rv:T1";
  visit.kind = OutboxKind::kReturnVisit;
  visit.body_json = R"({"fixed":true,"score":5,"category":"other"})";
  ASSERT_TRUE(store.put(visit, &error)) << error;

  Outbox reloaded(&store, &random, policy);
  ASSERT_TRUE(reloaded.load(&error)) << error;
  EXPECT_EQ(reloaded.find("old")->category, "no_sound");
  EXPECT_EQ(reloaded.find("cut")->category, "");  // shown as "other"
  EXPECT_EQ(reloaded.find("answered")->category, "remote_control");
  EXPECT_EQ(reloaded.find("rv:T1")->category, "");
}

TEST_F(OutboxTest, AStoreFailureIsAnErrorAndNothingIsQueued) {
  store.failWrites(true);
  std::string error;
  EXPECT_FALSE(outbox.enqueue(kBody, "no_picture", 0, &error));
  EXPECT_NE(error.find("write refused"), std::string::npos) << error;
  EXPECT_TRUE(outbox.items().empty());
  EXPECT_FALSE(outbox.nextDue(0));
}

TEST_F(OutboxTest, ABodyThatIsNotAnObjectIsRefused) {
  std::string error;
  EXPECT_FALSE(outbox.enqueue("[1,2]", "other", 0, &error));
  EXPECT_FALSE(error.empty());
  const auto id = outbox.enqueue("  { } ", "other", 0, &error);
  ASSERT_TRUE(id);
  EXPECT_EQ(outbox.find(*id)->body_json, "{\"report_id\":\"" + *id + "\" } ");
}

TEST_F(OutboxTest, AFullOutboxRefusesWithAClearErrorAndKeepsEveryOlderReport) {
  policy.max_reports = 3;
  Outbox small(&store, &random, policy);
  std::string error;
  ASSERT_TRUE(small.load(&error));
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) ids.push_back(*small.enqueue(kBody, "no_picture", i, &error));
  EXPECT_FALSE(small.enqueue(kBody, "no_picture", 10, &error));
  EXPECT_EQ(error, "outbox full: 3 reports waiting; call the hotline");
  const auto rows = stored();
  ASSERT_EQ(rows.size(), 3u);
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(rows[static_cast<size_t>(i)].report_id, ids[static_cast<size_t>(i)]);
  // A delivered report frees its place; a refused one keeps it (still shown).
  ASSERT_TRUE(small.onDelivered(ids[0], {"T1", "accepted", "", ""}, 20, &error));
  ASSERT_TRUE(small.onRejected(ids[1], "HTTP 400", &error));
  EXPECT_TRUE(small.enqueue(kBody, "no_picture", 30, &error)) << error;
  EXPECT_FALSE(small.enqueue(kBody, "no_picture", 31, &error));
}

TEST_F(OutboxTest, TheDefaultLimitIsFifty) {
  std::string error;
  for (int i = 0; i < 50; ++i)
    ASSERT_TRUE(outbox.enqueue(kBody, "no_picture", i, &error)) << i << error;
  EXPECT_FALSE(outbox.enqueue(kBody, "no_picture", 50, &error));
  EXPECT_EQ(error, "outbox full: 50 reports waiting; call the hotline");
  EXPECT_EQ(stored().size(), 50u);
}

TEST_F(OutboxTest, UuidsAreVersion4FromTheInjectedSource) {
  FakeRandom fixed;
  fixed.queued = {0, 0, ~uint64_t{0}, ~uint64_t{0}};
  EXPECT_EQ(Outbox::makeUuid(fixed), "00000000-0000-4000-8000-000000000000");
  EXPECT_EQ(Outbox::makeUuid(fixed), "ffffffff-ffff-4fff-bfff-ffffffffffff");
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = Outbox::makeUuid(random);
    EXPECT_TRUE(std::regex_match(id, kUuidV4)) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST_F(OutboxTest, RetriesBackOffWithFullJitterFromFiveSecondsToFifteenMinutes) {
  const int64_t ceilings[] = {5'000,   10'000,  20'000,  40'000,  80'000, 160'000,
                              320'000, 640'000, 900'000, 900'000, 900'000};
  for (int attempt = 1; attempt <= 11; ++attempt) {
    const int64_t ceiling = ceilings[attempt - 1];
    int64_t lo = ceiling, hi = 0;
    for (int i = 0; i < 2000; ++i) {
      const int64_t d = outbox.retryDelayMs(attempt);
      ASSERT_GE(d, 1'000);
      ASSERT_LE(d, ceiling);
      lo = std::min(lo, d);
      hi = std::max(hi, d);
    }
    EXPECT_LT(lo, 1'000 + ceiling / 20) << attempt;  // spread over the whole range
    EXPECT_GT(hi, ceiling - ceiling / 20) << attempt;
  }
  EXPECT_LE(outbox.retryDelayMs(1000), 900'000);  // no overflow
  FakeRandom fixed;
  fixed.queued = {0, 4'000};
  Outbox exact(&store, &fixed);
  EXPECT_EQ(exact.retryDelayMs(1), 1'000);  // floor
  EXPECT_EQ(exact.retryDelayMs(1), 5'000);  // 1000 + 4000 % 4001
}

TEST_F(OutboxTest, AFailedReportWaitsItsBackoffAndIsThenDueAgain) {
  const std::string id = enqueue(0);
  ASSERT_TRUE(outbox.nextDue(0));
  EXPECT_EQ(outbox.nextDue(0)->report_id, id);
  EXPECT_EQ(outbox.nextDue(0)->type, OutboxAction::Type::kSendReport);
  std::string error;
  ASSERT_TRUE(outbox.onFailed(id, 100, std::nullopt, "connection refused", &error));
  const OutboxReport row = stored()[0];
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(row.last_error, "connection refused");
  EXPECT_GE(row.next_attempt_ms, 1'100);
  EXPECT_LE(row.next_attempt_ms, 5'100);
  EXPECT_FALSE(outbox.nextDue(row.next_attempt_ms - 1));
  EXPECT_TRUE(outbox.nextDue(row.next_attempt_ms));
  EXPECT_EQ(outbox.nextWakeMs(), row.next_attempt_ms);
}

TEST_F(OutboxTest, RetryAfterIsNeverUndercut) {
  const std::string id = enqueue(0);
  std::string error;
  ASSERT_TRUE(outbox.onFailed(id, 1'000, int64_t{120'000}, "HTTP 503", &error));
  EXPECT_EQ(outbox.find(id)->next_attempt_ms, 121'000);  // jitter (<= 5 s) is smaller
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(outbox.onFailed(id, 0, int64_t{2'000}, "HTTP 429", &error));
    EXPECT_GE(outbox.find(id)->next_attempt_ms, 2'000);
  }
}

TEST_F(OutboxTest, OldestDueReportGoesFirstAndSendsComeBeforePolls) {
  const std::string a = enqueue(0);
  const std::string b = enqueue(1);
  std::string error;
  ASSERT_TRUE(outbox.onFailed(a, 0, int64_t{10'000}, "x", &error));
  ASSERT_TRUE(outbox.nextDue(1));
  EXPECT_EQ(outbox.nextDue(1)->report_id, b);
  ASSERT_TRUE(outbox.onDelivered(b, {"T1", "accepted", "D", "96123"}, 0, &error));
  EXPECT_FALSE(outbox.nextDue(5'000));
  // At 10 min both the retry of a and the poll of b are due: a first.
  EXPECT_EQ(outbox.nextDue(600'000)->report_id, a);
  ASSERT_TRUE(outbox.onDelivered(a, {"T2", "accepted", "D", "96123"}, 600'000, &error));
  const auto poll = outbox.nextDue(600'000);
  ASSERT_TRUE(poll);
  EXPECT_EQ(poll->type, OutboxAction::Type::kPollTicket);
  EXPECT_EQ(poll->ticket, "T1");
}

TEST_F(OutboxTest, DeliveryKeepsTheTicketAndSchedulesAPollWithinFiveMinutes) {
  const std::string id = enqueue(0);
  std::string error;
  ASSERT_TRUE(outbox.onDelivered(
      id, {"T20261130-000123", "accepted", "2026-12-01T08:15:00Z", "96123"}, 1'000, &error));
  const OutboxReport row = stored()[0];
  EXPECT_EQ(row.state, "sent");
  EXPECT_EQ(row.ticket, "T20261130-000123");
  EXPECT_EQ(row.status, "accepted");
  EXPECT_EQ(row.deadline, "2026-12-01T08:15:00Z");
  EXPECT_EQ(row.hotline, "96123");
  EXPECT_GE(row.next_poll_ms, 1'000 + 150'000);
  EXPECT_LE(row.next_poll_ms, 1'000 + 300'000);
  EXPECT_EQ(outbox.nextWakeMs(), row.next_poll_ms);
  EXPECT_EQ(outbox.waitingReports(), 0);
}

TEST_F(OutboxTest, PollsGrowFromFiveMinutesToSixHoursAndRestartOnAChange) {
  const std::string id = enqueue(0);
  std::string error;
  ASSERT_TRUE(outbox.onDelivered(id, {"T1", "accepted", "D", "H"}, 0, &error));
  int64_t now = 0;
  int64_t last_interval = 0;
  for (int i = 1; i <= 12; ++i) {
    now = outbox.find(id)->next_poll_ms;
    ASSERT_TRUE(outbox.onPolled(id, {"T1", "accepted", "D", ""}, now, &error));
    const int64_t interval = outbox.find(id)->next_poll_ms - now;
    const int64_t ceiling = std::min<int64_t>(300'000LL << i, 21'600'000);
    EXPECT_GE(interval, ceiling / 2) << i;
    EXPECT_LE(interval, ceiling) << i;
    last_interval = interval;
  }
  EXPECT_GE(last_interval, 10'800'000);
  // A technician is assigned: back to five minutes.
  now = outbox.find(id)->next_poll_ms;
  ASSERT_TRUE(outbox.onPolled(id, {"T1", "technician_assigned", "D", ""}, now, &error));
  EXPECT_LE(outbox.find(id)->next_poll_ms - now, 300'000);
  EXPECT_EQ(stored()[0].status, "technician_assigned");
  EXPECT_EQ(stored()[0].hotline, "H");  // polls do not carry it; kept
  // Resolved: polling ends, nothing left to wake up for.
  now = outbox.find(id)->next_poll_ms;
  ASSERT_TRUE(outbox.onPolled(id, {"T1", "resolved", "D", ""}, now, &error));
  EXPECT_FALSE(outbox.nextWakeMs());
  EXPECT_FALSE(outbox.nextDue(now + 100'000'000));
}

TEST_F(OutboxTest, NothingOpenMeansNoWakeUp) {
  EXPECT_FALSE(outbox.nextWakeMs());
  const std::string id = enqueue(0);
  std::string error;
  ASSERT_TRUE(outbox.onDelivered(id, {"T1", "closed", "D", "H"}, 0, &error));
  EXPECT_FALSE(outbox.nextWakeMs());
}

TEST_F(OutboxTest, AFailedPollBacksOffAndHonoursRetryAfter) {
  const std::string id = enqueue(0);
  std::string error;
  ASSERT_TRUE(outbox.onDelivered(id, {"T1", "accepted", "D", "H"}, 0, &error));
  ASSERT_TRUE(outbox.onPollFailed(id, 1'000, int64_t{50'000'000}, "HTTP 503", &error));
  EXPECT_EQ(outbox.find(id)->next_poll_ms, 50'001'000);
  EXPECT_EQ(outbox.find(id)->last_error, "HTTP 503");
}

TEST_F(OutboxTest, ARejectedReportIsKeptVisibleAndNeverSentAgain) {
  const std::string id = enqueue(0);
  std::string error;
  ASSERT_TRUE(outbox.onRejected(id, "HTTP 409 idempotency_conflict", &error));
  EXPECT_FALSE(outbox.nextDue(1'000'000'000));
  EXPECT_FALSE(outbox.nextWakeMs());
  const OutboxReport row = stored()[0];
  EXPECT_EQ(row.state, "failed");
  EXPECT_EQ(row.last_error, "HTTP 409 idempotency_conflict");
  ASSERT_TRUE(outbox.forget(id, &error));
  EXPECT_TRUE(stored().empty());
}

TEST_F(OutboxTest, ReturnVisitAnswersAreQueuedAndRetriedTheSameWay) {
  std::string error;
  const auto id = outbox.enqueueReturnVisit("T1", true, 5, 0, &error);
  ASSERT_TRUE(id) << error;
  EXPECT_EQ(*id, "rv:T1");
  EXPECT_FALSE(outbox.enqueueReturnVisit("T1", false, 1, 0, &error));  // one answer per ticket
  EXPECT_FALSE(outbox.enqueueReturnVisit("T2", true, 6, 0, &error));   // score 1..5
  auto due = outbox.nextDue(0);
  ASSERT_TRUE(due);
  EXPECT_EQ(due->type, OutboxAction::Type::kSendReturnVisit);
  EXPECT_EQ(due->ticket, "T1");
  EXPECT_EQ(due->body_json, R"({"fixed":true,"score":5})");
  ASSERT_TRUE(outbox.onFailed(*id, 0, std::nullopt, "timeout", &error));
  EXPECT_EQ(stored()[0].attempts, 1);
  ASSERT_TRUE(outbox.onDelivered(*id, {"T1", "", "", ""}, 10'000, &error));
  // Answered: kept as sent, so the ticket is never asked about again.
  ASSERT_EQ(stored().size(), 1u);
  EXPECT_EQ(stored()[0].state, "sent");
  EXPECT_FALSE(outbox.enqueueReturnVisit("T1", false, 1, 0, &error));
  EXPECT_FALSE(outbox.nextWakeMs());
}

TEST_F(OutboxTest, AfterARestartEverythingWaitingIsDueAtOnce) {
  const std::string a = enqueue(0);
  const std::string b = enqueue(0);
  std::string error;
  ASSERT_TRUE(outbox.onFailed(a, 0, int64_t{900'000}, "x", &error));
  ASSERT_TRUE(outbox.onDelivered(b, {"T1", "accepted", "D", "H"}, 0, &error));
  // The "reboot": a new outbox on the same store, a clock that restarted.
  Outbox again(&store, &random);
  ASSERT_TRUE(again.load(&error));
  again.resume(5);
  ASSERT_EQ(again.items().size(), 2u);
  EXPECT_EQ(again.find(a)->attempts, 1);
  EXPECT_EQ(again.nextDue(5)->report_id, a);
  ASSERT_TRUE(again.onDelivered(a, {"T2", "accepted", "D", "H"}, 5, &error));
  EXPECT_EQ(again.nextDue(5)->type, OutboxAction::Type::kPollTicket);
}

TEST_F(OutboxTest, AnUnreadableStoreRefusesNewReports) {
  store.failReads(true);
  Outbox broken(&store, &random);
  std::string error;
  EXPECT_FALSE(broken.load(&error));
  EXPECT_FALSE(broken.enqueue(kBody, "no_picture", 0, &error));
  EXPECT_NE(error.find("call the hotline"), std::string::npos) << error;
}

TEST_F(OutboxTest, OutcomesAreKeptInMemoryWhenTheStoreFails) {
  const std::string id = enqueue(0);
  store.failWrites(true);
  std::string error;
  EXPECT_FALSE(outbox.onFailed(id, 0, int64_t{60'000}, "x", &error));
  EXPECT_FALSE(error.empty());
  EXPECT_EQ(outbox.find(id)->next_attempt_ms, 60'000);  // no hammering the server
}

// ---- JSON helpers ----

TEST(JsonStringMember, FindsTopLevelStringsOnly) {
  const std::string j = R"({"nested":{"ticket":"no"},"list":["ticket",1],"n":3.5,"ok":true,)"
                        R"("ticket":"T\"1\u00e9","status" : "accepted"})";
  EXPECT_EQ(jsonStringMember(j, "ticket"), "T\"1\xC3\xA9");
  EXPECT_EQ(jsonStringMember(j, "status"), "accepted");
  EXPECT_FALSE(jsonStringMember(j, "n"));
  EXPECT_FALSE(jsonStringMember(j, "missing"));
  EXPECT_FALSE(jsonStringMember("not json", "ticket"));
  EXPECT_FALSE(jsonStringMember(R"({"ticket":)", "ticket"));
}

// ---- ReportSender ----

const char kTicket[] = R"({"ticket":"T20261130-000123","status":"accepted","severity":"major",)"
                       R"("deadline":"2026-12-03T08:15:00Z","hotline":"96123"})";

class SenderTest : public OutboxTest {
 protected:
  void SetUp() override {
    OutboxTest::SetUp();
    sender = std::make_unique<ReportSender>(&outbox, &api, &clock, &log,
                                            [this](std::optional<int64_t> t) { wake = t; });
  }
  FakeApi api;
  FakeClock clock;
  RecordingLog log;
  std::optional<int64_t> wake;
  std::unique_ptr<ReportSender> sender;
};

TEST_F(SenderTest, ADueReportIsPostedWithItsIdempotencyKeyAndItsTicketKept) {
  const std::string id = enqueue(clock.now);
  sender->run();
  ASSERT_EQ(api.calls.size(), 1u);
  EXPECT_EQ(api.calls[0].path, "/v1/reports");
  EXPECT_EQ(api.calls[0].headers, std::vector<std::string>{"Idempotency-Key: " + id});
  EXPECT_EQ(api.calls[0].body, outbox.find(id)->body_json);
  sender->run();  // one request at a time
  EXPECT_EQ(api.calls.size(), 1u);
  api.answer(201, kTicket);
  EXPECT_EQ(stored()[0].state, "sent");
  EXPECT_EQ(stored()[0].ticket, "T20261130-000123");
  EXPECT_TRUE(
      log.has("info: central: report " + id + " delivered (HTTP 201): ticket T20261130-000123"))
      << log.dump();
  ASSERT_TRUE(wake);
  EXPECT_GE(*wake, clock.now + 150'000);  // the first poll
}

TEST_F(SenderTest, ServerTroubleAndNetworkFailuresAreRetriedWithBackoff) {
  const std::string id = enqueue(clock.now);
  sender->run();
  api.answer(503, R"({"error":"unavailable","message":"busy"})", int64_t{30'000});
  EXPECT_EQ(outbox.find(id)->state, "waiting");
  EXPECT_EQ(outbox.find(id)->next_attempt_ms, clock.now + 30'000);
  EXPECT_EQ(wake, clock.now + 30'000);
  EXPECT_TRUE(log.has("warning: central: report " + id +
                      " not delivered: HTTP 503 unavailable: busy (retry after 30 s); attempt 1"))
      << log.dump();
  EXPECT_TRUE(api.calls.empty());
  clock.now += 30'000;
  sender->run();
  api.fail(7, "cannot connect to the central system (refused or unreachable)");
  EXPECT_EQ(outbox.find(id)->attempts, 2);
  EXPECT_EQ(outbox.find(id)->last_error,
            "cannot connect to the central system (refused or unreachable)");
  clock.now = *wake;
  sender->run();
  api.answer(429, "{}");
  EXPECT_EQ(outbox.find(id)->attempts, 3);
  clock.now = *wake;
  sender->run();
  api.answer(200, kTicket);  // a repeat of the same key: same ticket
  EXPECT_EQ(outbox.find(id)->state, "sent");
}

TEST_F(SenderTest, ConflictsAndInvalidReportsAreFailedForGoodAndLogged) {
  const std::string a = enqueue(clock.now);
  const std::string b = enqueue(clock.now);
  const std::string c = enqueue(clock.now);
  sender->run();
  api.answer(409, R"({"error":"idempotency_conflict","message":"key used with another report"})");
  api.answer(400, R"({"error":"invalid_field","message":"category"})");
  api.answer(403, R"({"error":"forbidden","message":"box_id is not the certificate's CN"})");
  for (const auto& id : {a, b, c}) {
    EXPECT_EQ(outbox.find(id)->state, "failed") << id;
    EXPECT_EQ(outbox.find(id)->attempts, 1);
  }
  EXPECT_TRUE(
      log.has("error: central: report " + a + " refused for good: HTTP 409 idempotency_conflict"))
      << log.dump();
  EXPECT_TRUE(log.has("HTTP 400 invalid_field: category"));
  EXPECT_TRUE(log.has("HTTP 403 forbidden"));
  EXPECT_FALSE(wake);  // nothing left to do
  clock.now += 100'000'000;
  sender->run();
  EXPECT_TRUE(api.calls.empty());
}

TEST_F(SenderTest, OpenTicketsArePolledUntilResolved) {
  const std::string id = enqueue(clock.now);
  sender->run();
  api.answer(201, kTicket);
  clock.now = *wake;
  sender->run();
  ASSERT_EQ(api.calls.size(), 1u);
  EXPECT_EQ(api.calls[0].path, "/v1/tickets/T20261130-000123");
  EXPECT_EQ(api.calls[0].body, "");
  api.answer(200, R"({"ticket":"T20261130-000123","status":"technician_assigned"})");
  EXPECT_EQ(outbox.find(id)->status, "technician_assigned");
  EXPECT_TRUE(log.has("ticket T20261130-000123 is now technician_assigned"));
  clock.now = *wake;
  sender->run();
  api.fail(28, "the central system did not answer in time");
  EXPECT_EQ(outbox.find(id)->poll_attempts, 1);
  clock.now = *wake;
  sender->run();
  api.answer(200, R"({"ticket":"T20261130-000123","status":"resolved"})");
  EXPECT_FALSE(wake);
}

TEST_F(SenderTest, ReturnVisitsArePostedToTheirTicket) {
  std::string error;
  ASSERT_TRUE(outbox.enqueueReturnVisit("T1", false, 2, clock.now, &error));
  ASSERT_TRUE(outbox.enqueueReturnVisit("T2", true, 4, clock.now, &error));
  sender->run();
  ASSERT_EQ(api.calls.size(), 1u);
  EXPECT_EQ(api.calls[0].path, "/v1/tickets/T1/return-visit");
  EXPECT_EQ(api.calls[0].body, R"({"fixed":false,"score":2})");
  api.answer(200, R"({"ticket":"T1","fixed":false,"score":2})");
  // Our earlier attempt got through and its answer was lost: done as well.
  api.answer(409, R"({"error":"already_answered","message":"x"})");
  ASSERT_EQ(outbox.items().size(), 2u);
  for (const auto& r : outbox.items()) EXPECT_EQ(r.state, "sent") << r.report_id;
  EXPECT_FALSE(wake);
}

TEST_F(SenderTest, ASenderGoneBeforeTheAnswerLeavesTheReportWaiting) {
  const std::string id = enqueue(clock.now);
  sender->run();
  sender.reset();
  api.answer(201, kTicket);
  EXPECT_EQ(stored()[0].state, "waiting");
  EXPECT_EQ(stored()[0].attempts, 0);
}

TEST_F(SenderTest, AnOkWithoutATicketIsRetried) {
  const std::string id = enqueue(clock.now);
  sender->run();
  api.answer(200, "{}");
  EXPECT_EQ(outbox.find(id)->state, "waiting");
  EXPECT_EQ(outbox.find(id)->attempts, 1);
}

}  // namespace
}  // namespace stb
