#pragma once
// Reports and tickets in one database: an SQLite file, or PostgreSQL
// (db_connection.h), where several stb-central instances share it. Every
// call is one transaction; errors come back as values (false and *error with
// the database's message). One TicketStore is one connection: threads that
// share it take turns (serve holds a mutex around each call); other
// processes open their own.
//
// A report is stored once per report_id (the box's Idempotency-Key): the same
// report again gives back its ticket; a different report under the same id is
// a conflict. Tickets are numbered per UTC day of receipt, T<YYYYMMDD>-<6 digits>.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tools/stb-central/deadline_policy.h"
#include "tools/stb-central/incident.h"
#include "tools/stb-central/time_util.h"

namespace tools::db {
class Connection;
}  // namespace tools::db

namespace tools::central {

enum class TicketStatus { kAccepted, kTechnicianAssigned, kResolved, kClosed };
const char* statusName(TicketStatus s);
std::optional<TicketStatus> parseStatus(const std::string& name);

// A validated report, ready to store.
struct NewReport {
  std::string report_id;
  std::string box_id;
  std::string smartcard_id;
  std::string area_code;
  std::string category;
  std::optional<std::string> callback_phone;
  std::optional<std::string> visit_period;
  UtcSeconds created = 0;
  std::string diagnostics_json;  // the diagnostics object as JSON text
  std::string canonical_json;    // the whole report, canonical form (idempotency check)
  std::string raw_body;          // the request body as received
};

// Ticket flags for the supervisor (a bit each).
constexpr unsigned kFlagLowScore = 1u << 0;  // a return visit or call-back scored 1 or 2

constexpr UtcSeconds kReturnVisitWindow = 72 * 3600;  // after resolution

struct Ticket {
  std::string ticket;
  std::string report_id;
  std::string box_id;
  std::string area_code;
  std::string category;          // the report's category, as the box sent it
  std::string charter_category;  // general_fault, major_fault, new_installation,
                                 // service_restoration, complaint
  Severity severity = Severity::kGeneral;
  TicketStatus status = TicketStatus::kAccepted;
  std::optional<std::string> assignee;  // the worker's staff login
  UtcSeconds created = 0;               // by the box
  UtcSeconds received = 0;              // by the server
  UtcSeconds accepted = 0;              // = received: the charter's clock starts here
  UtcSeconds deadline = 0;              // the one in force (a reopen sets a new one)
  UtcSeconds updated = 0;
  std::optional<UtcSeconds> resolved_at;       // the last resolution, while resolved/closed
  std::optional<UtcSeconds> return_visit_due;  // set at resolution, cleared by the answer
  unsigned flags = 0;
  // From the report: the viewer's number for a call-back and preferred visit time.
  std::optional<std::string> callback_phone;
  std::optional<std::string> visit_period;
  // The incident it is attached to (incident.h); while that is open the
  // ticket is out of the desk's ordinary queue.
  std::optional<int64_t> incident;
};

// The audit trail: one row per change, never updated or deleted.
namespace event_kind {
constexpr char kAccepted[] = "accepted";
constexpr char kAssigned[] = "assigned";
constexpr char kVisited[] = "visited";
constexpr char kResolved[] = "resolved";
constexpr char kClosed[] = "closed";
constexpr char kReturnVisit[] = "return_visit";
constexpr char kCallbackLogged[] = "callback_logged";
constexpr char kReopened[] = "reopened";
constexpr char kFlagged[] = "flagged";
// Incidents (incidents.cpp): detail {"incident": id}, and for a confirmation
// its "expected_restore".
constexpr char kAttached[] = "attached";
constexpr char kIncidentConfirmed[] = "incident_confirmed";
constexpr char kDetached[] = "detached";
}  // namespace event_kind

struct TicketEvent {
  int64_t id = 0;  // increasing: the order the changes were made in
  std::string ticket;
  UtcSeconds at = 0;
  std::string actor;   // staff login, "box:<box_id>", "system" or "cli"
  std::string kind;    // event_kind
  std::string detail;  // a JSON object (docs/central-api.md lists the members per kind)
};

struct ReturnVisit {
  std::string ticket;
  std::string box_id;
  bool fixed = false;
  int score = 0;
  UtcSeconds answered = 0;
  std::string via = "box";  // "box" (the on-screen question) or "callback" (staff phoned)
  std::string actor;
  std::string note;
};

enum class SubmitOutcome { kCreated, kReplayed, kConflict };
struct SubmitResult {
  SubmitOutcome outcome = SubmitOutcome::kCreated;
  Ticket ticket;  // kCreated, kReplayed
};

// What the charter decides for a new ticket (CHARTER computes it).
struct SubmitTerms {
  Severity severity;
  std::string charter_category;
  UtcSeconds deadline;
  std::string assignee;  // "" = nobody yet (no worker owns the area)
};

enum class ChangeOutcome { kDone, kNotFound, kWrongStatus, kAlreadyAnswered };
struct ChangeResult {
  ChangeOutcome outcome = ChangeOutcome::kNotFound;
  Ticket ticket;  // as it is after the call (all but kNotFound)
};

// A return-visit answer: from the box, or a staff call-back.
struct ReturnVisitAnswer {
  bool fixed = false;
  int score = 0;     // 1..5
  std::string note;  // a call-back's note
  // The deadline of the reopened ticket when !fixed (the charter's rules,
  // counted from the answer). Unset: the ticket's first allowance
  // (deadline - accepted) again, counted from the answer.
  std::optional<UtcSeconds> reopen_deadline;
};

// The desk's queue. Every set member must match; "overdue" and "due soon"
// only ever match open tickets (accepted, technician_assigned).
struct QueueFilter {
  std::optional<TicketStatus> status;
  bool open_only = false;  // accepted or technician_assigned
  std::optional<std::string> charter_category;
  std::optional<std::string> area_code;
  std::optional<std::string> assignee;  // "" = unassigned tickets
  bool overdue = false;                 // deadline < now
  bool due_soon = false;                // now <= deadline < now + kDueSoon
  UtcSeconds now = 0;
  size_t limit = 0;  // 0 = all
  // Unset: the ordinary queue, without the tickets of open incidents (the
  // incident is their unit of work). Set: that incident's tickets only.
  std::optional<int64_t> incident;
};
constexpr UtcSeconds kDueSoon = 4 * 3600;

// One ticket's history, for the dashboard (desk_dashboard.h).
struct TicketHistory {
  std::string ticket;
  std::string area_code;
  std::string charter_category;
  std::vector<TicketEvent> events;  // in order
};

class TicketStore {
 public:
  static constexpr int kSchemaVersion = 3;
  static constexpr int kMaxTicketsPerDay = 999999;

