#include "tools/stb-central/ticket_store.h"

#include <sqlite3.h>

#include <cstdio>
#include <sstream>

namespace tools::central {
namespace {

const char kSchema[] = R"sql(
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
)sql";

const char kTicketColumns[] =
    "ticket, report_id, box_id, area_code, category, severity, status, created, received, "
    "deadline, updated";

// One prepared statement, finalised on scope exit.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    ok_ = sqlite3_prepare_v2(db, sql, -1, &s_, nullptr) == SQLITE_OK;
  }
  ~Statement() { sqlite3_finalize(s_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  bool ok() const { return ok_; }
  Statement& bind(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int i, const std::optional<std::string>& v) {
    if (v) return bind(i, *v);
    sqlite3_bind_null(s_, i);
    return *this;
  }
  Statement& bind(int i, int64_t v) {
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

 private:
  sqlite3_stmt* s_ = nullptr;
  bool ok_ = false;
};

Ticket readTicket(const Statement& s) {
  Ticket t;
  t.ticket = s.text(0);
  t.report_id = s.text(1);
  t.box_id = s.text(2);
  t.area_code = s.text(3);
  t.category = s.text(4);
  t.severity = s.text(5) == "major" ? Severity::kMajor : Severity::kGeneral;
  t.status = parseStatus(s.text(6)).value_or(TicketStatus::kAccepted);
  t.created = s.integer(7);
  t.received = s.integer(8);
  t.deadline = s.integer(9);
  t.updated = s.integer(10);
  return t;
}

}  // namespace

const char* statusName(TicketStatus s) {
  switch (s) {
    case TicketStatus::kAccepted:
      return "accepted";
    case TicketStatus::kTechnicianAssigned:
      return "technician_assigned";
    case TicketStatus::kResolved:
      return "resolved";
    case TicketStatus::kClosed:
      return "closed";
  }
  return "accepted";
}

std::optional<TicketStatus> parseStatus(const std::string& name) {
  for (TicketStatus s : {TicketStatus::kAccepted, TicketStatus::kTechnicianAssigned,
                         TicketStatus::kResolved, TicketStatus::kClosed})
    if (name == statusName(s)) return s;
  return std::nullopt;
}

std::unique_ptr<TicketStore> TicketStore::open(const std::string& path, std::string* error) {
  return open(path, OpenOptions(), error);
}

std::unique_ptr<TicketStore> TicketStore::open(const std::string& path, const OpenOptions& options,
                                               std::string* error) {
  const bool read_only = options.access == Access::kReadOnly;
  sqlite3* db = nullptr;
  const int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    if (error) *error = path + ": " + (db ? sqlite3_errmsg(db) : "cannot open");
    sqlite3_close(db);
    return nullptr;
  }
  std::unique_ptr<TicketStore> store(new TicketStore(db));
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  const auto refuse = [&](const std::string& why) {
    if (error) *error = path + ": " + why;
    return nullptr;
  };
  std::string why;
  // journal_mode=WAL changes the file, so only a writer sets it; it is
  // persistent, and the readers find it there.
  if (!read_only && !store->exec("PRAGMA journal_mode=WAL", &why)) return refuse(why);
  if (!store->exec("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", &why)) return refuse(why);
  int64_t v = -1;
  {
    // Finalised before any write: a statement still open here would hold a
    // read snapshot, and a write from it fails at once ("database is locked")
    // as soon as serve has committed since, whatever the busy timeout.
    Statement version(db, "PRAGMA user_version");
    if (version.ok() && version.step() == SQLITE_ROW) v = version.integer(0);
  }
  if (v < 0) return refuse(sqlite3_errmsg(db));
  if (v > kSchemaVersion)
    return refuse("schema version " + std::to_string(v) + " is newer than this program");
  if (std::string damaged = store->damage(); !damaged.empty()) return refuse(damaged);
  if (v == kSchemaVersion) return store;
  if (read_only) return refuse("not an stb-central database (no schema; `serve` makes it)");
  // A new database: the schema in one short write transaction.
  const std::string setup = std::string("BEGIN IMMEDIATE;") + kSchema +
                            "PRAGMA user_version=" + std::to_string(kSchemaVersion) + "; COMMIT;";
  if (!store->exec(setup.c_str(), &why)) {
    store->exec("ROLLBACK", nullptr);
    return refuse(why);
  }
  return store;
}

