#include "tools/db/db_sqlite.h"

#include <sqlite3.h>

#include <sstream>
#include <vector>

namespace tools::db {
namespace {

class SqliteQuery : public Query {
 public:
  SqliteQuery(sqlite3* db, const std::string& sql) : db_(db) {
    ok_ = sqlite3_prepare_v2(db, sql.c_str(), -1, &s_, nullptr) == SQLITE_OK;
  }
  ~SqliteQuery() override { sqlite3_finalize(s_); }
  bool ok() const override { return ok_; }
  void bindText(int i, const std::string& v) override {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void bindInteger(int i, int64_t v) override { sqlite3_bind_int64(s_, i, v); }
  void bindNull(int i) override { sqlite3_bind_null(s_, i); }
  Step step() override {
    switch (sqlite3_step(s_)) {
      case SQLITE_ROW:
        return Step::kRow;
      case SQLITE_DONE:
        return Step::kDone;
      default:
        return Step::kError;
    }
  }
  bool isNull(int col) const override { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
  std::string text(int col) const override {
    const unsigned char* t = sqlite3_column_text(s_, col);
    return t ? std::string(reinterpret_cast<const char*>(t),
                           static_cast<size_t>(sqlite3_column_bytes(s_, col)))
             : std::string();
  }
  int64_t integer(int col) const override { return sqlite3_column_int64(s_, col); }
  int64_t changes() const override { return sqlite3_changes(db_); }

 private:
  sqlite3* db_;
  sqlite3_stmt* s_ = nullptr;
  bool ok_ = false;
};

class SqliteConnection : public Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override { sqlite3_close(db_); }
  Dialect dialect() const override { return Dialect::kSqlite; }
  std::unique_ptr<Query> prepare(const std::string& sql) override {
    return std::make_unique<SqliteQuery>(db_, sql);
  }
  bool exec(const std::string& sql, std::string* error) override {
    char* msg = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &msg) == SQLITE_OK) return true;
    if (error) *error = msg ? msg : sqlite3_errmsg(db_);
    sqlite3_free(msg);
    return false;
  }
  std::string lastError() const override { return sqlite3_errmsg(db_); }
  bool beginWrite(std::string* error) override { return exec("BEGIN IMMEDIATE", error); }
  bool beginSnapshot(std::string* error) override { return exec("BEGIN", error); }
  const char* forUpdate() const override { return ""; }  // BEGIN IMMEDIATE has locked it all
  std::string damage() override;

 private:
  sqlite3* db_;
};

// What the check pragma SQL reports, a line each (a row can hold several),
// its "*** in database main ***" headings left out; *complete false when
// SQLite gave up part way (it does, with SQLITE_CORRUPT, after listing what
// it found).
std::vector<std::string> checkResult(Connection& db, const std::string& sql, bool* complete,
                                     std::string* error) {
  std::vector<std::string> problems;
  const std::unique_ptr<Query> check = db.prepare(sql);
  Step rc = Step::kError;
  if (check->ok())
    while ((rc = check->step()) == Step::kRow) {
      std::istringstream lines(check->text(0));
      for (std::string line; std::getline(lines, line);)
        if (!line.empty() && line.compare(0, 4, "*** ") != 0) problems.push_back(line);
    }
  *complete = rc == Step::kDone;
  if (!*complete) *error = db.lastError();
  return problems;
}

std::string SqliteConnection::damage() {
  // quick_check rather than integrity_check: it reads every page and checks
  // each b-tree's structure, the free list and every row's format, which is
  // what an overwritten or torn page breaks, and it takes time linear in the
  // size of the file. integrity_check also looks every row up in each of its
  // indexes, which costs more than the start of a server is worth
  // (docs/central-api.md has both figures).
  constexpr int kMaxProblems = 100;
  bool complete = false;
  std::string error;
  const std::vector<std::string> problems = checkResult(
      *this, "PRAGMA quick_check(" + std::to_string(kMaxProblems) + ")", &complete, &error);
  if (complete && problems.size() == 1 && problems[0] == "ok") return "";
  if (problems.empty()) return "damaged database, refusing to use it (" + error + ")";
  // Which tables: checked one by one, now that it is known to be needed.
  std::string tables;
  {
    const std::unique_ptr<Query> schema =
        prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
    while (schema->ok() && schema->step() == Step::kRow) {
      const std::string name = schema->text(0);
      bool whole = false;
      std::string why;
      const auto found = checkResult(*this, "PRAGMA quick_check(\"" + name + "\")", &whole, &why);
      if (!whole || found.size() != 1 || found[0] != "ok")
        tables += (tables.empty() ? "" : ", ") + name;
    }
  }
  const bool many = problems.size() >= static_cast<size_t>(kMaxProblems);
  return "damaged database, refusing to use it: PRAGMA quick_check found " +
         std::string(many ? "at least " : "") + std::to_string(problems.size()) + " problem(s)" +
         (tables.empty() ? "" : " in table(s) " + tables) + "; the first: \"" + problems[0] +
         "\". Restore it from a backup.";
}

}  // namespace

std::unique_ptr<Connection> openSqlite(const std::string& path, const OpenOptions& options,
                                       std::string* error) {
  sqlite3* db = nullptr;
  const int flags = options.read_only ? SQLITE_OPEN_READONLY
                    : options.create  ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                      : SQLITE_OPEN_READWRITE;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    if (error) *error = path + ": " + (db ? sqlite3_errmsg(db) : "cannot open");
    sqlite3_close(db);
    return nullptr;
  }
  auto connection = std::make_unique<SqliteConnection>(db);
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  std::string why;
  // journal_mode=WAL changes the file, so only a writer sets it; it is
  // persistent, and the readers find it there.
  if ((!options.read_only && !connection->exec("PRAGMA journal_mode=WAL", &why)) ||
      !connection->exec("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", &why)) {
    if (error) *error = path + ": " + why;
    return nullptr;
  }
  return connection;
}

}  // namespace tools::db
