#pragma once
// stb::OutboxStore on SQLite, in the box's one database file
// (<state_dir>/stbd.sqlite), through the SqliteStateStore's connection.
//
// Why the same connection rather than a second one on the same file: the
// file has one owner for opening, the damage check (a damaged file is moved
// aside once, not by two connections racing), WAL + synchronous=FULL, and one
// schema version (PRAGMA user_version). The outbox table is schema version 2,
// created by the migration in sqlite_state_store.cpp; this class adds the
// later columns (severity, category, charter_category) to a table that lacks them and
// prepares its statements. Every call is one statement or one explicit
// transaction, committed durably (fsync of the WAL) before it returns.
//
// Lifetime: destroy this store before the SqliteStateStore it was made from.
#include <memory>
#include <string>

#include "platform/sqlite_state_store.h"
#include "stb/ports/outbox_store.h"

namespace platform {

class SqliteOutboxStore : public stb::OutboxStore {
 public:
  // nullptr and *error when the statements cannot be prepared (the schema
  // is not what this software expects).
  static std::unique_ptr<SqliteOutboxStore> open(SqliteStateStore& state, std::string* error);
  ~SqliteOutboxStore() override;
  SqliteOutboxStore(const SqliteOutboxStore&) = delete;
  SqliteOutboxStore& operator=(const SqliteOutboxStore&) = delete;

  bool put(const stb::OutboxReport& r, std::string* error) override;
  bool update(const stb::OutboxReport& r, std::string* error) override;
  bool list(std::vector<stb::OutboxReport>* out, std::string* error) override;
  bool remove(const std::string& report_id, std::string* error) override;
  bool count(stb::OutboxKind kind, const std::string& state, int64_t* n,
             std::string* error) override;

  uint64_t writes() const { return writes_; }

 private:
  SqliteOutboxStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  bool fail(const std::string& what, std::string* error) const;
  void bindRow(sqlite3_stmt* stmt, const stb::OutboxReport& r);

  sqlite3* db_;
  std::string path_;
  sqlite3_stmt* put_ = nullptr;
  sqlite3_stmt* update_ = nullptr;
  sqlite3_stmt* list_ = nullptr;
  sqlite3_stmt* remove_ = nullptr;
  sqlite3_stmt* count_ = nullptr;
  uint64_t writes_ = 0;
};

}  // namespace platform
