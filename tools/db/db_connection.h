#pragma once
// A database behind one small interface, SQLite (the embedded default) or
// PostgreSQL (several stb-central instances on one server database), so that
// the ticket store (tools/stb-central/ticket_store.h) and the staff accounts
// (tools/staff) are written once. The SQL is written once, with ?N
// placeholders; what differs between the two is here: how a write
// transaction starts, row locks, the damage check (and each schema's words,
// e.g. tools/stb-central/ticket_schema.cpp).
#include <cstdint>
#include <memory>
#include <string>

namespace tools::db {

enum class Dialect { kSqlite, kPostgres };
enum class Step { kRow, kDone, kError };

// One statement with its parameters (?1.., or ? numbered in order), run at
// the first step().
class Query {
 public:
  virtual ~Query() = default;
  virtual bool ok() const = 0;  // false when it could not be prepared
  virtual void bindText(int i, const std::string& v) = 0;
  virtual void bindInteger(int i, int64_t v) = 0;
  virtual void bindNull(int i) = 0;
  virtual Step step() = 0;
  virtual bool isNull(int col) const = 0;
  virtual std::string text(int col) const = 0;
  virtual int64_t integer(int col) const = 0;
  virtual int64_t changes() const = 0;  // rows written, once step() gave kDone
};

struct OpenOptions {
  bool read_only = false;
  bool create = true;  // an SQLite file that is missing is made
  // How long a write waits for another connection's lock (SQLite's busy
  // timeout, PostgreSQL's lock_timeout).
  int busy_timeout_ms = 5000;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  virtual std::unique_ptr<Query> prepare(const std::string& sql) = 0;
  // SQL without parameters, several statements allowed.
  virtual bool exec(const std::string& sql, std::string* error) = 0;
  virtual std::string lastError() const = 0;
  // A write transaction. SQLite takes the database's write lock at once
  // (BEGIN IMMEDIATE); PostgreSQL runs READ COMMITTED, where the writers
  // meet at row locks (forUpdate()) and unique keys.
  virtual bool beginWrite(std::string* error) = 0;
  // Several reads from one snapshot.
  virtual bool beginSnapshot(std::string* error) = 0;
  // Appended to a SELECT of tickets t that a write transaction changes next.
  virtual const char* forUpdate() const = 0;
  // "" when the database is sound, else what is damaged (SQLite's
  // quick_check; PostgreSQL checks its own pages).
  virtual std::string damage() = 0;
  bool commit(std::string* error) {
    if (exec("COMMIT", error)) return true;
    exec("ROLLBACK", nullptr);
    return false;
  }
  void rollback() { exec("ROLLBACK", nullptr); }
};

// True when SPEC names a PostgreSQL database ("postgresql://...",
// "postgres://..." or "postgresql:" followed by libpq's key=value words);
// anything else is an SQLite file's path.
bool isPostgres(const std::string& spec);
// SPEC without a password, for messages.
std::string displayName(const std::string& spec);
// nullptr and *error (naming the database) when it cannot be opened.
std::unique_ptr<Connection> open(const std::string& spec, const OpenOptions& options,
                                 std::string* error);

}  // namespace tools::db
