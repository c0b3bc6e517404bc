#pragma once
// Reports and tickets in one SQLite database. Every call is one transaction;
// errors come back as values (false and *error with SQLite's message).
//
// A report is stored once per report_id (the box's Idempotency-Key): the same
// report again gives back its ticket; a different report under the same id is
// a conflict. Tickets are numbered per UTC day of receipt, T<YYYYMMDD>-<6 digits>.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tools/stb-central/deadline_policy.h"
#include "tools/stb-central/time_util.h"

struct sqlite3;

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

struct Ticket {
  std::string ticket;
  std::string report_id;
  std::string box_id;
  std::string area_code;
  std::string category;
  Severity severity = Severity::kGeneral;
  TicketStatus status = TicketStatus::kAccepted;
  UtcSeconds created = 0;   // by the box
  UtcSeconds received = 0;  // by the server
  UtcSeconds deadline = 0;
  UtcSeconds updated = 0;
};

struct ReturnVisit {
  std::string ticket;
  std::string box_id;
  bool fixed = false;
  int score = 0;
  UtcSeconds answered = 0;
};

enum class SubmitOutcome { kCreated, kReplayed, kConflict };
struct SubmitResult {
  SubmitOutcome outcome = SubmitOutcome::kCreated;
  Ticket ticket;  // kCreated, kReplayed
};

enum class ChangeOutcome { kDone, kNotFound, kWrongStatus, kAlreadyAnswered };

class TicketStore {
 public:
  static constexpr int kSchemaVersion = 1;
  static constexpr int kMaxTicketsPerDay = 999999;

  // How a connection is opened. serve and the admin commands that change
  // tickets write; the listings only read, and under WAL a reader is never
  // blocked by serve's writes.
  enum class Access { kReadWrite, kReadOnly };
  struct OpenOptions {
    Access access = Access::kReadWrite;
    // How long a write waits for another connection's write transaction
    // (sqlite3_busy_timeout). serve keeps it short: a box is waiting.
    int busy_timeout_ms = 5000;
  };

  // kReadWrite creates the file and schema when missing; kReadOnly needs
  // both. Every open runs PRAGMA quick_check first and refuses a damaged
  // database, naming the file and the damaged tables. nullptr and *error
  // when the database cannot be used.
  static std::unique_ptr<TicketStore> open(const std::string& path, std::string* error);
  static std::unique_ptr<TicketStore> open(const std::string& path, const OpenOptions& options,
                                           std::string* error);
  ~TicketStore();
  TicketStore(const TicketStore&) = delete;
  TicketStore& operator=(const TicketStore&) = delete;

  // Stores `report` with a new ticket, or finds the ticket its report_id
  // already has. `now` numbers the ticket and is its received/updated time.
  bool submit(const NewReport& report, Severity severity, UtcSeconds deadline, UtcSeconds now,
              SubmitResult* result, std::string* error);
  // *out empty when there is no such ticket.
  bool findTicket(const std::string& ticket, std::optional<Ticket>* out, std::string* error);
  bool listTickets(std::vector<Ticket>* out, std::string* error);
  // The report as the box sent it; *out empty when there is no such ticket.
  bool reportBody(const std::string& ticket, std::optional<std::string>* out, std::string* error);
  // Statuses only move forward (accepted < technician_assigned < resolved < closed):
  // kWrongStatus otherwise.
  bool setStatus(const std::string& ticket, TicketStatus status, UtcSeconds now,
                 ChangeOutcome* outcome, std::string* error);
  // Only for resolved tickets (kWrongStatus), once (kAlreadyAnswered).
  bool recordReturnVisit(const std::string& ticket, bool fixed, int score, UtcSeconds now,
                         ChangeOutcome* outcome, std::string* error);
  bool listReturnVisits(std::vector<ReturnVisit>* out, std::string* error);

 private:
  explicit TicketStore(sqlite3* db) : db_(db) {}
  bool exec(const char* sql, std::string* error);
  bool fail(const std::string& what, std::string* error);
  bool rollback(const std::string& what, std::string* error);
  // "" when PRAGMA quick_check finds nothing, else what is damaged.
  std::string damage();
  sqlite3* db_;
};

}  // namespace tools::central
