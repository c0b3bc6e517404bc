#pragma once
// The box's persistent state on flash: one SQLite database,
// <state_dir>/stbd.sqlite, for everything stbd keeps across a reboot (the
// operator's signed objects now; the fault outbox and tickets later share
// the file, hence the name).
//
// Every write is one transaction, committed durably before it returns (WAL,
// synchronous=FULL: see the .cpp). Errors come back as values carrying
// SQLite's own message. A damaged database is moved aside at open and an
// empty one started: the carousel refills what it held.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "stb/state_store.h"

struct sqlite3;
struct sqlite3_stmt;

namespace platform {

class SqliteStateStore : public stb::StateStore {
 public:
  static constexpr const char* kFileName = "stbd.sqlite";
  static constexpr int kSchemaVersion = 1;  // PRAGMA user_version

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

 private:
  explicit SqliteStateStore(std::string path) : path_(std::move(path)) {}
  bool setUp(std::string* error, int* code);
  bool fail(const std::string& what, std::string* error) const;
  void close();

  std::string path_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* put_ = nullptr;
  sqlite3_stmt* remove_ = nullptr;
  sqlite3_stmt* load_ = nullptr;
  uint64_t writes_ = 0;
  std::optional<std::string> recovery_;
};

}  // namespace platform
