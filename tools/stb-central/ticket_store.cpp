#include "tools/stb-central/ticket_store.h"

#include <sqlite3.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tools/stb-central/desk_sqlite.h"

namespace tools::central {
namespace {

// Schema version 1, as it was: a new database is made as v1 and upgraded,
// so that every database, new or old, has the same v2 schema.
const char kSchemaV1[] = R"sql(
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

// v1 -> v2: the desk's columns, an answer per resolution (a reopened ticket
// is answered again), and the audit trail, started from what v1 kept: each
// ticket's acceptance, its last status change and its answer.
const char kUpgradeV1ToV2[] = R"sql(
ALTER TABLE tickets ADD COLUMN charter_category TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN assignee TEXT;               -- a worker's staff login
ALTER TABLE tickets ADD COLUMN accepted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN resolved_at INTEGER;         -- the last resolution
ALTER TABLE tickets ADD COLUMN return_visit_due INTEGER;    -- while an answer is owed
ALTER TABLE tickets ADD COLUMN flags INTEGER NOT NULL DEFAULT 0;
-- v1 knew only the fault kinds, major or general by their severity.
UPDATE tickets SET accepted = received,
  charter_category = CASE severity WHEN 'major' THEN 'major_fault' ELSE 'general_fault' END,
  resolved_at = CASE WHEN status IN ('resolved', 'closed') THEN updated END;
CREATE TABLE return_visits_v2 (
  id       INTEGER PRIMARY KEY,
  ticket   TEXT NOT NULL REFERENCES tickets(ticket),
  fixed    INTEGER NOT NULL,
  score    INTEGER NOT NULL,
  answered INTEGER NOT NULL,
  via      TEXT NOT NULL,                   -- 'box' or 'callback'
  actor    TEXT NOT NULL,
  note     TEXT NOT NULL DEFAULT ''
);
INSERT INTO return_visits_v2(ticket, fixed, score, answered, via, actor)
  SELECT rv.ticket, rv.fixed, rv.score, rv.answered, 'box', 'box:' || t.box_id
  FROM return_visits rv JOIN tickets t ON t.ticket = rv.ticket ORDER BY rv.answered, rv.ticket;
DROP TABLE return_visits;
ALTER TABLE return_visits_v2 RENAME TO return_visits;
CREATE INDEX return_visits_ticket ON return_visits(ticket);
-- A resolved ticket that v1 left unanswered still owes its return visit
-- (v1 kept no resolution time: its last change stands for it).
UPDATE tickets SET return_visit_due = updated + 259200
  WHERE status = 'resolved' AND ticket NOT IN (SELECT ticket FROM return_visits);
CREATE TABLE ticket_events (
  id     INTEGER PRIMARY KEY,               -- the order of the changes
  ticket TEXT NOT NULL REFERENCES tickets(ticket),
  at     INTEGER NOT NULL,                  -- UTC seconds
  actor  TEXT NOT NULL,                     -- staff login, box:<box_id>, system, cli
  kind   TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}'         -- JSON object
);
CREATE INDEX ticket_events_ticket ON ticket_events(ticket, id);
CREATE INDEX tickets_deadline ON tickets(deadline, ticket);  -- the queue's order
CREATE INDEX tickets_return_visit_due ON tickets(return_visit_due)
  WHERE return_visit_due IS NOT NULL;
INSERT INTO ticket_events(ticket, at, actor, kind, detail)
  SELECT ticket, at, actor, kind, detail FROM (
    SELECT ticket, received AS at, 0 AS rank, 'box:' || box_id AS actor, 'accepted' AS kind,
           json_object('migrated', json('true'), 'category', category,
                       'charter_category', charter_category, 'severity', severity,
                       'deadline', strftime('%Y-%m-%dT%H:%M:%SZ', deadline, 'unixepoch')) AS detail
      FROM tickets
    UNION ALL
    SELECT ticket, updated, 1, 'system',
           CASE status WHEN 'technician_assigned' THEN 'assigned' ELSE status END,
           json_object('migrated', json('true'))
      FROM tickets WHERE status <> 'accepted'
    UNION ALL
    SELECT ticket, answered, 2, actor, 'return_visit',
           json_object('migrated', json('true'), 'fixed', json(CASE fixed WHEN 0 THEN 'false' ELSE 'true' END),
                       'score', score, 'via', via)
      FROM return_visits)
  ORDER BY at, ticket, rank;
)sql";

}  // namespace

const char kTicketSelect[] =
    "SELECT t.ticket, t.report_id, t.box_id, t.area_code, t.category, t.charter_category, "
    "t.severity, t.status, t.assignee, t.created, t.received, t.accepted, t.deadline, t.updated, "
    "t.resolved_at, t.return_visit_due, t.flags, r.callback_phone, r.visit_period "
    "FROM tickets t JOIN reports r ON r.report_id = t.report_id ";

