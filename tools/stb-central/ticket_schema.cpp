// The ticket store's schema as numbered steps (ticket_schema.h), in SQLite's
// and in PostgreSQL's words.
#include "tools/stb-central/ticket_schema.h"

#include <ctime>

#include "tools/stb-central/desk_statement.h"

namespace tools::central {
namespace {

// SQLite's steps, as they have always been.
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

// PostgreSQL's steps: the same tables, with 64-bit times and identity
// columns. Step 2 moves v1's rows as SQLite's does, but for the audit
// trail: no PostgreSQL database was ever at v1 with tickets in it (this
// program made the first ones at v2), so there is none to start.
const char kPostgresV1[] = R"sql(
CREATE TABLE reports (
  report_id      TEXT PRIMARY KEY,          -- the box's Idempotency-Key (UUID)
  box_id         TEXT NOT NULL,
  smartcard_id   TEXT NOT NULL,
  area_code      TEXT NOT NULL,
  category       TEXT NOT NULL,
  callback_phone TEXT,
  visit_period   TEXT,
  created        BIGINT NOT NULL,
  received       BIGINT NOT NULL,
  diagnostics    TEXT NOT NULL,
  canonical_json TEXT NOT NULL,
  raw_body       TEXT NOT NULL
);
CREATE TABLE tickets (
  ticket    TEXT PRIMARY KEY,
  report_id TEXT NOT NULL UNIQUE REFERENCES reports(report_id),
  box_id    TEXT NOT NULL,
  area_code TEXT NOT NULL,
  category  TEXT NOT NULL,
  severity  TEXT NOT NULL,
  status    TEXT NOT NULL,
  created   BIGINT NOT NULL,
  received  BIGINT NOT NULL,
  deadline  BIGINT NOT NULL,
  updated   BIGINT NOT NULL
);
CREATE TABLE ticket_days (
  day  TEXT PRIMARY KEY,
  last BIGINT NOT NULL
);
CREATE TABLE return_visits (
  ticket   TEXT PRIMARY KEY REFERENCES tickets(ticket),
  fixed    INTEGER NOT NULL,
  score    INTEGER NOT NULL,
  answered BIGINT NOT NULL
);
)sql";

const char kPostgresV1ToV2[] = R"sql(
ALTER TABLE tickets
  ADD COLUMN charter_category TEXT NOT NULL DEFAULT '',
  ADD COLUMN assignee TEXT,
  ADD COLUMN accepted BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN resolved_at BIGINT,
  ADD COLUMN return_visit_due BIGINT,
  ADD COLUMN flags INTEGER NOT NULL DEFAULT 0;
UPDATE tickets SET accepted = received,
  charter_category = CASE severity WHEN 'major' THEN 'major_fault' ELSE 'general_fault' END,
  resolved_at = CASE WHEN status IN ('resolved', 'closed') THEN updated END;
ALTER TABLE return_visits
  DROP CONSTRAINT return_visits_pkey,
  ADD COLUMN id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  ADD COLUMN via TEXT NOT NULL DEFAULT 'box',
  ADD COLUMN actor TEXT NOT NULL DEFAULT '',
  ADD COLUMN note TEXT NOT NULL DEFAULT '';
CREATE INDEX return_visits_ticket ON return_visits(ticket);
UPDATE tickets SET return_visit_due = updated + 259200
  WHERE status = 'resolved' AND ticket NOT IN (SELECT ticket FROM return_visits);
CREATE TABLE ticket_events (
  id     BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  ticket TEXT NOT NULL REFERENCES tickets(ticket),
  at     BIGINT NOT NULL,
  actor  TEXT NOT NULL,
  kind   TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX ticket_events_ticket ON ticket_events(ticket, id);
CREATE INDEX tickets_deadline ON tickets(deadline, ticket);
CREATE INDEX tickets_return_visit_due ON tickets(return_visit_due)
  WHERE return_visit_due IS NOT NULL;
)sql";

// v2 -> v3: incidents (incident.h). One open incident per area is the
// unique partial index, which submit's INSERT ... ON CONFLICT meets when two
// instances open one at once. Grouping looks for an area's recent reports.
const char kUpgradeV2ToV3[] = R"sql(
CREATE TABLE incidents (
  id               INTEGER PRIMARY KEY,
  area_code        TEXT NOT NULL,
  status           TEXT NOT NULL,           -- suspected, confirmed, resolved, dismissed
  opened           INTEGER NOT NULL,        -- UTC seconds
  last_report      INTEGER NOT NULL,
  reports          INTEGER NOT NULL,        -- tickets attached
  confirmed_at     INTEGER,
  confirmed_by     TEXT,
  expected_restore INTEGER,
  resolved_at      INTEGER,                 -- resolved or dismissed
  resolved_by      TEXT,
  notice_object_id INTEGER,                 -- the outage notice published for it
  notice_revision  INTEGER NOT NULL DEFAULT 0,
  notice_sha256    TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX incidents_open_area ON incidents(area_code)
  WHERE status IN ('suspected', 'confirmed');
ALTER TABLE tickets ADD COLUMN incident INTEGER REFERENCES incidents(id);
CREATE INDEX tickets_incident ON tickets(incident) WHERE incident IS NOT NULL;
CREATE INDEX tickets_area_received ON tickets(area_code, received);
)sql";

const char kPostgresV2ToV3[] = R"sql(
CREATE TABLE incidents (
  id               BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  area_code        TEXT NOT NULL,
  status           TEXT NOT NULL,
  opened           BIGINT NOT NULL,
  last_report      BIGINT NOT NULL,
  reports          BIGINT NOT NULL,
  confirmed_at     BIGINT,
  confirmed_by     TEXT,
  expected_restore BIGINT,
  resolved_at      BIGINT,
  resolved_by      TEXT,
  notice_object_id BIGINT,
  notice_revision  BIGINT NOT NULL DEFAULT 0,
  notice_sha256    TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX incidents_open_area ON incidents(area_code)
  WHERE status IN ('suspected', 'confirmed');
ALTER TABLE tickets ADD COLUMN incident BIGINT REFERENCES incidents(id);
CREATE INDEX tickets_incident ON tickets(incident) WHERE incident IS NOT NULL;
CREATE INDEX tickets_area_received ON tickets(area_code, received);
)sql";

struct Step {
  int version;
  const char* name;
  const char* sqlite;
  const char* postgres;
};

const Step kSteps[] = {
    {1, "reports and tickets", kSchemaV1, kPostgresV1},
    {2, "the desk: assignment, answers per resolution, audit trail", kUpgradeV1ToV2,
     kPostgresV1ToV2},
    {3, "incidents: outage reports of an area grouped", kUpgradeV2ToV3, kPostgresV2ToV3},
};

// Where each applied step is written down (SQLite also keeps PRAGMA
// user_version, which files made before this table have).
const char kMigrationsTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied BIGINT NOT NULL);";