  // How a connection is opened. serve and the admin commands that change
  // tickets write; the listings only read, and under WAL (or PostgreSQL's
  // MVCC) a reader is never blocked by serve's writes.
  enum class Access { kReadWrite, kReadOnly };
  struct OpenOptions {
    Access access = Access::kReadWrite;
    // How long a write waits for another connection's write transaction
    // (sqlite3_busy_timeout; PostgreSQL's lock_timeout). serve keeps it
    // short: a box is waiting.
    int busy_timeout_ms = 5000;
  };

  // PATH is an SQLite file, or a PostgreSQL database: "postgresql://..."
  // or "postgresql:host=... dbname=..." (db::isPostgres). kReadWrite
  // creates the file and schema when missing, and upgrades an older schema
  // (v1) in one transaction (ticket_schema.h); kReadOnly needs the current
  // schema. Every open of an SQLite file runs PRAGMA quick_check first and
  // refuses a damaged database, naming the file and the damaged tables.
  // nullptr and *error when the database cannot be used.
  static std::unique_ptr<TicketStore> open(const std::string& path, std::string* error);
  static std::unique_ptr<TicketStore> open(const std::string& path, const OpenOptions& options,
                                           std::string* error);
  ~TicketStore();
  TicketStore(const TicketStore&) = delete;
  TicketStore& operator=(const TicketStore&) = delete;

  // How submit() groups outage reports into incidents; unset (the default)
  // groups none. serve sets them (--incident-window, --incident-min-reports).
  void setIncidentRules(std::optional<IncidentRules> rules) { rules_ = std::move(rules); }

