// The desk's changes and queries on the ticket store: every change writes
// its event with its actor, status moves stay checked, a "not fixed" answer
// reopens, a low score flags, and the queues find what they should.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/tools/stb_central/pg_test_db.h"
#include "tests/tools/stb_central/stb_central_test_util.h"
#include "tools/stb-central/report_validation.h"
#include "tools/stb-central/ticket_store.h"

namespace tools::central {
namespace {

using nlohmann::json;
using stb_central_test::Backend;
using stb_central_test::reportJson;
using stb_central_test::ScratchDir;

constexpr UtcSeconds kHour = 3600;
const UtcSeconds kNow = *dvb::parseIso8601("2026-12-01T08:00:00Z");

// On SQLite and on PostgreSQL alike.
class DeskStoreTest : public testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    std::string error;
    db_ = stb_central_test::testDatabase(GetParam(), dir_, &error);
    ASSERT_FALSE(db_.empty()) << error;
    store_ = TicketStore::open(db_, &error);
    ASSERT_TRUE(store_) << error;
  }
  Ticket file(int n, const SubmitTerms& terms, UtcSeconds at = kNow,
              const std::string& area = "A01") {
    char id[40];
    std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", n);
    NewReport r;
    ValidationError problem;
    EXPECT_TRUE(parseReport(reportJson(id, "STB-TEST-0001"), &r, &problem)) << problem.message;
    r.area_code = area;
    SubmitResult result;
    std::string error;
    EXPECT_TRUE(store_->submit(r, terms, at, &result, &error)) << error;
    return result.ticket;
  }
  std::vector<TicketEvent> events(const std::string& t) {
    std::vector<TicketEvent> out;
    std::string error;
    EXPECT_TRUE(store_->timeline(t, &out, &error)) << error;
    return out;
  }
  std::string kinds(const std::string& t) {
    std::string all;
    for (const TicketEvent& e : events(t)) all += (all.empty() ? "" : " ") + e.kind;
    return all;
  }
  Ticket find(const std::string& t) {
    std::optional<Ticket> out;
    std::string error;
    EXPECT_TRUE(store_->findTicket(t, &out, &error)) << error;
    return out.value_or(Ticket{});
  }
  std::vector<std::string> names(const std::vector<Ticket>& tickets) {
    std::vector<std::string> out;
    for (const Ticket& t : tickets) out.push_back(t.ticket);
    return out;
  }
  ScratchDir dir_{"desk"};
  std::string db_;
  std::unique_ptr<TicketStore> store_;
};

INSTANTIATE_TEST_SUITE_P(Backends, DeskStoreTest,
                         testing::Values(Backend::kSqlite, Backend::kPostgres),
                         stb_central_test::backendName);

const SubmitTerms kGeneral{Severity::kGeneral, "general_fault", kNow + 24 * kHour, ""};
const SubmitTerms kWang{Severity::kGeneral, "general_fault", kNow + 24 * kHour, "wang"};

TEST_P(DeskStoreTest, SubmitWritesAcceptedAndTheFirstAssignment) {
  const Ticket t = file(1, kWang);
  EXPECT_EQ(t.charter_category, "general_fault");
  EXPECT_EQ(t.assignee, "wang");
  EXPECT_EQ(t.status, TicketStatus::kTechnicianAssigned);
  EXPECT_EQ(t.accepted, kNow);
  EXPECT_EQ(t.callback_phone, "13800138000");
  const Ticket stored = find(t.ticket);
  EXPECT_EQ(stored.assignee, "wang");
  EXPECT_EQ(stored.charter_category, "general_fault");
  EXPECT_EQ(stored.accepted, kNow);
  const auto e = events(t.ticket);
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].kind, "accepted");
  EXPECT_EQ(e[0].actor, "box:STB-TEST-0001");
  EXPECT_EQ(e[0].at, kNow);
  const json accepted = json::parse(e[0].detail);
  EXPECT_EQ(accepted["deadline"], "2026-12-02T08:00:00Z");
  EXPECT_EQ(accepted["charter_category"], "general_fault");
  EXPECT_EQ(e[1].kind, "assigned");
  EXPECT_EQ(e[1].actor, "system");
  EXPECT_EQ(json::parse(e[1].detail)["assignee"], "wang");
  // Nobody for the area: accepted alone.
  const Ticket nobody = file(2, kGeneral);
  EXPECT_EQ(nobody.status, TicketStatus::kAccepted);
  EXPECT_FALSE(nobody.assignee);
  EXPECT_EQ(kinds(nobody.ticket), "accepted");
  // A replay writes nothing more.
  file(1, kWang, kNow + 60);
  EXPECT_EQ(events(t.ticket).size(), 2u);
}

