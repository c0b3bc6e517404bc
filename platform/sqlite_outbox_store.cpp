#include "platform/sqlite_outbox_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <vector>

namespace platform {
namespace {

constexpr const char* kColumns =
    "report_id, kind, body_json, created_ms, attempts, next_attempt_ms, state, ticket, status, "
    "deadline, hotline, last_error, poll_attempts, next_poll_ms, severity, category, "
    "charter_category";

// Columns added to schema version 2's outbox table after it shipped, with
// defaults, so the version stays 2: older software, which names its
// columns, still reads and writes the table after a firmware downgrade.
constexpr const char* kAddedColumns[] = {"severity", "category", "charter_category"};

// Adds each of kAddedColumns the table lacks (a database from before them).
bool addMissingColumns(sqlite3* db) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info('outbox')", -1, &stmt, nullptr) !=
      SQLITE_OK)
    return false;
  std::vector<std::string> have;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
    have.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE) return false;
  for (const char* column : kAddedColumns) {
    if (std::find(have.begin(), have.end(), column) != have.end()) continue;
    const std::string sql =
        std::string("ALTER TABLE outbox ADD COLUMN ") + column + " TEXT NOT NULL DEFAULT ''";
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) return false;
  }
  return true;
}

std::string text(sqlite3_stmt* stmt, int column) {
  const auto* p = sqlite3_column_text(stmt, column);
  return p ? reinterpret_cast<const char*>(p) : "";
}

void bindText(sqlite3_stmt* stmt, int index, const std::string& value) {
  sqlite3_bind_text(stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
}

}  // namespace