  // Stores `report` with a new ticket, or finds the ticket its report_id
  // already has. `now` numbers the ticket and is its received/accepted
  // time. A new ticket's events: `accepted` (actor "box:<box_id>"), and
  // `assigned` (actor "system") when terms.assignee is set. Under incident
  // rules, a new ticket of an outage-type category is attached (event
  // `attached`, actor "system") to its area's open incident, or opens a
  // suspected one with the area's other open, unattached outage reports of
  // the last rules.window seconds when they are rules.min_reports with it
  // (reports from before the area's last dismissal never count again).
  bool submit(const NewReport& report, const SubmitTerms& terms, UtcSeconds now,
              SubmitResult* result, std::string* error);
  // *out empty when there is no such ticket.
  bool findTicket(const std::string& ticket, std::optional<Ticket>* out, std::string* error);
  bool listTickets(std::vector<Ticket>* out, std::string* error);
  // The report as the box sent it; *out empty when there is no such ticket.
  bool reportBody(const std::string& ticket, std::optional<std::string>* out, std::string* error);

  // Changes (desk_changes.cpp). Each is one transaction that also writes its
  // event with ACTOR; false and *error only when the store fails.
  // kWrongStatus for a move the ticket's status does not allow.
  //
  // Statuses only move forward (accepted < technician_assigned < resolved <
  // closed), as resolve(), close() and assign() do.
  bool setStatus(const std::string& ticket, TicketStatus status, const std::string& actor,
                 UtcSeconds now, ChangeOutcome* outcome, std::string* error);
  // An open ticket gets WORKER (not empty); status technician_assigned.
  // Assigning the worker it already has changes nothing and writes nothing.
  bool assign(const std::string& ticket, const std::string& worker, const std::string& actor,
              UtcSeconds now, ChangeResult* result, std::string* error);
  // A worker was there (an open ticket; the status stays).
  bool markVisited(const std::string& ticket, const std::string& actor, const std::string& note,
                   UtcSeconds now, ChangeResult* result, std::string* error);
  // An open ticket is resolved; its return visit is due kReturnVisitWindow later.
  bool resolve(const std::string& ticket, const std::string& actor, UtcSeconds now,
               ChangeResult* result, std::string* error);
  // Any ticket not yet closed. A return visit still owed stays owed.
  bool close(const std::string& ticket, const std::string& actor, UtcSeconds now,
             ChangeResult* result, std::string* error);
  // The box's answer to the return-visit question (actor "box:<box_id>"),
  // and a staff call-back, which counts as the return visit. Only while one
  // is owed (a resolution not yet answered): kAlreadyAnswered when the
  // ticket has had its answer, kWrongStatus when it was never resolved.
  // Not fixed reopens the ticket (accepted, or technician_assigned when it
  // has a worker) with the new deadline; a score of 1 or 2 flags it.
  bool recordReturnVisit(const std::string& ticket, const ReturnVisitAnswer& answer, UtcSeconds now,
                         ChangeResult* result, std::string* error);
  bool logCallback(const std::string& ticket, const ReturnVisitAnswer& answer,
                   const std::string& actor, UtcSeconds now, ChangeResult* result,
                   std::string* error);
  // The form handlers.cpp has always used (the ticket's first allowance for a reopen).
  bool recordReturnVisit(const std::string& ticket, bool fixed, int score, UtcSeconds now,
                         ChangeOutcome* outcome, std::string* error);
  // The supervisor has seen the flags (event `flagged`, detail {"cleared": true}).
  bool clearFlags(const std::string& ticket, const std::string& actor, UtcSeconds now,
                  ChangeResult* result, std::string* error);