TEST_P(DeskStoreTest, AssignAndReassignAreKeptWithWhoAndWhen) {
  const std::string t = file(1, kGeneral).ticket;
  ChangeResult r;
  std::string error;
  ASSERT_TRUE(store_->assign(t, "wang", "desk1", kNow + 60, &r, &error)) << error;
  EXPECT_EQ(r.outcome, ChangeOutcome::kDone);
  EXPECT_EQ(r.ticket.assignee, "wang");
  EXPECT_EQ(r.ticket.status, TicketStatus::kTechnicianAssigned);
  ASSERT_TRUE(store_->assign(t, "wang", "desk1", kNow + 70, &r, &error));  // the same: nothing
  EXPECT_EQ(r.outcome, ChangeOutcome::kDone);
  ASSERT_TRUE(store_->assign(t, "li", "boss", kNow + 120, &r, &error));
  const auto e = events(t);
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[1].kind, "assigned");
  EXPECT_EQ(e[1].actor, "desk1");
  EXPECT_EQ(e[1].at, kNow + 60);
  EXPECT_EQ(json::parse(e[1].detail), (json{{"assignee", "wang"}, {"previous", nullptr}}));
  EXPECT_EQ(e[2].actor, "boss");
  EXPECT_EQ(json::parse(e[2].detail), (json{{"assignee", "li"}, {"previous", "wang"}}));
  EXPECT_EQ(find(t).assignee, "li");
  EXPECT_EQ(find(t).updated, kNow + 120);
  // Not once it is resolved; not an unknown ticket; not without a worker.
  ASSERT_TRUE(store_->resolve(t, "li", kNow + 200, &r, &error));
  ASSERT_TRUE(store_->assign(t, "wang", "boss", kNow + 300, &r, &error));
  EXPECT_EQ(r.outcome, ChangeOutcome::kWrongStatus);
  EXPECT_EQ(r.ticket.assignee, "li");
  ASSERT_TRUE(store_->assign("T20261201-000099", "wang", "boss", kNow, &r, &error));
  EXPECT_EQ(r.outcome, ChangeOutcome::kNotFound);
  EXPECT_FALSE(store_->assign(t, "", "boss", kNow, &r, &error));
}