std::unique_ptr<SqliteOutboxStore> SqliteOutboxStore::open(SqliteStateStore& state,
                                                           std::string* error) {
  std::unique_ptr<SqliteOutboxStore> store(new SqliteOutboxStore(state.connection(), state.path()));
  sqlite3* db = store->db_;
  const std::string cols = kColumns;
  if (!addMissingColumns(db)) {
    store->fail("adding the later columns to the outbox", error);
    return nullptr;
  }
  if (sqlite3_prepare_v2(db,
                         ("INSERT INTO outbox (" + cols +
                          ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                          "?15, ?16, ?17)")
                             .c_str(),
                         -1, &store->put_, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(db,
                         "UPDATE outbox SET kind = ?2, body_json = ?3, created_ms = ?4, "
                         "attempts = ?5, next_attempt_ms = ?6, state = ?7, ticket = ?8, "
                         "status = ?9, deadline = ?10, hotline = ?11, last_error = ?12, "
                         "poll_attempts = ?13, next_poll_ms = ?14, severity = ?15, "
                         "category = ?16, charter_category = ?17 WHERE report_id = ?1",
                         -1, &store->update_, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(db, ("SELECT " + cols + " FROM outbox ORDER BY seq").c_str(), -1,
                         &store->list_, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(db, "DELETE FROM outbox WHERE report_id = ?1", -1, &store->remove_,
                         nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(db, "SELECT count(*) FROM outbox WHERE kind = ?1 AND state = ?2", -1,
                         &store->count_, nullptr) != SQLITE_OK) {
    store->fail("preparing the outbox statements", error);
    return nullptr;
  }
  return store;
}

SqliteOutboxStore::~SqliteOutboxStore() {
  for (sqlite3_stmt* stmt : {put_, update_, list_, remove_, count_}) sqlite3_finalize(stmt);
}

bool SqliteOutboxStore::fail(const std::string& what, std::string* error) const {
  if (error)
    *error = path_ + ": " + what + ": " + sqlite3_errmsg(db_) + " (" +
             std::to_string(sqlite3_extended_errcode(db_)) + ")";
  return false;
}

void SqliteOutboxStore::bindRow(sqlite3_stmt* stmt, const stb::OutboxReport& r) {
  bindText(stmt, 1, r.report_id);
  sqlite3_bind_text(stmt, 2, stb::outboxKindName(r.kind), -1, SQLITE_STATIC);
  bindText(stmt, 3, r.body_json);
  sqlite3_bind_int64(stmt, 4, r.created_ms);
  sqlite3_bind_int(stmt, 5, r.attempts);
  sqlite3_bind_int64(stmt, 6, r.next_attempt_ms);
  bindText(stmt, 7, r.state);
  bindText(stmt, 8, r.ticket);
  bindText(stmt, 9, r.status);
  bindText(stmt, 10, r.deadline);
  bindText(stmt, 11, r.hotline);
  bindText(stmt, 12, r.last_error);
  sqlite3_bind_int(stmt, 13, r.poll_attempts);
  sqlite3_bind_int64(stmt, 14, r.next_poll_ms);
  bindText(stmt, 15, r.severity);
  bindText(stmt, 16, r.category);
  bindText(stmt, 17, r.charter_category);
}

// Single statements run as one autocommit transaction each: whole, durably,
// or not at all.
bool SqliteOutboxStore::put(const stb::OutboxReport& r, std::string* error) {
  sqlite3_reset(put_);
  bindRow(put_, r);
  const bool ok = sqlite3_step(put_) == SQLITE_DONE || fail("saving " + r.report_id, error);
  sqlite3_reset(put_);
  sqlite3_clear_bindings(put_);
  if (ok) ++writes_;
  return ok;
}

bool SqliteOutboxStore::update(const stb::OutboxReport& r, std::string* error) {
  sqlite3_reset(update_);
  bindRow(update_, r);
  bool ok = sqlite3_step(update_) == SQLITE_DONE || fail("updating " + r.report_id, error);
  sqlite3_reset(update_);
  sqlite3_clear_bindings(update_);
  if (ok && sqlite3_changes(db_) == 0) {
    if (error) *error = path_ + ": updating " + r.report_id + ": no such outbox row";
    ok = false;
  }
  if (ok) ++writes_;
  return ok;
}

bool SqliteOutboxStore::list(std::vector<stb::OutboxReport>* out, std::string* error) {
  out->clear();
  sqlite3_reset(list_);
  int rc;
  while ((rc = sqlite3_step(list_)) == SQLITE_ROW) {
    stb::OutboxReport r;
    r.report_id = text(list_, 0);
    r.kind = text(list_, 1) == "report" ? stb::OutboxKind::kReport : stb::OutboxKind::kReturnVisit;
    r.body_json = text(list_, 2);
    r.created_ms = sqlite3_column_int64(list_, 3);
    r.attempts = sqlite3_column_int(list_, 4);
    r.next_attempt_ms = sqlite3_column_int64(list_, 5);
    r.state = text(list_, 6);
    r.ticket = text(list_, 7);
    r.status = text(list_, 8);
    r.deadline = text(list_, 9);
    r.hotline = text(list_, 10);
    r.last_error = text(list_, 11);
    r.poll_attempts = sqlite3_column_int(list_, 12);
    r.next_poll_ms = sqlite3_column_int64(list_, 13);
    r.severity = text(list_, 14);
    r.category = text(list_, 15);
    r.charter_category = text(list_, 16);
    out->push_back(std::move(r));
  }
  const bool ok = rc == SQLITE_DONE || fail("listing the outbox", error);
  sqlite3_reset(list_);
  if (!ok) out->clear();
  return ok;
}

bool SqliteOutboxStore::remove(const std::string& report_id, std::string* error) {
  sqlite3_reset(remove_);
  bindText(remove_, 1, report_id);
  const bool ok = sqlite3_step(remove_) == SQLITE_DONE || fail("removing " + report_id, error);
  sqlite3_reset(remove_);
  sqlite3_clear_bindings(remove_);
  if (ok && sqlite3_changes(db_) > 0) ++writes_;
  return ok;
}

bool SqliteOutboxStore::count(stb::OutboxKind kind, const std::string& state, int64_t* n,
                              std::string* error) {
  sqlite3_reset(count_);
  sqlite3_bind_text(count_, 1, stb::outboxKindName(kind), -1, SQLITE_STATIC);
  bindText(count_, 2, state);
  const int rc = sqlite3_step(count_);
  if (rc == SQLITE_ROW) *n = sqlite3_column_int64(count_, 0);
  const bool ok = rc == SQLITE_ROW || fail("counting the outbox", error);
  sqlite3_reset(count_);
  sqlite3_clear_bindings(count_);
  return ok;
}

}  // namespace platform
