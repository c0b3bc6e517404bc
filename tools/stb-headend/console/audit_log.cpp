#include "tools/stb-headend/console/audit_log.h"

#include <sqlite3.h>

namespace tools::headend::console {
namespace {

const char kSchema[] = R"sql(
CREATE TABLE IF NOT EXISTS audit (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  who       TEXT NOT NULL,
  at        INTEGER NOT NULL,                -- UTC seconds
  action    TEXT NOT NULL CHECK (action IN ('publish', 'revise', 'cancel', 'approve')),
  table_id  INTEGER NOT NULL,
  object_id INTEGER NOT NULL,
  revision  INTEGER NOT NULL,
  sha256    TEXT NOT NULL,
  notice    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS audit_object ON audit (table_id, object_id, revision);
CREATE TABLE IF NOT EXISTS pending (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  author    TEXT NOT NULL,
  created   INTEGER NOT NULL,
  object_id INTEGER NOT NULL,
  revision  INTEGER NOT NULL,
  notice    TEXT NOT NULL
);
)sql";

const char kColumns[] = "id, who, at, action, table_id, object_id, revision, sha256, notice";

class Query {
 public:
  Query(sqlite3* db, const std::string& sql) : db_(db) {
    sqlite3_prepare_v2(db, sql.c_str(), -1, &s_, nullptr);
  }
  ~Query() { sqlite3_finalize(s_); }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  bool ok() const { return s_ != nullptr; }
  Query& bind(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Query& bind(int i, int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  int step() { return sqlite3_step(s_); }
  std::string text(int col) const {
    const unsigned char* t = sqlite3_column_text(s_, col);
    return t ? std::string(reinterpret_cast<const char*>(t),
                           static_cast<size_t>(sqlite3_column_bytes(s_, col)))
             : std::string();
  }
  int64_t integer(int col) const { return sqlite3_column_int64(s_, col); }
  bool fail(std::string* error) const {
    *error = std::string("audit log: ") + sqlite3_errmsg(db_);
    return false;
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* s_ = nullptr;
};

AuditRow readRow(const Query& q) {
  AuditRow r;
  r.id = q.integer(0);
  r.who = q.text(1);
  r.when = q.integer(2);
  r.action = q.text(3);
  r.table_id = static_cast<uint8_t>(q.integer(4));
  r.object_id = static_cast<uint32_t>(q.integer(5));
  r.revision = static_cast<uint32_t>(q.integer(6));
  r.sha256 = q.text(7);
  r.notice = q.text(8);
  return r;
}

PendingNotice readPending(const Query& q) {
  PendingNotice p;
  p.id = q.integer(0);
  p.author = q.text(1);
  p.created = q.integer(2);
  p.object_id = static_cast<uint32_t>(q.integer(3));
  p.revision = static_cast<uint32_t>(q.integer(4));
  p.notice = q.text(5);
  return p;
}

// Runs Q to its end, each row through READ.
template <typename Read>
bool each(Query& q, std::string* error, Read read) {
  if (!q.ok()) return q.fail(error);
  int rc;
  while ((rc = q.step()) == SQLITE_ROW) read(q);
  return rc == SQLITE_DONE || q.fail(error);
}

}  // namespace

std::unique_ptr<AuditLog> AuditLog::open(const std::string& path, std::string* error) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    *error = path + ": " + (db ? sqlite3_errmsg(db) : "cannot open");
    sqlite3_close(db);
    return nullptr;
  }
  std::unique_ptr<AuditLog> log(new AuditLog(db));
  sqlite3_busy_timeout(db, 5000);
  char* msg = nullptr;
  if (sqlite3_exec(db, kSchema, nullptr, nullptr, &msg) != SQLITE_OK) {
    *error = path + ": " + (msg ? msg : sqlite3_errmsg(db));
    sqlite3_free(msg);
    return nullptr;
  }
  return log;
}

AuditLog::~AuditLog() {
  sqlite3_close(db_);
}

bool AuditLog::add(const AuditRow& r, std::string* error) {
  Query q(db_,
          "INSERT INTO audit (who, at, action, table_id, object_id, revision, sha256, notice) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  if (!q.ok()) return q.fail(error);
  q.bind(1, r.who).bind(2, r.when).bind(3, r.action).bind(4, int64_t{r.table_id});
  q.bind(5, int64_t{r.object_id}).bind(6, int64_t{r.revision}).bind(7, r.sha256).bind(8, r.notice);
  return q.step() == SQLITE_DONE || q.fail(error);
}

bool AuditLog::rows(size_t limit, std::vector<AuditRow>* out, std::string* error) {
  out->clear();
  Query q(db_, std::string("SELECT ") + kColumns + " FROM audit ORDER BY id DESC LIMIT ?");
  q.bind(1, static_cast<int64_t>(limit));
  return each(q, error, [out](const Query& row) { out->push_back(readRow(row)); });
}

bool AuditLog::nextRevision(uint8_t table_id, uint32_t object_id, uint32_t* out,
                            std::string* error) {
  Query q(db_,
          "SELECT COALESCE(MAX(revision), 0) FROM audit WHERE table_id = ? AND object_id = ? "
          "AND action IN ('publish', 'revise', 'cancel')");
  q.bind(1, int64_t{table_id}).bind(2, int64_t{object_id});
  int64_t last = 0;
  if (!each(q, error, [&last](const Query& row) { last = row.integer(0); })) return false;
  *out = static_cast<uint32_t>(last + 1);
  return true;
}

bool AuditLog::nextObjectId(uint8_t table_id, uint32_t* out, std::string* error) {
  Query q(db_,
          "SELECT MAX(COALESCE((SELECT MAX(object_id) FROM audit WHERE table_id = ?), 0), "
          "COALESCE((SELECT MAX(object_id) FROM pending), 0))");
  q.bind(1, int64_t{table_id});
  int64_t last = 0;
  if (!each(q, error, [&last](const Query& row) { last = row.integer(0); })) return false;
  *out = static_cast<uint32_t>(last + 1);
  return true;
}

bool AuditLog::published(uint8_t table_id, std::vector<AuditRow>* out, std::string* error) {
  out->clear();
  Query q(db_, std::string("SELECT ") + kColumns +
                   " FROM audit a WHERE table_id = ? AND action IN ('publish', 'revise', "
                   "'cancel') AND revision = (SELECT MAX(revision) FROM audit b WHERE "
                   "b.table_id = a.table_id AND b.object_id = a.object_id AND b.action IN "
                   "('publish', 'revise', 'cancel')) ORDER BY object_id");
  q.bind(1, int64_t{table_id});
  return each(q, error, [out](const Query& row) { out->push_back(readRow(row)); });
}

bool AuditLog::addPending(const PendingNotice& p, int64_t* id, std::string* error) {
  Query q(db_,
          "INSERT INTO pending (author, created, object_id, revision, notice) VALUES (?, ?, ?, "
          "?, ?)");
  if (!q.ok()) return q.fail(error);
  q.bind(1, p.author).bind(2, p.created).bind(3, int64_t{p.object_id});
  q.bind(4, int64_t{p.revision}).bind(5, p.notice);
  if (q.step() != SQLITE_DONE) return q.fail(error);
  *id = sqlite3_last_insert_rowid(db_);
  return true;
}

bool AuditLog::pending(std::vector<PendingNotice>* out, std::string* error) {
  out->clear();
  Query q(db_, "SELECT id, author, created, object_id, revision, notice FROM pending ORDER BY id");
  return each(q, error, [out](const Query& row) { out->push_back(readPending(row)); });
}

bool AuditLog::findPending(int64_t id, std::optional<PendingNotice>* out, std::string* error) {
  out->reset();
  Query q(db_, "SELECT id, author, created, object_id, revision, notice FROM pending WHERE id = ?");
  q.bind(1, id);
  return each(q, error, [out](const Query& row) { *out = readPending(row); });
}

bool AuditLog::removePending(int64_t id, std::string* error) {
  Query q(db_, "DELETE FROM pending WHERE id = ?");
  q.bind(1, id);
  return q.step() == SQLITE_DONE || q.fail(error);
}

}  // namespace tools::headend::console