namespace {

// What the check pragma SQL reports, a line each (a row can hold several),
// its "*** in database main ***" headings left out; *complete false when
// SQLite gave up part way (it does, with SQLITE_CORRUPT, after listing what
// it found).
std::vector<std::string> checkResult(sqlite3* db, const std::string& sql, bool* complete,
                                     std::string* error) {
  std::vector<std::string> problems;
  Statement check(db, sql.c_str());
  int rc = SQLITE_ERROR;
  if (check.ok())
    while ((rc = check.step()) == SQLITE_ROW) {
      std::istringstream lines(check.text(0));
      for (std::string line; std::getline(lines, line);)
        if (!line.empty() && line.compare(0, 4, "*** ") != 0) problems.push_back(line);
    }
  *complete = rc == SQLITE_DONE;
  if (!*complete) *error = sqlite3_errmsg(db);
  return problems;
}

}  // namespace

std::string TicketStore::damage() {
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
      db_, "PRAGMA quick_check(" + std::to_string(kMaxProblems) + ")", &complete, &error);
  if (complete && problems.size() == 1 && problems[0] == "ok") return "";
  if (problems.empty()) return "damaged database, refusing to use it (" + error + ")";
  // Which tables: checked one by one, now that it is known to be needed.
  std::string tables;
  {
    Statement schema(db_, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
    while (schema.ok() && schema.step() == SQLITE_ROW) {
      const std::string name = schema.text(0);
      bool whole = false;
      std::string why;
      const auto found = checkResult(db_, "PRAGMA quick_check(\"" + name + "\")", &whole, &why);
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

TicketStore::~TicketStore() {
  sqlite3_close(db_);
}

bool TicketStore::exec(const char* sql, std::string* error) {
  char* msg = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &msg) == SQLITE_OK) return true;
  if (error) *error = msg ? msg : sqlite3_errmsg(db_);
  sqlite3_free(msg);
  return false;
}

bool TicketStore::fail(const std::string& what, std::string* error) {
  if (error) *error = what + ": " + sqlite3_errmsg(db_);
  return false;
}

bool TicketStore::rollback(const std::string& what, std::string* error) {
  fail(what, error);
  exec("ROLLBACK", nullptr);
  return false;
}

bool TicketStore::submit(const NewReport& r, Severity severity, UtcSeconds deadline, UtcSeconds now,
                         SubmitResult* result, std::string* error) {
  if (!exec("BEGIN IMMEDIATE", error)) return false;
  {
    Statement find(db_, "SELECT canonical_json FROM reports WHERE report_id = ?1");
    if (!find.ok()) return rollback("find report", error);
    find.bind(1, r.report_id);
    const int rc = find.step();
    if (rc == SQLITE_ROW) {
      const bool same = find.text(0) == r.canonical_json;
      exec("ROLLBACK", nullptr);
      if (!same) {
        result->outcome = SubmitOutcome::kConflict;
        return true;
      }
      Statement t(
          db_,
          (std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE report_id = ?1").c_str());
      if (!t.ok()) return fail("find ticket", error);
      t.bind(1, r.report_id);
      if (t.step() != SQLITE_ROW) return fail("find ticket of report " + r.report_id, error);
      result->outcome = SubmitOutcome::kReplayed;
      result->ticket = readTicket(t);
      return true;
    }
    if (rc != SQLITE_DONE) return rollback("find report", error);
  }
  const std::string day = formatCompactDate(daysOf(now));
  int64_t number = 0;
  {
    Statement next(db_,
                   "INSERT INTO ticket_days(day, last) VALUES(?1, 1) "
                   "ON CONFLICT(day) DO UPDATE SET last = last + 1 RETURNING last");
    if (!next.ok()) return rollback("number ticket", error);
    next.bind(1, day);
    if (next.step() != SQLITE_ROW) return rollback("number ticket", error);
    number = next.integer(0);
  }
  if (number > kMaxTicketsPerDay) {
    exec("ROLLBACK", nullptr);
    if (error) *error = "ticket numbers for " + day + " are exhausted";
    return false;
  }
  char ticket[32];
  std::snprintf(ticket, sizeof ticket, "T%s-%06lld", day.c_str(), static_cast<long long>(number));
  Ticket t;
  t.ticket = ticket;
  t.report_id = r.report_id;
  t.box_id = r.box_id;
  t.area_code = r.area_code;
  t.category = r.category;
  t.severity = severity;
  t.status = TicketStatus::kAccepted;
  t.created = r.created;
  t.received = now;
  t.deadline = deadline;
  t.updated = now;
  {
    Statement ins(db_,
                  "INSERT INTO reports(report_id, box_id, smartcard_id, area_code, category, "
                  "callback_phone, visit_period, created, received, diagnostics, canonical_json, "
                  "raw_body) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    if (!ins.ok()) return rollback("store report", error);
    ins.bind(1, r.report_id).bind(2, r.box_id).bind(3, r.smartcard_id).bind(4, r.area_code);
    ins.bind(5, r.category).bind(6, r.callback_phone).bind(7, r.visit_period).bind(8, r.created);
    ins.bind(9, now).bind(10, r.diagnostics_json).bind(11, r.canonical_json).bind(12, r.raw_body);
    if (ins.step() != SQLITE_DONE) return rollback("store report", error);
  }
  {
    Statement ins(db_,
                  "INSERT INTO tickets(ticket, report_id, box_id, area_code, category, severity, "
                  "status, created, received, deadline, updated) "
                  "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    if (!ins.ok()) return rollback("store ticket", error);
    ins.bind(1, t.ticket).bind(2, t.report_id).bind(3, t.box_id).bind(4, t.area_code);
    ins.bind(5, t.category).bind(6, std::string(severityName(severity)));
    ins.bind(7, std::string(statusName(t.status))).bind(8, t.created).bind(9, t.received);
    ins.bind(10, t.deadline).bind(11, t.updated);
    if (ins.step() != SQLITE_DONE) return rollback("store ticket", error);
  }
  if (!exec("COMMIT", error)) {
    exec("ROLLBACK", nullptr);
    return false;
  }
  result->outcome = SubmitOutcome::kCreated;
  result->ticket = t;
  return true;
}

bool TicketStore::findTicket(const std::string& ticket, std::optional<Ticket>* out,
                             std::string* error) {
  Statement s(
      db_, (std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE ticket = ?1").c_str());
  if (!s.ok()) return fail("find ticket", error);
  s.bind(1, ticket);
  const int rc = s.step();
  if (rc == SQLITE_ROW) {
    *out = readTicket(s);
    return true;
  }
  out->reset();
  return rc == SQLITE_DONE || fail("find ticket", error);
}

bool TicketStore::listTickets(std::vector<Ticket>* out, std::string* error) {
  Statement s(db_,
              (std::string("SELECT ") + kTicketColumns + " FROM tickets ORDER BY received, ticket")
                  .c_str());
  if (!s.ok()) return fail("list tickets", error);
  out->clear();
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) out->push_back(readTicket(s));
  return rc == SQLITE_DONE || fail("list tickets", error);
}

bool TicketStore::reportBody(const std::string& ticket, std::optional<std::string>* out,
                             std::string* error) {
  Statement s(db_,
              "SELECT r.raw_body FROM reports r JOIN tickets t ON t.report_id = r.report_id "
              "WHERE t.ticket = ?1");
  if (!s.ok()) return fail("read report", error);
  s.bind(1, ticket);
  const int rc = s.step();
  if (rc == SQLITE_ROW) {
    *out = s.text(0);
    return true;
  }
  out->reset();
  return rc == SQLITE_DONE || fail("read report", error);
}

bool TicketStore::setStatus(const std::string& ticket, TicketStatus status, UtcSeconds now,
                            ChangeOutcome* outcome, std::string* error) {
  if (!exec("BEGIN IMMEDIATE", error)) return false;
  Statement s(db_, "SELECT status FROM tickets WHERE ticket = ?1");
  if (!s.ok()) return rollback("set status", error);
  s.bind(1, ticket);
  const int rc = s.step();
  if (rc != SQLITE_ROW) {
    if (rc != SQLITE_DONE) return rollback("set status", error);
    exec("ROLLBACK", nullptr);
    *outcome = ChangeOutcome::kNotFound;
    return true;
  }
  const TicketStatus current = parseStatus(s.text(0)).value_or(TicketStatus::kAccepted);
  if (static_cast<int>(status) <= static_cast<int>(current)) {
    exec("ROLLBACK", nullptr);
    *outcome = ChangeOutcome::kWrongStatus;
    return true;
  }
  Statement u(db_, "UPDATE tickets SET status = ?2, updated = ?3 WHERE ticket = ?1");
  if (!u.ok()) return rollback("set status", error);
  u.bind(1, ticket).bind(2, std::string(statusName(status))).bind(3, now);
  if (u.step() != SQLITE_DONE) return rollback("set status", error);
  if (!exec("COMMIT", error)) {
    exec("ROLLBACK", nullptr);
    return false;
  }
  *outcome = ChangeOutcome::kDone;
  return true;
}

bool TicketStore::recordReturnVisit(const std::string& ticket, bool fixed, int score,
                                    UtcSeconds now, ChangeOutcome* outcome, std::string* error) {
  if (!exec("BEGIN IMMEDIATE", error)) return false;
  Statement s(db_,
              "SELECT t.status, rv.ticket IS NOT NULL FROM tickets t "
              "LEFT JOIN return_visits rv ON rv.ticket = t.ticket WHERE t.ticket = ?1");
  if (!s.ok()) return rollback("return visit", error);
  s.bind(1, ticket);
  const int rc = s.step();
  if (rc != SQLITE_ROW) {
    if (rc != SQLITE_DONE) return rollback("return visit", error);
    exec("ROLLBACK", nullptr);
    *outcome = ChangeOutcome::kNotFound;
    return true;
  }
  if (s.integer(1) != 0 || s.text(0) != statusName(TicketStatus::kResolved)) {
    exec("ROLLBACK", nullptr);
    *outcome = s.integer(1) != 0 ? ChangeOutcome::kAlreadyAnswered : ChangeOutcome::kWrongStatus;
    return true;
  }
  Statement ins(db_,
                "INSERT INTO return_visits(ticket, fixed, score, answered) VALUES(?1, ?2, ?3, ?4)");
  if (!ins.ok()) return rollback("return visit", error);
  ins.bind(1, ticket).bind(2, int64_t{fixed ? 1 : 0}).bind(3, int64_t{score}).bind(4, now);
  if (ins.step() != SQLITE_DONE) return rollback("return visit", error);
  if (!exec("COMMIT", error)) {
    exec("ROLLBACK", nullptr);
    return false;
  }
  *outcome = ChangeOutcome::kDone;
  return true;
}

bool TicketStore::listReturnVisits(std::vector<ReturnVisit>* out, std::string* error) {
  Statement s(db_,
              "SELECT rv.ticket, t.box_id, rv.fixed, rv.score, rv.answered FROM return_visits rv "
              "JOIN tickets t ON t.ticket = rv.ticket ORDER BY rv.answered, rv.ticket");
  if (!s.ok()) return fail("list return visits", error);
  out->clear();
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    ReturnVisit v;
    v.ticket = s.text(0);
    v.box_id = s.text(1);
    v.fixed = s.integer(2) != 0;
    v.score = static_cast<int>(s.integer(3));
    v.answered = s.integer(4);
    out->push_back(v);
  }
  return rc == SQLITE_DONE || fail("list return visits", error);
}

}  // namespace tools::central
