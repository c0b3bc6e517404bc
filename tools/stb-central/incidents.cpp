// Incidents in the ticket store (incident.h, ticket_store.h): the grouping
// that submit() does in its transaction, the supervisor's moves, and the
// listings.
//
// With several instances on one PostgreSQL: an area has one open incident
// by the unique partial index incidents_open_area (an INSERT that meets
// another instance's new incident does nothing and attaches to that one); a
// move locks the incident's row, and a submit attaches by updating that row
// only while it is still open, so that a report is never attached to an
// incident that was resolved or dismissed meanwhile.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "tools/stb-central/desk_statement.h"
#include "tools/stb-central/ticket_store.h"

namespace tools::central {

using nlohmann::json;

namespace {

const char kIncidentSelect[] =
    "SELECT i.id, i.area_code, i.status, i.opened, i.last_report, i.reports, i.confirmed_at, "
    "i.confirmed_by, i.expected_restore, i.resolved_at, i.resolved_by, i.notice_object_id, "
    "i.notice_revision, i.notice_sha256 FROM incidents i ";

// Written out as the index incidents_open_area has it (ON CONFLICT names it so).
const char kIncidentOpen[] = "status IN ('suspected', 'confirmed')";
const char kTicketOpen[] = "status IN ('accepted', 'technician_assigned')";

Incident readIncident(const Statement& s) {
  Incident i;
  i.id = s.integer(0);
  i.area_code = s.text(1);
  i.status = parseIncidentStatus(s.text(2)).value_or(IncidentStatus::kSuspected);
  i.opened = s.integer(3);
  i.last_report = s.integer(4);
  i.reports = static_cast<size_t>(s.integer(5));
  i.confirmed_at = s.optionalInteger(6);
  i.confirmed_by = s.optionalText(7);
  i.expected_restore = s.optionalInteger(8);
  i.resolved_at = s.optionalInteger(9);
  i.resolved_by = s.optionalText(10);
  if (const auto object = s.optionalInteger(11))
    i.notice_object_id = static_cast<uint32_t>(*object);
  i.notice_revision = static_cast<uint32_t>(s.integer(12));
  i.notice_sha256 = s.text(13);
  return i;
}

}  // namespace

const char* incidentStatusName(IncidentStatus s) {
  switch (s) {
    case IncidentStatus::kSuspected:
      return "suspected";
    case IncidentStatus::kConfirmed:
      return "confirmed";
    case IncidentStatus::kResolved:
      return "resolved";
    case IncidentStatus::kDismissed:
      return "dismissed";
  }
  return "suspected";
}

std::optional<IncidentStatus> parseIncidentStatus(const std::string& name) {
  for (IncidentStatus s : {IncidentStatus::kSuspected, IncidentStatus::kConfirmed,
                           IncidentStatus::kResolved, IncidentStatus::kDismissed})
    if (name == incidentStatusName(s)) return s;
  return std::nullopt;
}

bool TicketStore::groupIntoIncident(Ticket* t, UtcSeconds now, std::string* error) {
  if (!rules_ || rules_->min_reports <= 0) return true;
  const std::vector<std::string>& outage = rules_->categories;
  if (std::find(outage.begin(), outage.end(), t->category) == outage.end()) return true;
  // A round ends early only when another instance changed the area's
  // incident between two statements; the next round sees what it did.
  for (int round = 0; round < 3; ++round) {
    std::optional<int64_t> open;
    {
      Statement s(
          *db_, std::string("SELECT id FROM incidents WHERE area_code = ?1 AND ") + kIncidentOpen);
      if (!s.ok()) return fail("find incident", error);
      const db::Step rc = s.bind(1, t->area_code).step();
      if (rc == kRow) open = s.integer(0);
      if (rc != kRow && rc != kDone) return fail("find incident", error);
    }
    if (open) {
      // Waits for a move of the incident that is under way (its row lock),
      // then counts only if it is still open.
      Statement u(*db_, std::string("UPDATE incidents SET reports = reports + 1, last_report = ?2 "
                                    "WHERE id = ?1 AND ") +
                            kIncidentOpen);
      if (!u.ok() || u.bind(1, *open).bind(2, now).step() != kDone)
        return fail("attach to incident", error);
      if (u.changes() == 0) continue;
      Statement a(*db_, "UPDATE tickets SET incident = ?2 WHERE ticket = ?1");
      if (!a.ok() || a.bind(1, t->ticket).bind(2, *open).step() != kDone)
        return fail("attach to incident", error);
      t->incident = *open;
      return addEvent(t->ticket, now, "system", event_kind::kAttached,
                      json{{"incident", *open}}.dump(), error);
    }
    // No incident open: the area's open, unattached outage reports of the
    // window, this one among them. Those before the area's last dismissal
    // were found not to be an outage and never count again.
    std::string sql =
        std::string(
            "SELECT t.ticket FROM tickets t WHERE t.area_code = ?1 AND t.incident IS NULL "
            "AND t.") +
        kTicketOpen +
        " AND t.received >= ?2 AND t.received > COALESCE((SELECT MAX(resolved_at) FROM incidents "
        "WHERE area_code = ?1 AND status = 'dismissed'), -1) AND t.category IN (";
    for (size_t i = 0; i < outage.size(); ++i) sql += (i ? ", ?" : "?") + std::to_string(i + 3);
    sql += ") ORDER BY t.received, t.ticket";
    std::vector<std::string> reports;
    {
      Statement s(*db_, sql);
      if (!s.ok()) return fail("group reports", error);
      s.bind(1, t->area_code).bind(2, now - rules_->window);
      for (size_t i = 0; i < outage.size(); ++i) s.bind(static_cast<int>(i + 3), outage[i]);
      db::Step rc;
      while ((rc = s.step()) == kRow) reports.push_back(s.text(0));
      if (rc != kDone) return fail("group reports", error);
    }
    if (reports.size() < static_cast<size_t>(rules_->min_reports)) return true;
    int64_t id = 0;
    {
      Statement ins(*db_,
                    std::string("INSERT INTO incidents(area_code, status, opened, last_report, "
                                "reports) VALUES(?1, 'suspected', ?2, ?2, 0) "
                                "ON CONFLICT(area_code) WHERE ") +
                        kIncidentOpen + " DO NOTHING RETURNING id");
      if (!ins.ok()) return fail("open incident", error);
      const db::Step rc = ins.bind(1, t->area_code).bind(2, now).step();
      if (rc == kDone) continue;  // another instance opened it just now
      if (rc != kRow) return fail("open incident", error);
      id = ins.integer(0);
    }
    const std::string detail = json{{"incident", id}}.dump();
    int64_t attached = 0;
    for (const std::string& ticket : reports) {
      // Only if still open and unattached: read without a lock.
      Statement a(*db_, std::string("UPDATE tickets SET incident = ?2 WHERE ticket = ?1 AND "
                                    "incident IS NULL AND ") +
                            kTicketOpen);
      if (!a.ok() || a.bind(1, ticket).bind(2, id).step() != kDone)
        return fail("attach to incident", error);
      if (a.changes() == 0) continue;
      ++attached;
      if (!addEvent(ticket, now, "system", event_kind::kAttached, detail, error)) return false;
    }
    Statement count(*db_, "UPDATE incidents SET reports = ?2 WHERE id = ?1");
    if (!count.ok() || count.bind(1, id).bind(2, attached).step() != kDone)
      return fail("open incident", error);
    t->incident = id;
    return true;
  }
  if (error) *error = "the incident of area " + t->area_code + " kept changing; try again";
  return false;
}

bool TicketStore::listIncidents(bool open_only, std::vector<Incident>* out, std::string* error) {
  Statement s(
      *db_, std::string(kIncidentSelect) + "WHERE ?1 = 0 OR i." + kIncidentOpen + " ORDER BY i.id");
  if (!s.ok()) return fail("list incidents", error);
  s.bind(1, int64_t{open_only});
  out->clear();
  db::Step rc;
  while ((rc = s.step()) == kRow) out->push_back(readIncident(s));
  return rc == kDone || fail("list incidents", error);
}

bool TicketStore::findIncident(int64_t id, std::optional<Incident>* out, std::string* error) {
  Statement s(*db_, std::string(kIncidentSelect) + "WHERE i.id = ?1");
  if (!s.ok()) return fail("find incident", error);
  const db::Step rc = s.bind(1, id).step();
  out->reset();
  if (rc == kRow) *out = readIncident(s);
  return rc == kRow || rc == kDone || fail("find incident", error);
}

bool TicketStore::incidentTickets(int64_t id, std::vector<Ticket>* out, std::string* error) {
  Statement s(*db_, std::string(kTicketSelect) +
                        "WHERE t.incident = ?1 ORDER BY t.received, "
                        "t.ticket");
  if (!s.ok()) return fail("incident tickets", error);
  s.bind(1, id);
  out->clear();
  db::Step rc;
  while ((rc = s.step()) == kRow) out->push_back(readTicket(s));
  return rc == kDone || fail("incident tickets", error);
}

bool TicketStore::moveIncident(int64_t id,
                               const std::function<IncidentOutcome(const Incident&)>& decide,
                               const std::function<bool(const Incident&)>& apply,
                               IncidentOutcome* outcome, std::string* error) {
  if (!db_->beginWrite(error)) return false;
  std::optional<Incident> found;
  {
    // Locked to the commit on PostgreSQL (SQLite's write transaction holds
    // the whole database): a submit attaching to it waits for this move.
    const bool postgres = db_->dialect() == db::Dialect::kPostgres;
    Statement s(*db_, std::string(kIncidentSelect) + "WHERE i.id = ?1" +
                          (postgres ? " FOR UPDATE OF i" : ""));
    if (!s.ok()) return rollback("incident " + std::to_string(id), error);
    const db::Step rc = s.bind(1, id).step();
    if (rc == kRow) found = readIncident(s);
    if (rc != kRow && rc != kDone) return rollback("incident " + std::to_string(id), error);
  }
  *outcome = found ? decide(*found) : IncidentOutcome::kNotFound;
  if (*outcome != IncidentOutcome::kDone) {
    db_->rollback();
    return true;
  }
  if (!apply(*found)) return rollback("incident " + std::to_string(id), error);
  return commit(error);
}

namespace {

// Events of KIND with DETAIL by ACTOR at NOW on the tickets of incident ID
// that match WHERE (about tickets t), in one statement.
bool addIncidentEvents(db::Connection& db, int64_t id, const std::string& where, UtcSeconds now,
                       const std::string& actor, const char* kind, const json& detail) {
  Statement s(db,
              "INSERT INTO ticket_events(ticket, at, actor, kind, detail) "
              "SELECT t.ticket, ?2, ?3, ?4, ?5 FROM tickets t WHERE t.incident = ?1" +
                  where + " ORDER BY t.ticket");
  if (!s.ok()) return false;
  s.bind(1, id).bind(2, now).bind(3, actor).bind(4, kind).bind(5, detail.dump());
  return s.step() == kDone;
}

}  // namespace

bool TicketStore::confirmIncident(int64_t id, const std::string& actor, UtcSeconds expected_restore,
                                  UtcSeconds now, IncidentOutcome* outcome, std::string* error) {
  return moveIncident(
      id,
      [](const Incident& i) {
        return incidentIsOpen(i.status) ? IncidentOutcome::kDone : IncidentOutcome::kWrongStatus;
      },
      [&](const Incident&) {
        Statement u(*db_,
                    "UPDATE incidents SET status = 'confirmed', confirmed_at = "
                    "COALESCE(confirmed_at, ?2), confirmed_by = COALESCE(confirmed_by, ?3), "
                    "expected_restore = ?4 WHERE id = ?1");
        if (!u.ok() ||
            u.bind(1, id).bind(2, now).bind(3, actor).bind(4, expected_restore).step() != kDone)
          return false;
        return addIncidentEvents(
            *db_, id, std::string(" AND t.") + kTicketOpen, now, actor,
            event_kind::kIncidentConfirmed,
            {{"incident", id}, {"expected_restore", dvb::formatIso8601(expected_restore)}});
      },
      outcome, error);
}

bool TicketStore::recordIncidentNotice(int64_t id, uint32_t object_id, uint32_t revision,
                                       const std::string& sha256, std::string* error) {
  if (!db_->beginWrite(error)) return false;
  Statement u(*db_,
              "UPDATE incidents SET notice_object_id = ?2, notice_revision = ?3, "
              "notice_sha256 = ?4 WHERE id = ?1");
  if (!u.ok()) return rollback("incident notice", error);
  u.bind(1, id).bind(2, int64_t{object_id}).bind(3, int64_t{revision}).bind(4, sha256);
  if (u.step() != kDone) return rollback("incident notice", error);
  if (u.changes() == 0) {
    db_->rollback();
    if (error) *error = "no incident " + std::to_string(id);
    return false;
  }
  return commit(error);
}

bool TicketStore::resolveIncident(int64_t id, const std::string& actor, UtcSeconds now,
                                  IncidentOutcome* outcome, std::string* error) {
  const UtcSeconds due = now + kReturnVisitWindow;
  return moveIncident(
      id,
      [](const Incident& i) {
        return incidentIsOpen(i.status) ? IncidentOutcome::kDone : IncidentOutcome::kWrongStatus;
      },
      [&](const Incident&) {
        const std::string open = std::string(" AND t.") + kTicketOpen;
        {
          // The tickets' rows too: a desk change under way on one finishes
          // first, and the events and the update below see the same tickets.
          Statement lock(*db_, "SELECT t.ticket FROM tickets t WHERE t.incident = ?1" + open +
                                   db_->forUpdate());
          if (!lock.ok()) return false;
          lock.bind(1, id);
          db::Step rc;
          while ((rc = lock.step()) == kRow) {
          }
          if (rc != kDone) return false;
        }
        // As resolve() does, ticket by ticket.
        if (!addIncidentEvents(*db_, id, open, now, actor, event_kind::kResolved,
                               {{"incident", id}, {"return_visit_due", dvb::formatIso8601(due)}}))
          return false;
        Statement u(*db_,
                    std::string("UPDATE tickets SET status = 'resolved', resolved_at = ?2, "
                                "return_visit_due = ?3, updated = ?2 WHERE incident = ?1 AND ") +
                        kTicketOpen);
        if (!u.ok() || u.bind(1, id).bind(2, now).bind(3, due).step() != kDone) return false;
        Statement i(*db_,
                    "UPDATE incidents SET status = 'resolved', resolved_at = ?2, resolved_by = ?3 "
                    "WHERE id = ?1");
        return i.ok() && i.bind(1, id).bind(2, now).bind(3, actor).step() == kDone;
      },
      outcome, error);
}

bool TicketStore::dismissIncident(int64_t id, const std::string& actor, UtcSeconds now,
                                  IncidentOutcome* outcome, std::string* error) {
  return moveIncident(
      id,
      [](const Incident& i) {
        return i.status == IncidentStatus::kSuspected ? IncidentOutcome::kDone
                                                      : IncidentOutcome::kWrongStatus;
      },
      [&](const Incident&) {
        if (!addIncidentEvents(*db_, id, "", now, actor, event_kind::kDetached,
                               {{"incident", id}, {"dismissed", true}}))
          return false;
        Statement u(*db_, "UPDATE tickets SET incident = NULL, updated = ?2 WHERE incident = ?1");
        if (!u.ok() || u.bind(1, id).bind(2, now).step() != kDone) return false;
        Statement i(*db_,
                    "UPDATE incidents SET status = 'dismissed', resolved_at = ?2, "
                    "resolved_by = ?3 WHERE id = ?1");
        return i.ok() && i.bind(1, id).bind(2, now).bind(3, actor).step() == kDone;
      },
      outcome, error);
}

}  // namespace tools::central
