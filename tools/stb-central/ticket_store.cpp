#include "tools/stb-central/ticket_store.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "tools/stb-central/desk_statement.h"
#include "tools/stb-central/ticket_schema.h"

namespace tools::central {

const char kTicketSelect[] =
    "SELECT t.ticket, t.report_id, t.box_id, t.area_code, t.category, t.charter_category, "
    "t.severity, t.status, t.assignee, t.created, t.received, t.accepted, t.deadline, t.updated, "
    "t.resolved_at, t.return_visit_due, t.flags, r.callback_phone, r.visit_period, t.incident "
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
  t.incident = s.optionalInteger(19);
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
  db::OpenOptions how;
  how.read_only = read_only;
  how.busy_timeout_ms = options.busy_timeout_ms;
  auto connection = db::open(path, how, error);
  if (!connection) return nullptr;
  std::unique_ptr<TicketStore> store(new TicketStore(std::move(connection)));
  const auto refuse = [&](const std::string& why) {
    if (error) *error = db::displayName(path) + ": " + why;
    return nullptr;
  };
  std::string why;
  // Read in a statement of its own, finished before any write: on SQLite a
  // statement still open would hold a read snapshot, and a write from it
  // fails at once ("database is locked") as soon as serve has committed
  // since, whatever the busy timeout.
  const int64_t v = schemaVersion(*store->db_, &why);
  if (v < 0) return refuse(why);
  if (v > kSchemaVersion)
    return refuse("schema version " + std::to_string(v) + " is newer than this program");
  if (std::string damaged = store->db_->damage(); !damaged.empty()) return refuse(damaged);
  if (v == kSchemaVersion) return store;
  if (read_only && v == 0)
    return refuse("not an stb-central database (no schema; `serve` makes it)");
  if (read_only)
    return refuse("schema version " + std::to_string(v) +
                  " is older than this program; a command that writes (serve, resolve) "
                  "upgrades it");
  if (!migrate(*store->db_, kSchemaVersion, &why)) return refuse(why);
  return store;
}

TicketStore::TicketStore(std::unique_ptr<db::Connection> db) : db_(std::move(db)) {}

TicketStore::~TicketStore() = default;

bool TicketStore::exec(const char* sql, std::string* error) {
  return db_->exec(sql, error);
}

bool TicketStore::fail(const std::string& what, std::string* error) {
  if (error) *error = what + ": " + db_->lastError();
  return false;
}

bool TicketStore::rollback(const std::string& what, std::string* error) {
  fail(what, error);
  db_->rollback();
  return false;
}

bool TicketStore::commit(std::string* error) {
  return db_->commit(error);
}

bool TicketStore::addEvent(const std::string& ticket, UtcSeconds at, const std::string& actor,
                           const char* kind, const std::string& detail, std::string* error) {
  Statement ins(*db_,
                "INSERT INTO ticket_events(ticket, at, actor, kind, detail) "
                "VALUES(?1, ?2, ?3, ?4, ?5)");
  if (!ins.ok()) return fail(std::string("event ") + kind, error);
  ins.bind(1, ticket).bind(2, at).bind(3, actor).bind(4, kind).bind(5, detail);
  return ins.step() == kDone || fail(std::string("event ") + kind, error);
}

bool TicketStore::replay(const NewReport& r, SubmitResult* result, std::string* error) {
  Statement find(*db_, "SELECT canonical_json FROM reports WHERE report_id = ?1");
  if (!find.ok() || find.bind(1, r.report_id).step() != kRow) return fail("find report", error);
  if (find.text(0) != r.canonical_json) {
    result->outcome = SubmitOutcome::kConflict;
    return true;
  }
  Statement t(*db_, std::string(kTicketSelect) + "WHERE t.report_id = ?1");
  if (!t.ok()) return fail("find ticket", error);
  t.bind(1, r.report_id);
  if (t.step() != kRow) return fail("find ticket of report " + r.report_id, error);
  result->outcome = SubmitOutcome::kReplayed;
  result->ticket = readTicket(t);
  return true;
}