TEST_P(DeskStoreTest, StatusMovesStayChecked) {
  const std::string t = file(1, kWang).ticket;
  ChangeResult r;
  std::string error;
  ASSERT_TRUE(store_->markVisited(t, "wang", "replaced the cable", kNow + 60, &r, &error));
  EXPECT_EQ(r.outcome, ChangeOutcome::kDone);
  ASSERT_TRUE(store_->resolve(t, "wang", kNow + 3600, &r, &error));
  EXPECT_EQ(r.outcome, ChangeOutcome::kDone);
  EXPECT_EQ(r.ticket.status, TicketStatus::kResolved);
  EXPECT_EQ(r.ticket.resolved_at, kNow + 3600);
  EXPECT_EQ(r.ticket.return_visit_due, kNow + 3600 + 72 * kHour);
  ASSERT_TRUE(store_->resolve(t, "wang", kNow + 3700, &r, &error));
  EXPECT_EQ(r.outcome, ChangeOutcome::kWrongStatus);
  ASSERT_TRUE(store_->markVisited(t, "wang", "", kNow + 3700, &r, &error));
  EXPECT_EQ(r.outcome, ChangeOutcome::kWrongStatus);
  ASSERT_TRUE(store_->close(t, "boss", kNow + 4000, &r, &error));
  EXPECT_EQ(r.outcome, ChangeOutcome::kDone);
  ASSERT_TRUE(store_->close(t, "boss", kNow + 4100, &r, &error));
  EXPECT_EQ(r.outcome, ChangeOutcome::kWrongStatus);
  ASSERT_TRUE(store_->resolve(t, "wang", kNow + 4200, &r, &error));
  EXPECT_EQ(r.outcome, ChangeOutcome::kWrongStatus);
  EXPECT_EQ(r.ticket.status, TicketStatus::kClosed);
  EXPECT_EQ(kinds(t), "accepted assigned visited resolved closed");
  const auto e = events(t);
  EXPECT_EQ(json::parse(e[2].detail)["note"], "replaced the cable");
  EXPECT_EQ(json::parse(e[3].detail)["return_visit_due"], "2026-12-04T09:00:00Z");
  EXPECT_EQ(e[4].actor, "boss");
  // setStatus (the admin command) writes its events too.
  const std::string u = file(2, kGeneral).ticket;
  ChangeOutcome outcome;
  ASSERT_TRUE(store_->setStatus(u, TicketStatus::kResolved, "cli", kNow + 50, &outcome, &error));
  EXPECT_EQ(outcome, ChangeOutcome::kDone);
  EXPECT_EQ(find(u).return_visit_due, kNow + 50 + 72 * kHour);
  ASSERT_TRUE(
      store_->setStatus(u, TicketStatus::kTechnicianAssigned, "cli", kNow + 60, &outcome, &error));
  EXPECT_EQ(outcome, ChangeOutcome::kWrongStatus);
  EXPECT_EQ(kinds(u), "accepted resolved");
  EXPECT_EQ(events(u)[1].actor, "cli");
}

TEST_P(DeskStoreTest, NotFixedReopensWithTheNewDeadlineAndALowScoreFlags) {
  const std::string t = file(1, kWang).ticket;
  ChangeResult r;
  std::string error;
  ASSERT_TRUE(store_->resolve(t, "wang", kNow + kHour, &r, &error));
  // The box says not fixed, score 2: reopened (wang still has it), flagged.
  const UtcSeconds answered = kNow + 5 * kHour;
  ASSERT_TRUE(store_->recordReturnVisit(t, ReturnVisitAnswer{false, 2, "", answered + 24 * kHour},
                                        answered, &r, &error))
      << error;
  EXPECT_EQ(r.outcome, ChangeOutcome::kDone);
  EXPECT_EQ(r.ticket.status, TicketStatus::kTechnicianAssigned);
  EXPECT_EQ(r.ticket.deadline, answered + 24 * kHour);
  EXPECT_FALSE(r.ticket.return_visit_due);
  EXPECT_FALSE(r.ticket.resolved_at);
  EXPECT_EQ(r.ticket.flags, kFlagLowScore);
  EXPECT_EQ(find(t).deadline, answered + 24 * kHour);
  EXPECT_EQ(kinds(t), "accepted assigned resolved return_visit reopened flagged");
  const auto e = events(t);
  for (size_t i = 3; i < e.size(); ++i) EXPECT_EQ(e[i].actor, "box:STB-TEST-0001");
  EXPECT_EQ(json::parse(e[3].detail), (json{{"fixed", false}, {"score", 2}, {"via", "box"}}));
  EXPECT_EQ(json::parse(e[4].detail)["deadline"], "2026-12-02T13:00:00Z");
  // Answered: a second answer (a box retrying) is refused until it is
  // resolved again; then it is owed again.
  ASSERT_TRUE(store_->recordReturnVisit(t, ReturnVisitAnswer{true, 5, "", std::nullopt},
                                        answered + 60, &r, &error));
  EXPECT_EQ(r.outcome, ChangeOutcome::kAlreadyAnswered);
  ASSERT_TRUE(store_->resolve(t, "wang", answered + 2 * kHour, &r, &error));
  ASSERT_TRUE(store_->logCallback(t, ReturnVisitAnswer{true, 4, "all channels back", std::nullopt},
                                  "desk1", answered + 3 * kHour, &r, &error));
  EXPECT_EQ(r.outcome, ChangeOutcome::kDone);
  EXPECT_EQ(r.ticket.status, TicketStatus::kResolved);
  EXPECT_EQ(events(t).back().kind, "callback_logged");
  EXPECT_EQ(events(t).back().actor, "desk1");
  std::vector<ReturnVisit> visits;
  ASSERT_TRUE(store_->listReturnVisits(&visits, &error));
  ASSERT_EQ(visits.size(), 2u);
  EXPECT_EQ(visits[1].via, "callback");
  EXPECT_EQ(visits[1].note, "all channels back");
  EXPECT_EQ(visits[1].actor, "desk1");
  // The supervisor has seen it.
  std::vector<Ticket> flagged;
  ASSERT_TRUE(store_->flaggedTickets(&flagged, &error));
  EXPECT_EQ(names(flagged), std::vector<std::string>{t});
  ASSERT_TRUE(store_->clearFlags(t, "boss", answered + 4 * kHour, &r, &error));
  EXPECT_EQ(r.ticket.flags, 0u);
  ASSERT_TRUE(store_->flaggedTickets(&flagged, &error));
  EXPECT_TRUE(flagged.empty());
  EXPECT_EQ(events(t).back().detail, R"({"cleared":true})");
  // A score outside 1..5 is refused before anything is written.
  ASSERT_TRUE(store_->resolve(t, "wang", answered + 5 * kHour, &r, &error));
  EXPECT_FALSE(store_->logCallback(t, ReturnVisitAnswer{true, 0, "", std::nullopt}, "desk1",
                                   answered + 6 * kHour, &r, &error));
  EXPECT_EQ(find(t).status, TicketStatus::kResolved);
}

