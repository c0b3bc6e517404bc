// The desk's changes to a ticket (ticket_store.h): each one write
// transaction holding the new ticket row and its events.
#include <nlohmann/json.hpp>

#include "tools/stb-central/desk_statement.h"
#include "tools/stb-central/ticket_store.h"

namespace tools::central {

using nlohmann::json;

struct TicketStore::Edit {
  struct Event {
    const char* kind;
    std::string actor;
    json detail;
  };
  Ticket ticket;              // as stored; the edit changes it
  std::vector<Event> events;  // none: nothing to write
  void add(const char* kind, const std::string& actor, json detail = json::object()) {
    events.push_back(Event{kind, actor, std::move(detail)});
  }
};

namespace {

bool isOpen(TicketStatus s) {
  return s == TicketStatus::kAccepted || s == TicketStatus::kTechnicianAssigned;
}

json orNull(const std::optional<std::string>& v) {
  return v ? json(*v) : json(nullptr);
}

}  // namespace

bool TicketStore::change(const std::string& ticket, UtcSeconds now,
                         const std::function<ChangeOutcome(Edit*)>& edit, ChangeResult* result,
                         std::string* error) {
  if (!db_->beginWrite(error)) return false;
  Edit e;
  {
    // Locked until the commit where rows are (PostgreSQL): another
    // instance's change to the ticket waits, then reads this one's.
    Statement s(*db_, std::string(kTicketSelect) + "WHERE t.ticket = ?1" + db_->forUpdate());
    if (!s.ok()) return rollback("change " + ticket, error);
    s.bind(1, ticket);
    const db::Step rc = s.step();
    if (rc != kRow) {
      if (rc != kDone) return rollback("change " + ticket, error);
      exec("ROLLBACK", nullptr);
      result->outcome = ChangeOutcome::kNotFound;
      return true;
    }
    e.ticket = readTicket(s);
  }
  const Ticket before = e.ticket;
  result->outcome = edit(&e);
  if (result->outcome != ChangeOutcome::kDone || e.events.empty()) {
    exec("ROLLBACK", nullptr);
    result->ticket = before;
    return true;
  }
  Ticket& t = e.ticket;
  t.updated = now;
  {
    Statement u(*db_,
                "UPDATE tickets SET status = ?2, assignee = ?3, deadline = ?4, updated = ?5, "
                "resolved_at = ?6, return_visit_due = ?7, flags = ?8 WHERE ticket = ?1");
    if (!u.ok()) return rollback("change " + ticket, error);
    u.bind(1, ticket).bind(2, statusName(t.status)).bind(3, t.assignee).bind(4, t.deadline);
    u.bind(5, t.updated).bind(6, t.resolved_at).bind(7, t.return_visit_due);
    u.bind(8, static_cast<int64_t>(t.flags));
    if (u.step() != kDone) return rollback("change " + ticket, error);
  }
  for (const Edit::Event& event : e.events)
    if (!addEvent(ticket, now, event.actor, event.kind, event.detail.dump(), error)) {
      exec("ROLLBACK", nullptr);
      return false;
    }
  if (!commit(error)) return false;
  result->ticket = t;
  return true;
}

bool TicketStore::assign(const std::string& ticket, const std::string& worker,
                         const std::string& actor, UtcSeconds now, ChangeResult* result,
                         std::string* error) {
  if (worker.empty()) {
    if (error) *error = "assign " + ticket + ": no worker named";
    return false;
  }
  return change(
      ticket, now,
      [&](Edit* e) {
        Ticket& t = e->ticket;
        if (!isOpen(t.status)) return ChangeOutcome::kWrongStatus;
        if (t.assignee == worker) return ChangeOutcome::kDone;  // nothing to write
        e->add(event_kind::kAssigned, actor,
               {{"assignee", worker}, {"previous", orNull(t.assignee)}});
        t.assignee = worker;
        t.status = TicketStatus::kTechnicianAssigned;
        return ChangeOutcome::kDone;
      },
      result, error);
}

bool TicketStore::markVisited(const std::string& ticket, const std::string& actor,
                              const std::string& note, UtcSeconds now, ChangeResult* result,
                              std::string* error) {
  return change(
      ticket, now,
      [&](Edit* e) {
        if (!isOpen(e->ticket.status)) return ChangeOutcome::kWrongStatus;
        e->add(event_kind::kVisited, actor, note.empty() ? json::object() : json{{"note", note}});
        return ChangeOutcome::kDone;
      },
      result, error);
}

namespace {

// How long the ticket's first deadline gave (the `accepted` event has it;
// a reopened ticket's own deadline is later than that).
UtcSeconds firstAllowance(db::Connection& db, const Ticket& t) {
  Statement s(db,
              "SELECT detail FROM ticket_events WHERE ticket = ?1 AND kind = ?2 "
              "ORDER BY id LIMIT 1");
  if (s.ok() && s.bind(1, t.ticket).bind(2, event_kind::kAccepted).step() == kRow) {
    const json detail = json::parse(s.text(0), nullptr, false);
    if (detail.is_object() && detail.contains("deadline") && detail["deadline"].is_string())
      if (const auto first = dvb::parseIso8601(detail["deadline"].get<std::string>()))
        return *first - t.accepted;
  }
  return t.deadline - t.accepted;
}

void resolveNow(Ticket* t, UtcSeconds now) {
  t->status = TicketStatus::kResolved;
  t->resolved_at = now;
  t->return_visit_due = now + kReturnVisitWindow;
}

}  // namespace

bool TicketStore::resolve(const std::string& ticket, const std::string& actor, UtcSeconds now,
                          ChangeResult* result, std::string* error) {
  return change(
      ticket, now,
      [&](Edit* e) {
        if (!isOpen(e->ticket.status)) return ChangeOutcome::kWrongStatus;
        resolveNow(&e->ticket, now);
        e->add(event_kind::kResolved, actor,
               {{"return_visit_due", dvb::formatIso8601(*e->ticket.return_visit_due)}});
        return ChangeOutcome::kDone;
      },
      result, error);
}

bool TicketStore::close(const std::string& ticket, const std::string& actor, UtcSeconds now,
                        ChangeResult* result, std::string* error) {
  return change(
      ticket, now,
      [&](Edit* e) {
        if (e->ticket.status == TicketStatus::kClosed) return ChangeOutcome::kWrongStatus;
        e->ticket.status = TicketStatus::kClosed;
        e->add(event_kind::kClosed, actor);
        return ChangeOutcome::kDone;
      },
      result, error);
}

bool TicketStore::setStatus(const std::string& ticket, TicketStatus status,
                            const std::string& actor, UtcSeconds now, ChangeOutcome* outcome,
                            std::string* error) {
  ChangeResult result;
  const bool ok = change(
      ticket, now,
      [&](Edit* e) {
        Ticket& t = e->ticket;
        if (static_cast<int>(status) <= static_cast<int>(t.status))
          return ChangeOutcome::kWrongStatus;
        switch (status) {
          case TicketStatus::kAccepted:
            return ChangeOutcome::kWrongStatus;
          case TicketStatus::kTechnicianAssigned:
            // Whoever has it (if anyone): the status alone, as v1 did.
            e->add(event_kind::kAssigned, actor, {{"assignee", orNull(t.assignee)}});
            break;
          case TicketStatus::kResolved:
            resolveNow(&t, now);
            e->add(event_kind::kResolved, actor,
                   {{"return_visit_due", dvb::formatIso8601(*t.return_visit_due)}});
            break;
          case TicketStatus::kClosed:
            e->add(event_kind::kClosed, actor);
            break;
        }
        t.status = status;
        return ChangeOutcome::kDone;
      },
      &result, error);
  *outcome = result.outcome;
  return ok;
}

bool TicketStore::answer(const std::string& ticket, const ReturnVisitAnswer& a, bool by_box,
                         const std::string& staff, UtcSeconds now, ChangeResult* result,
                         std::string* error) {
  if (a.score < 1 || a.score > 5) {
    if (error)
      *error = "return visit of " + ticket + ": score " + std::to_string(a.score) + " is not 1..5";
    return false;
  }
  bool store_failed = false;
  const bool ok = change(
      ticket, now,
      [&](Edit* e) {
        Ticket& t = e->ticket;
        if (!t.return_visit_due) {
          // Nothing owed: answered already, or never resolved.
          Statement s(*db_, "SELECT 1 FROM return_visits WHERE ticket = ?1 LIMIT 1");
          if (!s.ok()) {
            store_failed = !fail("return visit", error);
            return ChangeOutcome::kWrongStatus;
          }
          s.bind(1, ticket);
          const db::Step rc = s.step();
          if (rc != kRow && rc != kDone) store_failed = !fail("return visit", error);
          return rc == kRow ? ChangeOutcome::kAlreadyAnswered : ChangeOutcome::kWrongStatus;
        }
        const std::string actor = by_box ? "box:" + t.box_id : staff;
        const char* via = by_box ? "box" : "callback";
        {
          Statement ins(*db_,
                        "INSERT INTO return_visits(ticket, fixed, score, answered, via, actor, "
                        "note) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
          if (ins.ok()) {
            ins.bind(1, ticket).bind(2, int64_t{a.fixed ? 1 : 0}).bind(3, int64_t{a.score});
            ins.bind(4, now).bind(5, via).bind(6, actor).bind(7, a.note);
          }
          if (!ins.ok() || ins.step() != kDone) {
            store_failed = !fail("return visit", error);
            return ChangeOutcome::kWrongStatus;
          }
        }
        json detail = {{"fixed", a.fixed}, {"score", a.score}, {"via", via}};
        if (!a.note.empty()) detail["note"] = a.note;
        e->add(by_box ? event_kind::kReturnVisit : event_kind::kCallbackLogged, actor, detail);
        t.return_visit_due.reset();
        if (!a.fixed) {
          // The first allowance again, unless the caller has the charter's.
          const UtcSeconds deadline =
              a.reopen_deadline ? *a.reopen_deadline : now + firstAllowance(*db_, t);
          t.status = t.assignee ? TicketStatus::kTechnicianAssigned : TicketStatus::kAccepted;
          t.resolved_at.reset();
          t.deadline = deadline;
          e->add(event_kind::kReopened, actor,
                 {{"deadline", dvb::formatIso8601(deadline)}, {"status", statusName(t.status)}});
        }
        if (a.score <= 2) {
          t.flags |= kFlagLowScore;
          e->add(event_kind::kFlagged, actor, {{"score", a.score}, {"via", via}});
        }
        return ChangeOutcome::kDone;
      },
      result, error);
  return ok && !store_failed;
}

bool TicketStore::recordReturnVisit(const std::string& ticket, const ReturnVisitAnswer& a,
                                    UtcSeconds now, ChangeResult* result, std::string* error) {
  return answer(ticket, a, true, "", now, result, error);
}

bool TicketStore::logCallback(const std::string& ticket, const ReturnVisitAnswer& a,
                              const std::string& actor, UtcSeconds now, ChangeResult* result,
                              std::string* error) {
  return answer(ticket, a, false, actor, now, result, error);
}

bool TicketStore::recordReturnVisit(const std::string& ticket, bool fixed, int score,
                                    UtcSeconds now, ChangeOutcome* outcome, std::string* error) {
  ReturnVisitAnswer a;
  a.fixed = fixed;
  a.score = score;
  ChangeResult result;
  const bool ok = recordReturnVisit(ticket, a, now, &result, error);
  *outcome = result.outcome;
  return ok;
}

bool TicketStore::clearFlags(const std::string& ticket, const std::string& actor, UtcSeconds now,
                             ChangeResult* result, std::string* error) {
  return change(
      ticket, now,
      [&](Edit* e) {
        if (e->ticket.flags == 0) return ChangeOutcome::kDone;  // nothing to write
        e->ticket.flags = 0;
        e->add(event_kind::kFlagged, actor, {{"cleared", true}});
        return ChangeOutcome::kDone;
      },
      result, error);
}

}  // namespace tools::central
