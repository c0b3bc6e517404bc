// TicketStore: idempotent submission, per-day numbering, status changes and
// return visits, persistence across reopening.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "tests/tools/stb_central/pg_test_db.h"
#include "tests/tools/stb_central/stb_central_test_util.h"
#include "tools/stb-central/report_validation.h"
#include "tools/stb-central/ticket_store.h"

namespace tools::central {
namespace {

using stb_central_test::Backend;
using stb_central_test::reportJson;
using stb_central_test::ScratchDir;

const UtcSeconds kNov30 = *dvb::parseIso8601("2026-11-30T10:00:00Z");

NewReport report(const std::string& id, const std::string& category = "no_picture") {
  NewReport r;
  ValidationError problem;
  EXPECT_TRUE(parseReport(reportJson(id, "STB-TEST-0001", category), &r, &problem))
      << problem.message;
  return r;
}

std::string uuid(int n) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "00000000-0000-4000-8000-%012d", n);
  return buf;
}

// On SQLite and on PostgreSQL alike.
class TicketStoreTest : public testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    std::string error;
    db_ = stb_central_test::testDatabase(GetParam(), dir_, &error);
    ASSERT_FALSE(db_.empty()) << error;
    store_ = TicketStore::open(db_, &error);
    ASSERT_TRUE(store_) << error;
  }
  SubmitResult submit(const NewReport& r, UtcSeconds now = kNov30) {
    SubmitResult result;
    std::string error;
    EXPECT_TRUE(
        store_->submit(r, SubmitTerms{Severity::kMajor, "major_fault", r.created + 72 * 3600, ""},
                       now, &result, &error))
        << error;
    return result;
  }
  ScratchDir dir_{"store"};
  std::string db_;
  std::unique_ptr<TicketStore> store_;
};

INSTANTIATE_TEST_SUITE_P(Backends, TicketStoreTest,
                         testing::Values(Backend::kSqlite, Backend::kPostgres),
                         stb_central_test::backendName);

TEST_P(TicketStoreTest, SameReportTwiceGivesOneTicket) {
  const SubmitResult first = submit(report(uuid(1)));
  EXPECT_EQ(first.outcome, SubmitOutcome::kCreated);
  EXPECT_EQ(first.ticket.ticket, "T20261130-000001");
  const SubmitResult again = submit(report(uuid(1)), kNov30 + 60);
  EXPECT_EQ(again.outcome, SubmitOutcome::kReplayed);
  EXPECT_EQ(again.ticket.ticket, first.ticket.ticket);
  EXPECT_EQ(again.ticket.received, first.ticket.received);
  std::vector<Ticket> all;
  std::string error;
  ASSERT_TRUE(store_->listTickets(&all, &error)) << error;
  EXPECT_EQ(all.size(), 1u);
}

TEST_P(TicketStoreTest, SameIdDifferentReportIsAConflict) {
  submit(report(uuid(1)));
  EXPECT_EQ(submit(report(uuid(1), "no_sound")).outcome, SubmitOutcome::kConflict);
  std::vector<Ticket> all;
  std::string error;
  ASSERT_TRUE(store_->listTickets(&all, &error));
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].category, "no_picture");
}

TEST_P(TicketStoreTest, NumbersCountPerDay) {
  EXPECT_EQ(submit(report(uuid(1))).ticket.ticket, "T20261130-000001");
  EXPECT_EQ(submit(report(uuid(2))).ticket.ticket, "T20261130-000002");
  EXPECT_EQ(submit(report(uuid(3)), kNov30 + 86400).ticket.ticket, "T20261201-000001");
  EXPECT_EQ(submit(report(uuid(4))).ticket.ticket, "T20261130-000003");
}

TEST_P(TicketStoreTest, KeepsTheReportAsSentAndSurvivesReopening) {
  const NewReport r = report(uuid(1));
  const std::string ticket = submit(r).ticket.ticket;
  store_.reset();
  std::string error;
  store_ = TicketStore::open(db_, &error);
  ASSERT_TRUE(store_) << error;
  std::optional<std::string> body;
  ASSERT_TRUE(store_->reportBody(ticket, &body, &error));
  ASSERT_TRUE(body);
  EXPECT_EQ(*body, r.raw_body);
  EXPECT_NE(body->find("\"snr_db\": 21.5"), std::string::npos);
  ASSERT_TRUE(store_->reportBody("T20261130-000099", &body, &error));
  EXPECT_FALSE(body);
}

