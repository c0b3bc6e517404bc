#pragma once
// The box's persistent state on flash: one SQLite database,
// <state_dir>/stbd.sqlite, for everything stbd keeps across a reboot (the
// operator's signed objects now; the fault outbox and tickets later share
// the file, hence the name).
//
// Every write is one transaction, committed durably before it returns (WAL,
// synchronous=FULL: see the .cpp). Errors come back as values carrying
// SQLite's own message. A damaged database (quick_check fails, or a table its
// version promises is missing) is moved aside at open and an empty one
// started: the carousel refills what it held. A file that is not stbd's (an
// SQLite file of another schema) is moved aside unchanged, never written.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "stb/ports/state_store.h"

struct sqlite3;
struct sqlite3_stmt;

namespace platform {

class SqliteStateStore : public stb::StateStore {
 public:
  static constexpr const char* kFileName = "stbd.sqlite";
  // PRAGMA user_version. 1: signed_objects; 2: + outbox (the migration from
  // 1 runs at open, in one transaction).
  static constexpr int kSchemaVersion = 2;

  // STATE_DIR must exist and be writable. nullptr and *error when the
  // directory is unusable, the file cannot be opened, or its schema is newer
  // than this software knows.
  static std::unique_ptr<SqliteStateStore> open(const std::string& state_dir, std::string* error);
  ~SqliteStateStore() override;
  SqliteStateStore(const SqliteStateStore&) = delete;
  SqliteStateStore& operator=(const SqliteStateStore&) = delete;

  bool putObject(const stb::StoredObject& o, std::string* error) override;
  bool removeObject(uint8_t table_id, uint32_t object_id, std::string* error) override;
  bool loadObjects(std::vector<stb::StoredObject>* out, std::string* error) override;
  uint64_t writes() const override { return writes_; }

  const std::string& path() const { return path_; }
  // Set when open() found the database damaged and moved it aside: what was
  // wrong and where the file went. stbd logs it as an error.
  const std::optional<std::string>& recovery() const { return recovery_; }

  // The open connection, for the other stores that share the file
  // (platform/sqlite_outbox_store.h): one connection means one open, one
  // damage check and one schema version for everything in stbd.sqlite.
  // Such a store must be destroyed before this one.
  sqlite3* connection() const { return db_; }

 private:
  explicit SqliteStateStore(std::string path) : path_(std::move(path)) {}
  bool setUp(std::string* error, int* code);
  // Reads only: quick_check, whose file it is, and the tables its version
  // promises. False with *code SQLITE_CORRUPT (damaged), kForeign or another.
  bool check(std::string* error, int* code);
  static constexpr int kForeign = -1;
  bool fail(const std::string& what, std::string* error) const;
  void close();

  std::string path_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* put_ = nullptr;
  sqlite3_stmt* remove_ = nullptr;
  sqlite3_stmt* load_ = nullptr;
  uint64_t writes_ = 0;
  std::optional<std::string> recovery_;
  int application_id_ = 0;  // as found at open
  int user_version_ = 0;
};

}  // namespace platform