TEST_P(DeskStoreTest, TheOldAnswerFormReopensWithTheFirstAllowanceAgain) {
  // Nobody has it: back to accepted; 24 h from the answer, as the first time.
  const std::string t = file(1, kGeneral).ticket;
  ChangeResult r;
  std::string error;
  ASSERT_TRUE(store_->resolve(t, "desk1", kNow + kHour, &r, &error));
  ChangeOutcome outcome;
  ASSERT_TRUE(store_->recordReturnVisit(t, false, 3, kNow + 2 * kHour, &outcome, &error));
  EXPECT_EQ(outcome, ChangeOutcome::kDone);
  Ticket reopened = find(t);
  EXPECT_EQ(reopened.status, TicketStatus::kAccepted);
  EXPECT_EQ(reopened.deadline, kNow + 26 * kHour);
  EXPECT_EQ(reopened.flags, 0u);  // score 3
  // And again after a second resolution: still 24 h, not the reopened span.
  ASSERT_TRUE(store_->resolve(t, "desk1", kNow + 3 * kHour, &r, &error));
  ASSERT_TRUE(store_->recordReturnVisit(t, false, 3, kNow + 4 * kHour, &outcome, &error));
  EXPECT_EQ(find(t).deadline, kNow + 28 * kHour);
  EXPECT_EQ(kinds(t), "accepted resolved return_visit reopened resolved return_visit reopened");
}