TEST_P(TicketStoreTest, StatusesOnlyMoveForward) {
  const std::string t = submit(report(uuid(1))).ticket.ticket;
  ChangeOutcome outcome;
  std::string error;
  ASSERT_TRUE(store_->setStatus(t, TicketStatus::kTechnicianAssigned, "test", kNov30 + 5, &outcome,
                                &error));
  EXPECT_EQ(outcome, ChangeOutcome::kDone);
  ASSERT_TRUE(store_->setStatus(t, TicketStatus::kAccepted, "test", kNov30 + 6, &outcome, &error));
  EXPECT_EQ(outcome, ChangeOutcome::kWrongStatus);
  ASSERT_TRUE(store_->setStatus(t, TicketStatus::kTechnicianAssigned, "test", kNov30 + 6, &outcome,
                                &error));
  EXPECT_EQ(outcome, ChangeOutcome::kWrongStatus);
  ASSERT_TRUE(store_->setStatus("T20261130-000099", TicketStatus::kResolved, "test", kNov30,
                                &outcome, &error));
  EXPECT_EQ(outcome, ChangeOutcome::kNotFound);
  std::optional<Ticket> found;
  ASSERT_TRUE(store_->findTicket(t, &found, &error));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->status, TicketStatus::kTechnicianAssigned);
  EXPECT_EQ(found->updated, kNov30 + 5);
}

TEST_P(TicketStoreTest, ReturnVisitOnlyOnceAndOnlyWhenResolved) {
  const std::string t = submit(report(uuid(1))).ticket.ticket;
  ChangeOutcome outcome;
  std::string error;
  ASSERT_TRUE(store_->recordReturnVisit(t, true, 5, kNov30, &outcome, &error));
  EXPECT_EQ(outcome, ChangeOutcome::kWrongStatus);
  ASSERT_TRUE(store_->setStatus(t, TicketStatus::kResolved, "test", kNov30 + 1, &outcome, &error));
  ASSERT_TRUE(store_->recordReturnVisit(t, false, 2, kNov30 + 2, &outcome, &error));
  EXPECT_EQ(outcome, ChangeOutcome::kDone);
  ASSERT_TRUE(store_->recordReturnVisit(t, true, 5, kNov30 + 3, &outcome, &error));
  EXPECT_EQ(outcome, ChangeOutcome::kAlreadyAnswered);
  ASSERT_TRUE(store_->recordReturnVisit("T20261130-000099", true, 5, kNov30, &outcome, &error));
  EXPECT_EQ(outcome, ChangeOutcome::kNotFound);
  std::vector<ReturnVisit> visits;
  ASSERT_TRUE(store_->listReturnVisits(&visits, &error));
  ASSERT_EQ(visits.size(), 1u);
  EXPECT_FALSE(visits[0].fixed);
  EXPECT_EQ(visits[0].score, 2);
  EXPECT_EQ(visits[0].box_id, "STB-TEST-0001");
}

TEST(TicketStoreOpen, RefusesAFileThatIsNotADatabase) {
  ScratchDir dir("notdb");
  {
    std::FILE* f = std::fopen((dir / "x.db").c_str(), "w");
    std::fputs(std::string(4096, 'x').c_str(), f);
    std::fclose(f);
  }
  std::string error;
  EXPECT_FALSE(TicketStore::open(dir / "x.db", &error));
  EXPECT_FALSE(error.empty());
}

TEST_P(TicketStoreTest, AReadOnlyStoreReadsWhatTheWriterStoredAndWritesNothing) {
  const SubmitResult created = submit(report(uuid(1)));
  TicketStore::OpenOptions options;
  options.access = TicketStore::Access::kReadOnly;
  std::string error;
  auto reader = TicketStore::open(db_, options, &error);
  ASSERT_TRUE(reader) << error;
  std::vector<Ticket> all;
  ASSERT_TRUE(reader->listTickets(&all, &error)) << error;
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].ticket, created.ticket.ticket);
  ChangeOutcome outcome;
  EXPECT_FALSE(reader->setStatus(created.ticket.ticket, TicketStatus::kResolved, "test", kNov30,
                                 &outcome, &error));
  EXPECT_TRUE(error.find("readonly") != std::string::npos ||
              error.find("read-only") != std::string::npos)
      << error;
}

TEST(TicketStoreOpen, ReadOnlyNeedsADatabaseServeHasMade) {
  ScratchDir dir("readonly");
  {
    std::FILE* f = std::fopen((dir / "empty.db").c_str(), "w");
    std::fclose(f);
  }
  TicketStore::OpenOptions options;
  options.access = TicketStore::Access::kReadOnly;
  std::string error;
  EXPECT_FALSE(TicketStore::open(dir / "empty.db", options, &error));
  EXPECT_EQ(error,
            dir / "empty.db" + ": not an stb-central database (no schema; `serve` makes it)");
}

