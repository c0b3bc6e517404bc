// The fault outbox on SQLite, in stbd.sqlite beside the signed objects: rows
// round-trip, survive a reopen and a process killed without any shutdown, and
// a full flash is an error value with nothing half-written.
#include "platform/sqlite_outbox_store.h"

#include "stb/outbox.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <random>

namespace platform {
namespace {

namespace fs = std::filesystem;
using stb::OutboxKind;
using stb::OutboxReport;

class Random : public stb::RandomSource {
 public:
  uint64_t next() override { return gen(); }
  std::mt19937_64 gen{std::random_device{}()};
};

OutboxReport row(const std::string& id, OutboxKind kind = OutboxKind::kReport) {
  OutboxReport r;
  r.report_id = id;
  r.kind = kind;
  r.body_json = R"({"report_id":")" + id + R"(","note":"\u4e2d 'quoted' \"x\""})";
  r.created_ms = 123;
  r.attempts = 2;
  r.next_attempt_ms = 456;
  r.state = "waiting";
  r.ticket = "T20261130-000001";
  r.status = "accepted";
  r.deadline = "2026-12-01T08:15:00Z";
  r.hotline = "96123";
  r.last_error = "TLS: ...";
  r.poll_attempts = 3;
  r.next_poll_ms = 789;
  r.severity = "major";
  r.category = "no_picture";
  r.charter_category = "major_fault";
  return r;
}

bool same(const OutboxReport& a, const OutboxReport& b) {
  return a.report_id == b.report_id && a.kind == b.kind && a.body_json == b.body_json &&
         a.created_ms == b.created_ms && a.attempts == b.attempts &&
         a.next_attempt_ms == b.next_attempt_ms && a.state == b.state && a.ticket == b.ticket &&
         a.status == b.status && a.deadline == b.deadline && a.hotline == b.hotline &&
         a.last_error == b.last_error && a.poll_attempts == b.poll_attempts &&
         a.next_poll_ms == b.next_poll_ms && a.severity == b.severity && a.category == b.category &&
         a.charter_category == b.charter_category;
}

class SqliteOutbox : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/stb_outbox_XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    reopen();
  }
  void TearDown() override {
    outbox_.reset();
    state_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  void reopen() {
    outbox_.reset();  // before the state store whose connection it uses
    state_.reset();
    std::string error;
    state_ = SqliteStateStore::open(dir_, &error);
    ASSERT_TRUE(state_) << error;
    outbox_ = SqliteOutboxStore::open(*state_, &error);
    ASSERT_TRUE(outbox_) << error;
  }
  std::vector<OutboxReport> list() {
    std::vector<OutboxReport> out;
    std::string error;
    EXPECT_TRUE(outbox_->list(&out, &error)) << error;
    return out;
  }

  std::string dir_;
  std::unique_ptr<SqliteStateStore> state_;
  std::unique_ptr<SqliteOutboxStore> outbox_;
};

TEST_F(SqliteOutbox, RowsRoundTripInPutOrder) {
  std::string error;
  ASSERT_TRUE(outbox_->put(row("b"), &error)) << error;
  ASSERT_TRUE(outbox_->put(row("rv:T1", OutboxKind::kReturnVisit), &error)) << error;
  ASSERT_TRUE(outbox_->put(row("a"), &error)) << error;
  const auto all = list();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_TRUE(same(all[0], row("b")));
  EXPECT_TRUE(same(all[1], row("rv:T1", OutboxKind::kReturnVisit)));
  EXPECT_TRUE(same(all[2], row("a")));
  int64_t n = -1;
  ASSERT_TRUE(outbox_->count(OutboxKind::kReport, "waiting", &n, &error));
  EXPECT_EQ(n, 2);
  EXPECT_EQ(outbox_->writes(), 3u);
}

TEST_F(SqliteOutbox, PutRefusesADuplicateAndUpdateAMissingRow) {
  std::string error;
  ASSERT_TRUE(outbox_->put(row("a"), &error));
  EXPECT_FALSE(outbox_->put(row("a"), &error));
  EXPECT_NE(error.find("UNIQUE"), std::string::npos) << error;
  error.clear();
  EXPECT_FALSE(outbox_->update(row("zz"), &error));
  EXPECT_NE(error.find("no such outbox row"), std::string::npos) << error;
  OutboxReport changed = row("a");
  changed.state = "sent";
  changed.attempts = 9;
  ASSERT_TRUE(outbox_->update(changed, &error)) << error;
  EXPECT_TRUE(same(list()[0], changed));
  changed.state = "lost";  // not a state: the schema refuses it
  EXPECT_FALSE(outbox_->update(changed, &error));
  EXPECT_NE(error.find("CHECK"), std::string::npos) << error;
  ASSERT_TRUE(outbox_->remove("a", &error));
  ASSERT_TRUE(outbox_->remove("a", &error));  // already gone: fine
  EXPECT_TRUE(list().empty());
}

TEST_F(SqliteOutbox, RowsSurviveAReopenBesideTheSignedObjects) {
  std::string error;
  ASSERT_TRUE(state_->putObject({0xC0, 7, 1, {1, 2, 3}}, &error));
  ASSERT_TRUE(outbox_->put(row("a"), &error));
  reopen();
  const auto all = list();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(same(all[0], row("a")));
  std::vector<stb::StoredObject> objects;
  ASSERT_TRUE(state_->loadObjects(&objects, &error));
  EXPECT_EQ(objects.size(), 1u);
}