// Any number, the same in every instance: the lock that lets one instance
// at a time set up a PostgreSQL database.
constexpr int64_t kMigrationLock = 0x5354'4243'0001;  // "STBC" 1

}  // namespace

int64_t schemaVersion(db::Connection& db, std::string* error) {
  const bool sqlite = db.dialect() == db::Dialect::kSqlite;
  if (!sqlite) {
    // From the catalog's rows, under the statement's snapshot: to_regclass()
    // would answer from this session's cache, which can still hold "no
    // such table" after another instance has made it.
    Statement exists(db,
                     "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE schemaname = "
                     "current_schema() AND tablename = 'schema_migrations'");
    if (exists.step() != kRow) {
      if (error) *error = db.lastError();
      return -1;
    }
    if (exists.integer(0) == 0) return 0;
  }
  Statement version(db, sqlite ? "PRAGMA user_version"
                               : "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!version.ok() || version.step() != kRow) {
    if (error) *error = db.lastError();
    return -1;
  }
  return version.integer(0);
}

bool migrate(db::Connection& db, int target, std::string* error) {
  const bool sqlite = db.dialect() == db::Dialect::kSqlite;
  if (!db.beginWrite(error)) return false;
  const auto failed = [&](const std::string& what) {
    if (error) *error = what + ": " + db.lastError();
    db.rollback();
    return false;
  };
  if (!sqlite) {
    Statement lock(db, "SELECT pg_advisory_xact_lock(?1)");
    if (lock.bind(1, kMigrationLock).step() != kRow) return failed("schema lock");
  }
  // Read again inside the write transaction: another process (serve and an
  // admin command started together, or two instances) may have done it.
  const int64_t v = schemaVersion(db, error);
  if (v < 0) return failed("schema version");
  if (v >= target) {
    db.rollback();
    return true;
  }
  for (const Step& step : kSteps)
    if (step.version > v && step.version <= target &&
        !db.exec(sqlite ? step.sqlite : step.postgres, error))
      return failed("schema step " + std::to_string(step.version));
  // Made after the steps: the tables of a new SQLite file have the pages
  // they have always had.
  if (!db.exec(kMigrationsTable, error)) return failed("schema_migrations");
  for (const Step& step : kSteps) {
    if (step.version <= v || step.version > target) continue;
    Statement done(db, "INSERT INTO schema_migrations(version, name, applied) VALUES(?1, ?2, ?3)");
    done.bind(1, int64_t{step.version}).bind(2, step.name);
    done.bind(3, static_cast<int64_t>(std::time(nullptr)));
    if (done.step() != kDone) return failed("schema step " + std::to_string(step.version));
  }
  if (sqlite && !db.exec("PRAGMA user_version=" + std::to_string(target), error))
    return failed("schema version");
  return db.commit(error);
}

}  // namespace tools::central