TEST(TicketStoreOpen, RefusesADamagedDatabaseNamingTheTable) {
  ScratchDir dir("damaged");
  const std::string path = dir / "central.db";
  {
    std::string error;
    auto store = TicketStore::open(path, &error);
    ASSERT_TRUE(store) << error;
    for (int i = 1; i <= 300; ++i) {
      SubmitResult result;
      const NewReport r = report(uuid(i));
      ASSERT_TRUE(store->submit(r, SubmitTerms{Severity::kMajor, "major_fault", r.created, ""},
                                kNov30, &result, &error))
          << error;
    }
  }
  // Page 2 is the root of `reports` (the first table of the schema).
  {
    std::FILE* f = std::fopen(path.c_str(), "r+b");
    ASSERT_TRUE(f);
    std::fseek(f, 4096, SEEK_SET);
    std::fputs(std::string(4096, '\xA5').c_str(), f);
    std::fclose(f);
  }
  std::string error;
  EXPECT_FALSE(TicketStore::open(path, &error));
  EXPECT_EQ(
      error.rfind(path + ": damaged database, refusing to use it: PRAGMA quick_check found ", 0),
      0u)
      << error;
  EXPECT_NE(error.find(" in table(s) reports;"), std::string::npos) << error;
}

// A database as version 1 made it: its schema SQL, word for word, and a
// ticket in each status, one of them answered.
void makeV1Database(const std::string& path) {
  const char* sql = R"sql(
CREATE TABLE IF NOT EXISTS reports (
  report_id      TEXT PRIMARY KEY,          -- the box's Idempotency-Key (UUID)
  box_id         TEXT NOT NULL,
  smartcard_id   TEXT NOT NULL,
  area_code      TEXT NOT NULL,
  category       TEXT NOT NULL,
  callback_phone TEXT,
  visit_period   TEXT,
  created        INTEGER NOT NULL,          -- by the box, UTC seconds
  received       INTEGER NOT NULL,          -- by the server, UTC seconds
  diagnostics    TEXT NOT NULL,             -- JSON text
  canonical_json TEXT NOT NULL,             -- idempotency comparison
  raw_body       TEXT NOT NULL              -- as received
);
CREATE TABLE IF NOT EXISTS tickets (
  ticket    TEXT PRIMARY KEY,
  report_id TEXT NOT NULL UNIQUE REFERENCES reports(report_id),
  box_id    TEXT NOT NULL,
  area_code TEXT NOT NULL,
  category  TEXT NOT NULL,
  severity  TEXT NOT NULL,
  status    TEXT NOT NULL,
  created   INTEGER NOT NULL,
  received  INTEGER NOT NULL,
  deadline  INTEGER NOT NULL,
  updated   INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS ticket_days (
  day  TEXT PRIMARY KEY,                    -- YYYYMMDD (UTC)
  last INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS return_visits (
  ticket   TEXT PRIMARY KEY REFERENCES tickets(ticket),
  fixed    INTEGER NOT NULL,
  score    INTEGER NOT NULL,
  answered INTEGER NOT NULL
);
PRAGMA user_version=1;
)sql";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  std::string rows = sql;
  // T1..T5 received an hour apart from kNov30, each changed 10 min later.
  const char* statuses[] = {"accepted", "technician_assigned", "resolved", "resolved", "closed"};
  for (int i = 1; i <= 5; ++i) {
    const std::string n = std::to_string(i);
    const std::string received = std::to_string(kNov30 + (i - 1) * 3600);
    const std::string severity = i == 1 ? "major" : "general";
    rows += "INSERT INTO reports VALUES('r" + n + "', 'STB-TEST-000" + n +
            "', '8100123456', 'A01', 'no_sound', '13800138000', NULL, " + received + ", " +
            received + ", '{}', '{}', '{}');";
    rows += "INSERT INTO tickets VALUES('T20261130-00000" + n + "', 'r" + n + "', 'STB-TEST-000" +
            n + "', 'A01', 'no_sound', '" + severity + "', '" + statuses[i - 1] + "', " + received +
            ", " + received + ", " + received + " + 86400, " + received + " + 600);";
  }
  rows += "INSERT INTO ticket_days VALUES('20261130', 5);";
  rows += "INSERT INTO return_visits VALUES('T20261130-000004', 0, 2, " +
          std::to_string(kNov30 + 20000) + ");";
  char* msg = nullptr;
  EXPECT_EQ(sqlite3_exec(db, rows.c_str(), nullptr, nullptr, &msg), SQLITE_OK) << msg;
  sqlite3_free(msg);
  sqlite3_close(db);
}

TEST(TicketStoreOpen, AVersion1DatabaseIsUpgradedAndKeepsItsTickets) {
  ScratchDir dir("v1");
  const std::string path = dir / "central.db";
  makeV1Database(path);
  // Reading alone cannot upgrade it; it says what will.
  TicketStore::OpenOptions read_only;
  read_only.access = TicketStore::Access::kReadOnly;
  std::string error;
  EXPECT_FALSE(TicketStore::open(path, read_only, &error));
  EXPECT_EQ(error, path +
                       ": schema version 1 is older than this program; a command that writes "
                       "(serve, resolve) upgrades it");
  auto store = TicketStore::open(path, &error);
  ASSERT_TRUE(store) << error;
  std::vector<Ticket> all;
  ASSERT_TRUE(store->listTickets(&all, &error)) << error;
  ASSERT_EQ(all.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    const Ticket& t = all[static_cast<size_t>(i)];
    EXPECT_EQ(t.ticket, "T20261130-00000" + std::to_string(i + 1));
    EXPECT_EQ(t.accepted, t.received);
    EXPECT_EQ(t.received, kNov30 + i * 3600);
    EXPECT_EQ(t.deadline, t.received + 86400);
    EXPECT_EQ(t.callback_phone, "13800138000");
    EXPECT_FALSE(t.assignee);
  }
  EXPECT_EQ(all[0].charter_category, "major_fault");
  EXPECT_EQ(all[1].charter_category, "general_fault");
  EXPECT_EQ(all[1].status, TicketStatus::kTechnicianAssigned);
  // T3: resolved, unanswered: its return visit is owed from its last change.
  EXPECT_EQ(all[2].resolved_at, all[2].updated);
  EXPECT_EQ(all[2].return_visit_due, all[2].updated + 72 * 3600);
  // T4: answered; T5: closed; T1: open.
  EXPECT_FALSE(all[3].return_visit_due);
  EXPECT_FALSE(all[4].return_visit_due);
  EXPECT_FALSE(all[0].resolved_at);
  // The history v1 kept, as events.
  std::vector<TicketEvent> events;
  ASSERT_TRUE(store->timeline("T20261130-000004", &events, &error)) << error;
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].kind, "accepted");
  EXPECT_EQ(events[0].at, kNov30 + 3 * 3600);
  EXPECT_EQ(events[1].kind, "resolved");
  EXPECT_EQ(events[2].kind, "return_visit");
  EXPECT_EQ(events[2].actor, "box:STB-TEST-0004");
  EXPECT_EQ(events[2].at, kNov30 + 20000);
  ASSERT_TRUE(store->timeline("T20261130-000002", &events, &error)) << error;
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].kind, "assigned");
  std::vector<ReturnVisit> visits;
  ASSERT_TRUE(store->listReturnVisits(&visits, &error)) << error;
  ASSERT_EQ(visits.size(), 1u);
  EXPECT_EQ(visits[0].ticket, "T20261130-000004");
  EXPECT_EQ(visits[0].score, 2);
  EXPECT_EQ(visits[0].via, "box");
  // It works as a v2 database: answers, numbering, and it opens again.
  ChangeOutcome outcome;
  ASSERT_TRUE(
      store->recordReturnVisit("T20261130-000004", true, 5, kNov30 + 30000, &outcome, &error));
  EXPECT_EQ(outcome, ChangeOutcome::kAlreadyAnswered);
  ASSERT_TRUE(
      store->recordReturnVisit("T20261130-000003", true, 5, kNov30 + 30000, &outcome, &error));
  EXPECT_EQ(outcome, ChangeOutcome::kDone);
  SubmitResult result;
  const NewReport r = report(uuid(6));
  ASSERT_TRUE(store->submit(r, SubmitTerms{Severity::kGeneral, "general_fault", kNov30, ""},
                            kNov30 + 40000, &result, &error))
      << error;
  EXPECT_EQ(result.ticket.ticket, "T20261130-000006");
  store.reset();
  ASSERT_TRUE(TicketStore::open(path, read_only, &error)) << error;
  store = TicketStore::open(path, &error);
  ASSERT_TRUE(store) << error;
  ASSERT_TRUE(store->listTickets(&all, &error)) << error;
  EXPECT_EQ(all.size(), 6u);
}

}  // namespace
}  // namespace tools::central