  // Queries (desk_queries.cpp).
  bool listReturnVisits(std::vector<ReturnVisit>* out, std::string* error);
  // Most urgent first (deadline, then ticket).
  bool queue(const QueueFilter& filter, std::vector<Ticket>* out, std::string* error);
  // The ticket's events in order; empty when there is no such ticket.
  bool timeline(const std::string& ticket, std::vector<TicketEvent>* out, std::string* error);
  // Resolved tickets whose answer is pending and still due (due > now),
  // soonest due first: the box may still answer.
  bool returnVisitQueue(UtcSeconds now, std::vector<Ticket>* out, std::string* error);
  // Resolved tickets whose kReturnVisitWindow passed with no answer (due <=
  // now): staff phone the viewer. Longest overdue first.
  bool callbackQueue(UtcSeconds now, std::vector<Ticket>* out, std::string* error);
  bool flaggedTickets(std::vector<Ticket>* out, std::string* error);
  // Every ticket accepted before TO with its events before TO (the
  // dashboard's input).
  bool histories(UtcSeconds to, std::vector<TicketHistory>* out, std::string* error);

  // Incidents (incidents.cpp). Listed oldest first; open_only: suspected
  // and confirmed.
  bool listIncidents(bool open_only, std::vector<Incident>* out, std::string* error);
  // *out empty when there is no such incident.
  bool findIncident(int64_t id, std::optional<Incident>* out, std::string* error);
  // Its tickets in the order they came (none once it was dismissed).
  bool incidentTickets(int64_t id, std::vector<Ticket>* out, std::string* error);
  // Each change below is one transaction writing an event with ACTOR on
  // every ticket it touches; kWrongStatus for a move the status does not
  // allow; false and *error only when the store fails.
  //
  // Suspected -> confirmed; a confirmed one takes a new expected restore
  // time (its confirmation stays). Events `incident_confirmed` on its open
  // tickets.
  bool confirmIncident(int64_t id, const std::string& actor, UtcSeconds expected_restore,
                       UtcSeconds now, IncidentOutcome* outcome, std::string* error);
  // The outage notice published for it (object id, revision, the SHA-256 of
  // its sections); false and *error when there is no such incident.
  bool recordIncidentNotice(int64_t id, uint32_t object_id, uint32_t revision,
                            const std::string& sha256, std::string* error);
  // Suspected or confirmed -> resolved: every attached open ticket is
  // resolved as resolve() does (its return visit due kReturnVisitWindow
  // later), event `resolved` with detail {"incident": id, ...}.
  bool resolveIncident(int64_t id, const std::string& actor, UtcSeconds now,
                       IncidentOutcome* outcome, std::string* error);
  // Suspected -> dismissed (not an outage): its tickets are detached (event
  // `detached`) and back in the queue. A confirmed incident is resolved.
  bool dismissIncident(int64_t id, const std::string& actor, UtcSeconds now,
                       IncidentOutcome* outcome, std::string* error);

 private:
  struct Edit;  // desk_changes.cpp
  explicit TicketStore(std::unique_ptr<db::Connection> db);
  bool exec(const char* sql, std::string* error);
  bool fail(const std::string& what, std::string* error);
  bool rollback(const std::string& what, std::string* error);
  bool commit(std::string* error);
  // The answer to a report already stored: its ticket, or a conflict.
  bool replay(const NewReport& report, SubmitResult* result, std::string* error);
  bool addEvent(const std::string& ticket, UtcSeconds at, const std::string& actor,
                const char* kind, const std::string& detail, std::string* error);
  // One change to TICKET in one write transaction: EDIT decides on the
  // ticket as stored (desk_changes.cpp).
  bool change(const std::string& ticket, UtcSeconds now,
              const std::function<ChangeOutcome(Edit*)>& edit, ChangeResult* result,
              std::string* error);
  bool answer(const std::string& ticket, const ReturnVisitAnswer& answer, bool by_box,
              const std::string& actor, UtcSeconds now, ChangeResult* result, std::string* error);
  // Within submit's transaction: attaches T (stored, outage-type) to its
  // area's incident, opening one when the rules say (incidents.cpp).
  bool groupIntoIncident(Ticket* t, UtcSeconds now, std::string* error);
  // One move of incident ID in one write transaction: DECIDE sees it as
  // stored (locked) and returns the outcome; kDone goes on with APPLY.
  bool moveIncident(int64_t id, const std::function<IncidentOutcome(const Incident&)>& decide,
                    const std::function<bool(const Incident&)>& apply, IncidentOutcome* outcome,
                    std::string* error);
  std::unique_ptr<db::Connection> db_;
  std::optional<IncidentRules> rules_;
};

}  // namespace tools::central
