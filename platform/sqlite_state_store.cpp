#include "platform/sqlite_state_store.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

namespace platform {
namespace {

// Durability: journal_mode=WAL with synchronous=FULL. In WAL mode every
// commit appends to stbd.sqlite-wal; with FULL the WAL is fsync'd before the
// commit returns, so an object the box accepted survives a power cut the
// instant after. NORMAL would fsync only at checkpoints: never corrupt, but a
// power cut could roll back the last commits, i.e. lose accepted notices or a
// cancellation (and with it the revision floor). Writes happen only when
// something changed (a few a day), so the extra fsync costs nothing that
// matters, while WAL keeps the database file itself untouched until a
// checkpoint and readers never block the writer.
constexpr const char* kSetUp = "PRAGMA synchronous=FULL;";

// Version 1: the operator's signed objects, one row per (table_id,
// object_id), exactly as received (re-verified at every start). Each later
// version is one migration, one transaction that also sets user_version.
constexpr const char* kSchemaV1 =
    "BEGIN IMMEDIATE;"
    "CREATE TABLE IF NOT EXISTS signed_objects ("
    "  table_id INTEGER NOT NULL CHECK (table_id BETWEEN 0 AND 255),"
    "  object_id INTEGER NOT NULL CHECK (object_id BETWEEN 0 AND 4294967295),"
    "  revision INTEGER NOT NULL CHECK (revision BETWEEN 0 AND 4294967295),"
    "  message BLOB NOT NULL,"
    "  PRIMARY KEY (table_id, object_id)"
    ") WITHOUT ROWID;"
    "PRAGMA user_version=1;"
    "COMMIT;";

// Version 2 adds the fault outbox (stb/outbox.h, platform/sqlite_outbox_store.h):
// one row per report or return-visit answer, kept until the central system
// has it (and, for reports, until the ticket is done with). Rows are listed
// in insertion order (rowid): the monotonic times in them restart at a
// reboot and cannot order rows across one.
constexpr const char* kSchemaV2 =
    "BEGIN IMMEDIATE;"
    "CREATE TABLE IF NOT EXISTS outbox ("
    "  seq INTEGER PRIMARY KEY,"
    "  report_id TEXT NOT NULL UNIQUE CHECK (length(report_id) BETWEEN 1 AND 128),"
    "  kind TEXT NOT NULL CHECK (kind IN ('report', 'return_visit')),"
    "  body_json TEXT NOT NULL,"
    "  created_ms INTEGER NOT NULL,"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  next_attempt_ms INTEGER NOT NULL DEFAULT 0,"
    "  state TEXT NOT NULL CHECK (state IN ('waiting', 'sent', 'failed')),"
    "  ticket TEXT NOT NULL DEFAULT '',"
    "  status TEXT NOT NULL DEFAULT '',"
    "  deadline TEXT NOT NULL DEFAULT '',"
    "  hotline TEXT NOT NULL DEFAULT '',"
    "  last_error TEXT NOT NULL DEFAULT '',"
    "  poll_attempts INTEGER NOT NULL DEFAULT 0,"
    "  next_poll_ms INTEGER NOT NULL DEFAULT 0"
    ");"
    "PRAGMA user_version=2;"
    "COMMIT;";

bool isDamage(int code) {
  const int primary = code & 0xFF;
  return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

// PRAGMA application_id of every stbd.sqlite ("STBD"): a file without it is
// ours only if it holds nothing but our tables (files from before the mark).
constexpr int kApplicationId = 0x53544244;

// The columns each table must have at each schema version; later versions
// may add columns, never take these away.
struct RequiredTable {
  int since_version;
  const char* name;
  std::vector<const char*> columns;
};
const std::vector<RequiredTable>& requiredTables() {
  static const std::vector<RequiredTable> tables = {
      {1, "signed_objects", {"table_id", "object_id", "revision", "message"}},
      {2,
       "outbox",
       {"seq", "report_id", "kind", "body_json", "created_ms", "attempts", "next_attempt_ms",
        "state", "ticket", "status", "deadline", "hotline", "last_error", "poll_attempts",
        "next_poll_ms"}},
  };
  return tables;
}

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

// stbd.sqlite -> stbd.sqlite.<why>-<n> (corrupt or foreign, the first free
// n), with its WAL and rollback journal, which belong to it; the
// shared-memory index is only a cache and is deleted. Kept rather than
// deleted so the damage can be examined (or a foreign file given back).
bool moveAside(const std::string& path, const char* why, std::string* moved_to,
               std::string* error) {
  std::string target;
  for (int n = 1;; ++n) {
    target = path + "." + why + "-" + std::to_string(n);
    if (!exists(target) && !exists(target + "-wal")) break;
  }
  if (::rename(path.c_str(), target.c_str()) != 0) {
    if (error) *error = "cannot move " + path + " aside: " + std::strerror(errno);
    return false;
  }
  for (const char* suffix : {"-wal", "-journal"})
    if (exists(path + suffix)) ::rename((path + suffix).c_str(), (target + suffix).c_str());
  ::unlink((path + "-shm").c_str());
  *moved_to = target;
  return true;
}

}  // namespace

std::unique_ptr<SqliteStateStore> SqliteStateStore::open(const std::string& state_dir,
                                                         std::string* error) {
  struct stat st;
  if (::stat(state_dir.c_str(), &st) != 0) {
    if (error) *error = "state directory " + state_dir + ": " + std::strerror(errno);
    return nullptr;
  }
  if (!S_ISDIR(st.st_mode)) {
    if (error) *error = "state directory " + state_dir + " is not a directory";
    return nullptr;
  }
  // SQLite needs to create the -wal and -shm files beside the database.
  if (::access(state_dir.c_str(), W_OK | X_OK) != 0) {
    if (error)
      *error = "state directory " + state_dir + " is not writable: " + std::strerror(errno);
    return nullptr;
  }

  const std::string path = state_dir + "/" + kFileName;
  std::unique_ptr<SqliteStateStore> store(new SqliteStateStore(path));
  std::string why;
  int code = SQLITE_OK;
  if (store->setUp(&why, &code)) return store;
  store->close();
  const bool foreign = code == kForeign;
  if (!foreign && !isDamage(code)) {
    if (error) *error = why;
    return nullptr;
  }
  std::string moved_to;
  if (!moveAside(path, foreign ? "foreign" : "corrupt", &moved_to, error)) return nullptr;
  std::string again;
  if (!store->setUp(&again, &code)) {
    store->close();
    if (error) *error = why + "; after moving it to " + moved_to + ": " + again;
    return nullptr;
  }
  store->recovery_ =
      why + "; moved to " + moved_to + (foreign ? " unchanged" : "") + ", starting empty";
  return store;
}

bool SqliteStateStore::check(std::string* error, int* code) {
  const auto failed = [&](const std::string& what) {
    *code = sqlite3_extended_errcode(db_);
    *error = path_ + ": " + what + ": " + sqlite3_errmsg(db_);
    return false;
  };
  // Each query yields its rows' first column; none of them writes.
  const auto query = [&](const std::string& sql, std::vector<std::string>* rows) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) return false;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(stmt, 0);
      rows->push_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE;
  };