Ticket readTicket(const Statement& s) {
  Ticket t;
  t.ticket = s.text(0);
  t.report_id = s.text(1);
  t.box_id = s.text(2);
  t.area_code = s.text(3);
  t.category = s.text(4);
  t.charter_category = s.text(5);
  t.severity = s.text(6) == "major" ? Severity::kMajor : Severity::kGeneral;
  t.status = parseStatus(s.text(7)).value_or(TicketStatus::kAccepted);
  t.assignee = s.optionalText(8);
  t.created = s.integer(9);
  t.received = s.integer(10);
  t.accepted = s.integer(11);
  t.deadline = s.integer(12);
  t.updated = s.integer(13);
  t.resolved_at = s.optionalInteger(14);
  t.return_visit_due = s.optionalInteger(15);
  t.flags = static_cast<unsigned>(s.integer(16));
  t.callback_phone = s.optionalText(17);
  t.visit_period = s.optionalText(18);
  return t;
}

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
  if (read_only && v == 0)
    return refuse("not an stb-central database (no schema; `serve` makes it)");
  if (read_only)
    return refuse("schema version " + std::to_string(v) +
                  " is older than this program; a command that writes (serve, resolve) "
                  "upgrades it");
  if (!store->setUpSchema(&why)) return refuse(why);
  return store;
}

bool TicketStore::setUpSchema(std::string* error) {
  if (!exec("BEGIN IMMEDIATE", error)) return false;
  // Read again inside the write transaction: another process (serve and an
  // admin command started together) may have done it meanwhile.
  int64_t v = -1;
  {
    Statement version(db_, "PRAGMA user_version");
    if (version.ok() && version.step() == SQLITE_ROW) v = version.integer(0);
  }
  if (v < 0) return rollback("schema version", error);
  std::string sql;
  if (v == 0) sql += kSchemaV1;
  if (v <= 1) sql += kUpgradeV1ToV2;
  sql += "PRAGMA user_version=" + std::to_string(kSchemaVersion) + ";";
  if (v < kSchemaVersion && !exec(sql.c_str(), error)) {
    exec("ROLLBACK", nullptr);
    return false;
  }
  return commit(error);
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

bool TicketStore::commit(std::string* error) {
  if (exec("COMMIT", error)) return true;
  exec("ROLLBACK", nullptr);
  return false;
}

bool TicketStore::addEvent(const std::string& ticket, UtcSeconds at, const std::string& actor,
                           const char* kind, const std::string& detail, std::string* error) {
  Statement ins(db_,
                "INSERT INTO ticket_events(ticket, at, actor, kind, detail) "
                "VALUES(?1, ?2, ?3, ?4, ?5)");
  if (!ins.ok()) return fail(std::string("event ") + kind, error);
  ins.bind(1, ticket).bind(2, at).bind(3, actor).bind(4, kind).bind(5, detail);
  return ins.step() == SQLITE_DONE || fail(std::string("event ") + kind, error);
}

bool TicketStore::submit(const NewReport& r, const SubmitTerms& terms, UtcSeconds now,
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
      Statement t(db_, std::string(kTicketSelect) + "WHERE t.report_id = ?1");
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
  t.charter_category = terms.charter_category;
  t.severity = terms.severity;
  t.status = terms.assignee.empty() ? TicketStatus::kAccepted : TicketStatus::kTechnicianAssigned;
  if (!terms.assignee.empty()) t.assignee = terms.assignee;
  t.created = r.created;
  t.received = t.accepted = now;
  t.deadline = terms.deadline;
  t.updated = now;
  t.callback_phone = r.callback_phone;
  t.visit_period = r.visit_period;
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
                  "status, created, received, deadline, updated, charter_category, assignee, "
                  "accepted) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
    if (!ins.ok()) return rollback("store ticket", error);
    ins.bind(1, t.ticket).bind(2, t.report_id).bind(3, t.box_id).bind(4, t.area_code);
    ins.bind(5, t.category).bind(6, severityName(t.severity)).bind(7, statusName(t.status));
    ins.bind(8, t.created).bind(9, t.received).bind(10, t.deadline).bind(11, t.updated);
    ins.bind(12, t.charter_category).bind(13, t.assignee).bind(14, t.accepted);
    if (ins.step() != SQLITE_DONE) return rollback("store ticket", error);
  }
  const std::string box_actor = "box:" + r.box_id;
  const nlohmann::json accepted = {{"category", t.category},
                                   {"charter_category", t.charter_category},
                                   {"severity", severityName(t.severity)},
                                   {"deadline", dvb::formatIso8601(t.deadline)}};
  if (!addEvent(t.ticket, now, box_actor, event_kind::kAccepted, accepted.dump(), error)) {
    exec("ROLLBACK", nullptr);
    return false;
  }
  // "First inquiry responsibility": the area's worker has it from the start.
  if (t.assignee && !addEvent(t.ticket, now, "system", event_kind::kAssigned,
                              nlohmann::json{{"assignee", *t.assignee}}.dump(), error)) {
    exec("ROLLBACK", nullptr);
    return false;
  }
  if (!commit(error)) return false;
  result->outcome = SubmitOutcome::kCreated;
  result->ticket = t;
  return true;
}

bool TicketStore::findTicket(const std::string& ticket, std::optional<Ticket>* out,
                             std::string* error) {
  Statement s(db_, std::string(kTicketSelect) + "WHERE t.ticket = ?1");
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
  Statement s(db_, std::string(kTicketSelect) + "ORDER BY t.received, t.ticket");
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

}  // namespace tools::central
