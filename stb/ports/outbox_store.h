#pragma once
// The fault-report outbox's rows and the store that keeps them (stb/outbox.h
// is the policy; platform/sqlite_outbox_store.h keeps them on flash, and
// MemoryOutboxStore in stb/outbox.h in memory).
#include <cstdint>
#include <string>
#include <vector>

namespace stb {

enum class OutboxKind { kReport, kReturnVisit };
const char* outboxKindName(OutboxKind kind);  // "report", "return_visit"

// One persisted outbox row.
struct OutboxReport {
  std::string report_id;  // reports: the UUID; return visits: "rv:" + ticket
  OutboxKind kind = OutboxKind::kReport;
  std::string body_json;  // exactly what is POSTed, on every attempt
  int64_t created_ms = 0;
  int attempts = 0;             // failed delivery attempts so far
  int64_t next_attempt_ms = 0;  // state waiting: not before this
  // waiting: not delivered yet; sent: delivered (reports: has a ticket);
  // failed: refused for good (409/400/403), kept so it stays visible.
  std::string state = "waiting";
  std::string ticket, status, deadline, hotline;  // from the central system
  // The ticket's category of fault ("general", "major") as the central
  // system answered: empty until it answered (or when an older server did
  // not say). The report's category ("no_picture", ...): the viewer's
  // choice from enqueue, then the central system's answer when it gives
  // one; what the viewer is shown. Empty for return visits.
  std::string severity, category;
  // The charter's category of the ticket ("general_fault", ...,
  // "complaint") as the central system answered; empty until then, or when
  // it gave none the box knows.
  std::string charter_category;
  std::string last_error;
  // Ticket polling (state sent, kind report, status not resolved/closed).
  int poll_attempts = 0;
  int64_t next_poll_ms = 0;
};

// Persistent rows, keyed by report_id. Each call is one transaction: it
// happens whole or not at all. Errors come back as false and *error.
class OutboxStore {
 public:
  virtual ~OutboxStore() = default;
  // Inserts a new row; a row with the same report_id is an error.
  virtual bool put(const OutboxReport& r, std::string* error) = 0;
  // Replaces an existing row; a missing row is an error.
  virtual bool update(const OutboxReport& r, std::string* error) = 0;
  // Every row, in the order they were put (the times in them are on a clock
  // that restarts at a reboot and cannot order rows across one).
  virtual bool list(std::vector<OutboxReport>* out, std::string* error) = 0;
  // Removing a missing row succeeds.
  virtual bool remove(const std::string& report_id, std::string* error) = 0;
  // Rows of kind K in STATE.
  virtual bool count(OutboxKind kind, const std::string& state, int64_t* n, std::string* error) = 0;
};

}  // namespace stb