  // A power cut cannot corrupt the file, but flash can: look before trusting.
  // This is also the first read of the file, where one that is not a
  // database shows.
  std::vector<std::string> result;
  if (!query("PRAGMA quick_check", &result) || result.empty()) return failed("quick_check");
  if (result[0] != "ok") {
    *code = SQLITE_CORRUPT;
    *error = path_ + ": database is damaged: " + result[0];
    return false;
  }
  std::vector<std::string> id, version, tables;
  if (!query("PRAGMA application_id", &id) || !query("PRAGMA user_version", &version) ||
      !query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
             "ORDER BY name",
             &tables) ||
      id.empty() || version.empty())
    return failed("reading the schema");
  application_id_ = std::stoi(id[0]);
  user_version_ = std::stoi(version[0]);

  // Whose file is it? Only ours is ever written to.
  bool only_ours = true;
  std::string table_list;
  for (const std::string& t : tables) {
    bool known = false;
    for (const RequiredTable& r : requiredTables()) known = known || t == r.name;
    only_ours = only_ours && known;
    table_list += (table_list.empty() ? "" : ", ") + t;
  }
  const bool unmarked_ours = application_id_ == 0 && ((user_version_ == 0 && tables.empty()) ||
                                                      (user_version_ >= 1 && only_ours));
  if (application_id_ != kApplicationId && !unmarked_ours) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%08X", static_cast<unsigned>(application_id_));
    *code = kForeign;
    *error = path_ + ": not stbd's database (application_id " + hex + ", user_version " +
             std::to_string(user_version_) +
             ", tables: " + (table_list.empty() ? "none" : table_list) + ")";
    return false;
  }
  if (user_version_ > kSchemaVersion) {
    // Written by newer software (a firmware downgrade): do not guess at it.
    *code = SQLITE_ERROR;
    *error = path_ + ": schema version " + std::to_string(user_version_) +
             " is newer than this software's (" + std::to_string(kSchemaVersion) + ")";
    return false;
  }
  // Ours, and its version promises these tables: a missing one (dropped, or
  // lost with a page) would leave stbd in memory for good.
  for (const RequiredTable& r : requiredTables()) {
    if (user_version_ < r.since_version) continue;
    std::vector<std::string> columns;
    if (!query(std::string("SELECT name FROM pragma_table_info('") + r.name + "')", &columns))
      return failed(std::string("reading table ") + r.name);
    std::string missing;
    for (const char* c : r.columns) {
      bool found = false;
      for (const std::string& have : columns) found = found || have == c;
      if (!found) missing += (missing.empty() ? "" : ", ") + std::string(c);
    }
    if (columns.empty() || !missing.empty()) {
      *code = SQLITE_CORRUPT;
      *error = path_ + ": database is damaged: schema version " + std::to_string(user_version_) +
               (columns.empty() ? std::string(" but no table ") + r.name
                                : std::string(" but table ") + r.name + " lacks " + missing);
      return false;
    }
  }
  return true;
}

