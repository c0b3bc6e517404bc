// The desk's read-only queries (ticket_store.h): the queue, a ticket's
// timeline, the return-visit and call-back queues, the flagged tickets and
// the histories the dashboard counts.
#include <limits>
#include <map>

#include "tools/stb-central/desk_statement.h"
#include "tools/stb-central/ticket_store.h"

namespace tools::central {
namespace {

// Reads every row of S as a ticket; false at a step that fails.
bool readTickets(Statement& s, std::vector<Ticket>* out) {
  out->clear();
  db::Step rc;
  while ((rc = s.step()) == kRow) out->push_back(readTicket(s));
  return rc == kDone;
}

TicketEvent readEvent(const Statement& s) {
  TicketEvent e;
  e.id = s.integer(0);
  e.ticket = s.text(1);
  e.at = s.integer(2);
  e.actor = s.text(3);
  e.kind = s.text(4);
  e.detail = s.text(5);
  return e;
}

const char kOpen[] = "t.status IN ('accepted', 'technician_assigned')";

}  // namespace

bool TicketStore::listReturnVisits(std::vector<ReturnVisit>* out, std::string* error) {
  Statement s(*db_,
              "SELECT rv.ticket, t.box_id, rv.fixed, rv.score, rv.answered, rv.via, rv.actor, "
              "rv.note FROM return_visits rv JOIN tickets t ON t.ticket = rv.ticket "
              "ORDER BY rv.answered, rv.id");
  if (!s.ok()) return fail("list return visits", error);
  out->clear();
  db::Step rc;
  while ((rc = s.step()) == kRow) {
    ReturnVisit v;
    v.ticket = s.text(0);
    v.box_id = s.text(1);
    v.fixed = s.integer(2) != 0;
    v.score = static_cast<int>(s.integer(3));
    v.answered = s.integer(4);
    v.via = s.text(5);
    v.actor = s.text(6);
    v.note = s.text(7);
    out->push_back(v);
  }
  return rc == kDone || fail("list return visits", error);
}

bool TicketStore::queue(const QueueFilter& f, std::vector<Ticket>* out, std::string* error) {
  // One statement for every filter: an unset member is a NULL that matches
  // all. The CASTs give PostgreSQL the type of a parameter that may be NULL.
  const std::string sql = std::string(kTicketSelect) +
                          "WHERE (CAST(?1 AS TEXT) IS NULL OR t.status = ?1) "
                          "AND (?2 = 0 OR " +
                          kOpen +
                          ") "
                          "AND (CAST(?3 AS TEXT) IS NULL OR t.charter_category = ?3) "
                          "AND (CAST(?4 AS TEXT) IS NULL OR t.area_code = ?4) "
                          "AND (CAST(?5 AS TEXT) IS NULL OR (?5 = '' AND t.assignee IS NULL) "
                          "OR t.assignee = ?5) "
                          "AND (?6 = 0 OR (" +
                          kOpen +
                          " AND t.deadline < ?8)) "
                          "AND (?7 = 0 OR (" +
                          kOpen +
                          " AND t.deadline >= ?8 AND t.deadline < ?9)) "
                          // The ordinary queue leaves out the tickets of
                          // open incidents; an incident's lists only its own.
                          "AND ((CAST(?11 AS BIGINT) IS NULL AND (t.incident IS NULL OR "
                          "t.incident NOT IN (SELECT id FROM incidents WHERE status IN "
                          "('suspected', 'confirmed')))) OR t.incident = ?11) "
                          "ORDER BY t.deadline, t.ticket LIMIT ?10";
  Statement s(*db_, sql);
  if (!s.ok()) return fail("queue", error);
  std::optional<std::string> status;
  if (f.status) status = statusName(*f.status);
  s.bind(1, status).bind(2, int64_t{f.open_only}).bind(3, f.charter_category);
  s.bind(4, f.area_code).bind(5, f.assignee).bind(6, int64_t{f.overdue});
  s.bind(7, int64_t{f.due_soon}).bind(8, f.now).bind(9, f.now + kDueSoon);
  // No limit: the most rows there can be (both take it; only SQLite takes -1).
  s.bind(10, f.limit == 0 ? std::numeric_limits<int64_t>::max() : static_cast<int64_t>(f.limit));
  s.bind(11, f.incident);
  return readTickets(s, out) || fail("queue", error);
}

bool TicketStore::timeline(const std::string& ticket, std::vector<TicketEvent>* out,
                           std::string* error) {
  Statement s(*db_,
              "SELECT id, ticket, at, actor, kind, detail FROM ticket_events WHERE ticket = ?1 "
              "ORDER BY id");
  if (!s.ok()) return fail("timeline", error);
  s.bind(1, ticket);
  out->clear();
  db::Step rc;
  while ((rc = s.step()) == kRow) out->push_back(readEvent(s));
  return rc == kDone || fail("timeline", error);
}

bool TicketStore::returnVisitQueue(UtcSeconds now, std::vector<Ticket>* out, std::string* error) {
  Statement s(*db_, std::string(kTicketSelect) +
                        "WHERE t.return_visit_due IS NOT NULL AND t.return_visit_due > ?1 "
                        "ORDER BY t.return_visit_due, t.ticket");
  if (!s.ok()) return fail("return-visit queue", error);
  s.bind(1, now);
  return readTickets(s, out) || fail("return-visit queue", error);
}

bool TicketStore::callbackQueue(UtcSeconds now, std::vector<Ticket>* out, std::string* error) {
  Statement s(*db_, std::string(kTicketSelect) +
                        "WHERE t.return_visit_due IS NOT NULL AND t.return_visit_due <= ?1 "
                        "ORDER BY t.return_visit_due, t.ticket");
  if (!s.ok()) return fail("call-back queue", error);
  s.bind(1, now);
  return readTickets(s, out) || fail("call-back queue", error);
}

bool TicketStore::flaggedTickets(std::vector<Ticket>* out, std::string* error) {
  Statement s(*db_, std::string(kTicketSelect) + "WHERE t.flags <> 0 ORDER BY t.updated, t.ticket");
  if (!s.ok()) return fail("flagged tickets", error);
  return readTickets(s, out) || fail("flagged tickets", error);
}

bool TicketStore::histories(UtcSeconds to, std::vector<TicketHistory>* out, std::string* error) {
  out->clear();
  // One read transaction: the tickets and their events from one snapshot.
  if (!db_->beginSnapshot(error)) return false;
  const auto failed = [&](const char* what) {
    fail(what, error);
    exec("ROLLBACK", nullptr);
    return false;
  };
  {
    Statement s(*db_,
                "SELECT ticket, area_code, charter_category FROM tickets WHERE accepted < ?1 "
                "ORDER BY ticket");
    if (!s.ok()) return failed("histories");
    s.bind(1, to);
    db::Step rc;
    while ((rc = s.step()) == kRow) {
      TicketHistory h;
      h.ticket = s.text(0);
      h.area_code = s.text(1);
      h.charter_category = s.text(2);
      out->push_back(std::move(h));
    }
    if (rc != kDone) return failed("histories");
  }
  {
    Statement s(*db_,
                "SELECT id, ticket, at, actor, kind, detail FROM ticket_events WHERE at < ?1 "
                "ORDER BY ticket, id");
    if (!s.ok()) return failed("histories");
    s.bind(1, to);
    // Found by name: the database's collation orders the names, which need
    // not be the order of bytes.
    std::map<std::string, TicketHistory*> by_ticket;
    for (TicketHistory& h : *out) by_ticket.emplace(h.ticket, &h);
    db::Step rc;
    while ((rc = s.step()) == kRow) {
      TicketEvent e = readEvent(s);
      if (const auto h = by_ticket.find(e.ticket); h != by_ticket.end())
        h->second->events.push_back(std::move(e));
    }
    if (rc != kDone) return failed("histories");
  }
  exec("COMMIT", nullptr);
  return true;
}

}  // namespace tools::central