// A database written before the severity, category and charter_category
// columns: its rows are read (without them), the columns are added once, and
// kept from then on.
TEST_F(SqliteOutbox, ADatabaseFromBeforeTheCategoryColumnsKeepsItsRows) {
  outbox_.reset();
  sqlite3* db = state_->connection();
  ASSERT_EQ(
      sqlite3_exec(db,
                   "DROP TABLE outbox; CREATE TABLE outbox ("
                   " seq INTEGER PRIMARY KEY, report_id TEXT NOT NULL UNIQUE,"
                   " kind TEXT NOT NULL, body_json TEXT NOT NULL, created_ms INTEGER NOT NULL,"
                   " attempts INTEGER NOT NULL DEFAULT 0,"
                   " next_attempt_ms INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL,"
                   " ticket TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT '',"
                   " deadline TEXT NOT NULL DEFAULT '', hotline TEXT NOT NULL DEFAULT '',"
                   " last_error TEXT NOT NULL DEFAULT '',"
                   " poll_attempts INTEGER NOT NULL DEFAULT 0,"
                   " next_poll_ms INTEGER NOT NULL DEFAULT 0);"
                   "INSERT INTO outbox (report_id, kind, body_json, created_ms, state, ticket,"
                   " status, deadline) VALUES ('old', 'report', '{}', 1, 'sent', 'T1',"
                   " 'accepted', '2026-12-01T08:15:00Z');",
                   nullptr, nullptr, nullptr),
      SQLITE_OK)
      << sqlite3_errmsg(db);
  std::string error;
  outbox_ = SqliteOutboxStore::open(*state_, &error);
  ASSERT_TRUE(outbox_) << error;
  auto all = list();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].ticket, "T1");
  EXPECT_EQ(all[0].deadline, "2026-12-01T08:15:00Z");
  EXPECT_EQ(all[0].severity, "");
  EXPECT_EQ(all[0].charter_category, "");
  all[0].severity = "major";
  all[0].charter_category = "major_fault";
  ASSERT_TRUE(outbox_->update(all[0], &error)) << error;
  reopen();  // the columns exist now: nothing to add
  all = list();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].severity, "major");
  EXPECT_EQ(all[0].charter_category, "major_fault");
}

// The process dies the instant enqueue() returned: no destructor, no
// sqlite3_close, no checkpoint. The report is in the WAL, fsync'd.
TEST_F(SqliteOutbox, AnEnqueuedReportSurvivesTheProcessBeingKilled) {
  outbox_.reset();
  state_.reset();
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(pipe_fds[0]);
    std::string error;
    auto state = SqliteStateStore::open(dir_, &error);
    auto store = state ? SqliteOutboxStore::open(*state, &error) : nullptr;
    if (!store) _exit(2);
    Random random;
    stb::Outbox outbox(store.get(), &random);
    if (!outbox.load(&error)) _exit(3);
    const auto id = outbox.enqueue(R"({"box_id":"STB-TEST-0001"})", "other", 0, &error);
    if (!id) _exit(4);
    // "The viewer is told accepted" = the id reaches the parent; then death.
    if (write(pipe_fds[1], id->data(), id->size()) != static_cast<ssize_t>(id->size())) _exit(5);
    kill(getpid(), SIGKILL);
    _exit(6);
  }
  close(pipe_fds[1]);
  char buf[64] = {};
  const ssize_t n = read(pipe_fds[0], buf, sizeof buf - 1);
  close(pipe_fds[0]);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << status;
  ASSERT_EQ(n, 36);
  const std::string id(buf, static_cast<size_t>(n));
  EXPECT_TRUE(fs::exists(dir_ + "/stbd.sqlite-wal"));  // never checkpointed
  reopen();
  EXPECT_FALSE(state_->recovery());
  const auto all = list();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].report_id, id);
  EXPECT_EQ(all[0].state, "waiting");
  EXPECT_EQ(all[0].body_json, R"({"report_id":")" + id + R"(","box_id":"STB-TEST-0001"})");
}

// A full flash, simulated with max_page_count: the write that does not fit
// fails as a value, the outbox refuses the report (the viewer is not told
// "accepted"), and what was stored before is intact.
TEST_F(SqliteOutbox, AFullDiskIsAnErrorAndLosesNothingStoredBefore) {
  Random random;
  stb::Outbox outbox(outbox_.get(), &random);
  std::string error;
  ASSERT_TRUE(outbox.load(&error));
  const std::string big = "{\"diagnostics\":\"" + std::string(3000, 'x') + "\"}";
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(state_->connection(), "PRAGMA page_count", -1, &stmt, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  const int64_t pages = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  const std::string limit = "PRAGMA max_page_count=" + std::to_string(pages + 3);
  ASSERT_EQ(sqlite3_exec(state_->connection(), limit.c_str(), nullptr, nullptr, nullptr),
            SQLITE_OK);
  std::vector<std::string> accepted;
  std::optional<std::string> id;
  while ((id = outbox.enqueue(big, "other", 0, &error))) {
    accepted.push_back(*id);
    ASSERT_LT(accepted.size(), 50u) << "the limit never bit";
  }
  EXPECT_NE(error.find("full"), std::string::npos) << error;
  EXPECT_NE(error.find("(13)"), std::string::npos) << error;  // SQLITE_FULL
  EXPECT_EQ(outbox.items().size(), accepted.size());
  reopen();
  const auto all = list();
  ASSERT_EQ(all.size(), accepted.size());
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].report_id, accepted[i]);
}

}  // namespace
}  // namespace platform