TEST_P(DeskStoreTest, TheQueueFilters) {
  // 1: A01 wang, due in 24 h; 2: A02 nobody, overdue by 1 h; 3: A01 li,
  // complaint, due in 3 h; 4: A02 nobody, overdue but resolved.
  const std::string t1 = file(1, kWang).ticket;
  const std::string t2 = file(2, SubmitTerms{Severity::kMajor, "major_fault", kNow - kHour, ""},
                              kNow - 80 * kHour, "A02")
                             .ticket;
  const std::string t3 =
      file(3, SubmitTerms{Severity::kGeneral, "complaint", kNow + 3 * kHour, "li"}).ticket;
  const std::string t4 =
      file(4, SubmitTerms{Severity::kGeneral, "general_fault", kNow - 2 * kHour, ""},
           kNow - 30 * kHour, "A02")
          .ticket;
  ChangeResult r;
  std::string error;
  ASSERT_TRUE(store_->resolve(t4, "desk1", kNow - kHour, &r, &error));
  const auto q = [&](QueueFilter f) {
    f.now = kNow;
    std::vector<Ticket> out;
    std::string e;
    EXPECT_TRUE(store_->queue(f, &out, &e)) << e;
    return names(out);
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(q({}), (V{t4, t2, t3, t1}));  // most urgent first
  QueueFilter f;
  f.open_only = true;
  EXPECT_EQ(q(f), (V{t2, t3, t1}));
  f = {};
  f.status = TicketStatus::kResolved;
  EXPECT_EQ(q(f), (V{t4}));
  f = {};
  f.overdue = true;
  EXPECT_EQ(q(f), (V{t2}));
  f = {};
  f.due_soon = true;
  EXPECT_EQ(q(f), (V{t3}));
  f = {};
  f.area_code = "A01";
  EXPECT_EQ(q(f), (V{t3, t1}));
  f = {};
  f.charter_category = "complaint";
  EXPECT_EQ(q(f), (V{t3}));
  f = {};
  f.assignee = "wang";
  EXPECT_EQ(q(f), (V{t1}));
  f = {};
  f.assignee = "";
  EXPECT_EQ(q(f), (V{t4, t2}));
  f.open_only = true;
  f.area_code = "A02";
  EXPECT_EQ(q(f), (V{t2}));
  f = {};
  f.limit = 2;
  EXPECT_EQ(q(f), (V{t4, t2}));
}

TEST_P(DeskStoreTest, ReturnVisitsWaitForTheBoxThenGoToTheCallBackQueue) {
  const std::string t1 = file(1, kWang).ticket;
  const std::string t2 = file(2, kWang).ticket;
  const std::string t3 = file(3, kWang).ticket;
  ChangeResult r;
  std::string error;
  ASSERT_TRUE(store_->resolve(t1, "wang", kNow + kHour, &r, &error));
  ASSERT_TRUE(store_->resolve(t2, "wang", kNow + 2 * kHour, &r, &error));
  ASSERT_TRUE(store_->resolve(t3, "wang", kNow + 3 * kHour, &r, &error));
  ASSERT_TRUE(store_->recordReturnVisit(t3, ReturnVisitAnswer{true, 5, "", std::nullopt},
                                        kNow + 4 * kHour, &r, &error));
  // A closed ticket still owes its return visit.
  ASSERT_TRUE(store_->close(t2, "boss", kNow + 5 * kHour, &r, &error));
  const auto queues = [&](UtcSeconds now) {
    std::vector<Ticket> waiting, callback;
    std::string e;
    EXPECT_TRUE(store_->returnVisitQueue(now, &waiting, &e)) << e;
    EXPECT_TRUE(store_->callbackQueue(now, &callback, &e)) << e;
    return std::make_pair(names(waiting), names(callback));
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(queues(kNow + 10 * kHour), std::make_pair(V{t1, t2}, V{}));
  // t1's 72 h end at kNow + 73 h.
  EXPECT_EQ(queues(kNow + 73 * kHour), std::make_pair(V{t2}, V{t1}));
  EXPECT_EQ(queues(kNow + 80 * kHour), std::make_pair(V{}, (V{t1, t2})));
  ASSERT_TRUE(store_->logCallback(t1, ReturnVisitAnswer{true, 4, "", std::nullopt}, "desk1",
                                  kNow + 81 * kHour, &r, &error));
  EXPECT_EQ(queues(kNow + 82 * kHour), std::make_pair(V{}, V{t2}));
}

TEST_P(DeskStoreTest, AReadOnlyStoreChangesNothing) {
  const std::string t = file(1, kWang).ticket;
  TicketStore::OpenOptions options;
  options.access = TicketStore::Access::kReadOnly;
  std::string error;
  auto reader = TicketStore::open(db_, options, &error);
  ASSERT_TRUE(reader) << error;
  ChangeResult r;
  EXPECT_FALSE(reader->resolve(t, "wang", kNow, &r, &error));
  // SQLite: "attempt to write a readonly database"; PostgreSQL: "cannot
  // execute UPDATE in a read-only transaction".
  EXPECT_TRUE(error.find("readonly") != std::string::npos ||
              error.find("read-only") != std::string::npos)
      << error;
  std::vector<TicketEvent> e;
  ASSERT_TRUE(reader->timeline(t, &e, &error)) << error;
  EXPECT_EQ(e.size(), 2u);
  std::vector<TicketHistory> h;
  ASSERT_TRUE(reader->histories(kNow + 1, &h, &error)) << error;
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0].events.size(), 2u);
}

}  // namespace
}  // namespace tools::central