bool SqliteStateStore::setUp(std::string* error, int* code) {
  const auto failed = [&](const std::string& what) {
    *code = db_ ? sqlite3_extended_errcode(db_) : SQLITE_NOMEM;
    *error = path_ + ": " + what + ": " + (db_ ? sqlite3_errmsg(db_) : "out of memory");
    return false;
  };
  if (sqlite3_open_v2(path_.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW,
                      nullptr) != SQLITE_OK)
    return failed("cannot open");
  sqlite3_extended_result_codes(db_, 1);
  // Nothing is written before the file is known to be ours and whole.
  if (!check(error, code)) return false;

  // journal_mode answers with the mode in force; anything but "wal" (a
  // filesystem without shared memory, say) would silently weaken the
  // guarantees above.
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, "PRAGMA journal_mode=WAL", -1, &stmt, nullptr) != SQLITE_OK)
    return failed("journal_mode");
  const int step = sqlite3_step(stmt);
  const std::string mode =
      step == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)) : "";
  sqlite3_finalize(stmt);
  if (step != SQLITE_ROW) return failed("journal_mode");
  if (mode != "wal") {
    *code = SQLITE_ERROR;
    *error = path_ + ": journal_mode is " + mode + ", not wal";
    return false;
  }
  if (sqlite3_exec(db_, kSetUp, nullptr, nullptr, nullptr) != SQLITE_OK) return failed("set-up");

  const int version = user_version_;
  if (version < 1 && sqlite3_exec(db_, kSchemaV1, nullptr, nullptr, nullptr) != SQLITE_OK) {
    failed("creating the schema");
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    return false;
  }
  if (version < 2 && sqlite3_exec(db_, kSchemaV2, nullptr, nullptr, nullptr) != SQLITE_OK) {
    failed("migrating the schema to version 2 (outbox)");
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    return false;
  }
  // Marked as ours once set up (files from before the mark get it now).
  if (application_id_ != kApplicationId &&
      sqlite3_exec(db_, ("PRAGMA application_id=" + std::to_string(kApplicationId)).c_str(),
                   nullptr, nullptr, nullptr) != SQLITE_OK)
    return failed("application_id");

  if (sqlite3_prepare_v2(db_,
                         "INSERT OR REPLACE INTO signed_objects (table_id, object_id, revision, "
                         "message) VALUES (?1, ?2, ?3, ?4)",
                         -1, &put_, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(db_, "DELETE FROM signed_objects WHERE table_id = ?1 AND object_id = ?2",
                         -1, &remove_, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(db_,
                         "SELECT table_id, object_id, revision, message FROM signed_objects "
                         "ORDER BY table_id, object_id",
                         -1, &load_, nullptr) != SQLITE_OK)
    return failed("preparing statements");
  return true;
}

void SqliteStateStore::close() {
  for (sqlite3_stmt** stmt : {&put_, &remove_, &load_}) {
    sqlite3_finalize(*stmt);
    *stmt = nullptr;
  }
  sqlite3_close(db_);  // checkpoints the WAL into the database and removes it
  db_ = nullptr;
}

SqliteStateStore::~SqliteStateStore() {
  close();
}

bool SqliteStateStore::fail(const std::string& what, std::string* error) const {
  if (error)
    *error = path_ + ": " + what + ": " + sqlite3_errmsg(db_) + " (" +
             std::to_string(sqlite3_extended_errcode(db_)) + ")";
  return false;
}

// Each write is a single statement, which SQLite runs as one transaction
// (autocommit): it commits whole, durably, or not at all.
bool SqliteStateStore::putObject(const stb::StoredObject& o, std::string* error) {
  const std::string what =
      "saving table_id " + std::to_string(o.table_id) + " object " + std::to_string(o.object_id);
  sqlite3_reset(put_);
  sqlite3_bind_int(put_, 1, o.table_id);
  sqlite3_bind_int64(put_, 2, o.object_id);
  sqlite3_bind_int64(put_, 3, o.revision);
  // An empty vector may have no storage, and a null blob would be NULL.
  if (o.message.empty())
    sqlite3_bind_zeroblob(put_, 4, 0);
  else
    sqlite3_bind_blob(put_, 4, o.message.data(), static_cast<int>(o.message.size()), SQLITE_STATIC);
  const int rc = sqlite3_step(put_);
  const bool ok = rc == SQLITE_DONE || fail(what, error);
  sqlite3_reset(put_);
  sqlite3_clear_bindings(put_);
  if (ok) ++writes_;
  return ok;
}

bool SqliteStateStore::removeObject(uint8_t table_id, uint32_t object_id, std::string* error) {
  const std::string what =
      "removing table_id " + std::to_string(table_id) + " object " + std::to_string(object_id);
  sqlite3_reset(remove_);
  sqlite3_bind_int(remove_, 1, table_id);
  sqlite3_bind_int64(remove_, 2, object_id);
  const int rc = sqlite3_step(remove_);
  const bool ok = rc == SQLITE_DONE || fail(what, error);
  sqlite3_reset(remove_);
  if (ok && sqlite3_changes(db_) > 0) ++writes_;  // deleting nothing writes nothing
  return ok;
}

bool SqliteStateStore::loadObjects(std::vector<stb::StoredObject>* out, std::string* error) {
  out->clear();
  sqlite3_reset(load_);
  int rc;
  while ((rc = sqlite3_step(load_)) == SQLITE_ROW) {
    stb::StoredObject o;
    o.table_id = static_cast<uint8_t>(sqlite3_column_int(load_, 0));
    o.object_id = static_cast<uint32_t>(sqlite3_column_int64(load_, 1));
    o.revision = static_cast<uint32_t>(sqlite3_column_int64(load_, 2));
    const auto* blob = static_cast<const uint8_t*>(sqlite3_column_blob(load_, 3));
    const int size = sqlite3_column_bytes(load_, 3);
    if (blob && size > 0) o.message.assign(blob, blob + size);
    out->push_back(std::move(o));
  }
  const bool ok = rc == SQLITE_DONE || fail("loading objects", error);
  sqlite3_reset(load_);
  if (!ok) out->clear();
  return ok;
}

}  // namespace platform