bool TicketStore::submit(const NewReport& r, const SubmitTerms& terms, UtcSeconds now,
                         SubmitResult* result, std::string* error) {
  if (!db_->beginWrite(error)) return false;
  {
    // The report first: its report_id is unique, so the same report from
    // two connections at once (two instances on one PostgreSQL) is stored
    // once. The second waits for the first to commit, then stores nothing
    // and answers from what the first stored.
    Statement ins(*db_,
                  "INSERT INTO reports(report_id, box_id, smartcard_id, area_code, category, "
                  "callback_phone, visit_period, created, received, diagnostics, canonical_json, "
                  "raw_body) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
                  "ON CONFLICT(report_id) DO NOTHING");
    if (!ins.ok()) return rollback("store report", error);
    ins.bind(1, r.report_id).bind(2, r.box_id).bind(3, r.smartcard_id).bind(4, r.area_code);
    ins.bind(5, r.category).bind(6, r.callback_phone).bind(7, r.visit_period).bind(8, r.created);
    ins.bind(9, now).bind(10, r.diagnostics_json).bind(11, r.canonical_json).bind(12, r.raw_body);
    if (ins.step() != kDone) return rollback("store report", error);
    if (ins.changes() == 0) {
      db_->rollback();
      return replay(r, result, error);
    }
  }
  const std::string day = formatCompactDate(daysOf(now));
  int64_t number = 0;
  {
    Statement next(*db_,
                   "INSERT INTO ticket_days(day, last) VALUES(?1, 1) "
                   "ON CONFLICT(day) DO UPDATE SET last = ticket_days.last + 1 RETURNING last");
    if (!next.ok()) return rollback("number ticket", error);
    next.bind(1, day);
    if (next.step() != kRow) return rollback("number ticket", error);
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
    Statement ins(*db_,
                  "INSERT INTO tickets(ticket, report_id, box_id, area_code, category, severity, "
                  "status, created, received, deadline, updated, charter_category, assignee, "
                  "accepted) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
    if (!ins.ok()) return rollback("store ticket", error);
    ins.bind(1, t.ticket).bind(2, t.report_id).bind(3, t.box_id).bind(4, t.area_code);
    ins.bind(5, t.category).bind(6, severityName(t.severity)).bind(7, statusName(t.status));
    ins.bind(8, t.created).bind(9, t.received).bind(10, t.deadline).bind(11, t.updated);
    ins.bind(12, t.charter_category).bind(13, t.assignee).bind(14, t.accepted);
    if (ins.step() != kDone) return rollback("store ticket", error);
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
  // After the ticket number: on PostgreSQL the day's counter row is locked
  // from there to the commit, so that the submits that group see each
  // other's reports.
  if (!groupIntoIncident(&t, now, error)) {
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
  Statement s(*db_, std::string(kTicketSelect) + "WHERE t.ticket = ?1");
  if (!s.ok()) return fail("find ticket", error);
  s.bind(1, ticket);
  const db::Step rc = s.step();
  if (rc == kRow) {
    *out = readTicket(s);
    return true;
  }
  out->reset();
  return rc == kDone || fail("find ticket", error);
}

bool TicketStore::listTickets(std::vector<Ticket>* out, std::string* error) {
  Statement s(*db_, std::string(kTicketSelect) + "ORDER BY t.received, t.ticket");
  if (!s.ok()) return fail("list tickets", error);
  out->clear();
  db::Step rc;
  while ((rc = s.step()) == kRow) out->push_back(readTicket(s));
  return rc == kDone || fail("list tickets", error);
}

bool TicketStore::reportBody(const std::string& ticket, std::optional<std::string>* out,
                             std::string* error) {
  Statement s(*db_,
              "SELECT r.raw_body FROM reports r JOIN tickets t ON t.report_id = r.report_id "
              "WHERE t.ticket = ?1");
  if (!s.ok()) return fail("read report", error);
  s.bind(1, ticket);
  const db::Step rc = s.step();
  if (rc == kRow) {
    *out = s.text(0);
    return true;
  }
  out->reset();
  return rc == kDone || fail("read report", error);
}

}  // namespace tools::central
