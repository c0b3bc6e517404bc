#pragma once
// The fault-report outbox: a viewer's confirmed report is never lost and never
// filed twice.
//
// Policy only (no SQLite, no sockets, no clock): the store, the time and the
// random source are injected. The platform side is
// platform/sqlite_outbox_store.h (the store) and platform/central_client.h
// (HTTPS); stb/report_sender.h ties them together.
//
// Never lost: enqueue() writes the report to the store in one transaction
// before it reports success, so the viewer is told "accepted" only for a
// report that survives a power cut. A full outbox refuses new reports with
// a clear error; it never drops an older one.
//
// Never filed twice: every report carries a report_id (UUID v4) made once at
// enqueue and sent as the Idempotency-Key on every attempt, so a retry after
// a lost answer gets the same ticket back.
//
// Times are milliseconds on the caller's monotonic clock. That clock restarts
// at a reboot, so after loading from the store the owner calls resume(now),
// which makes everything waiting due at once (a restart is a good moment to
// try again) and keeps no wait longer than its cap.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "stb/ports/outbox_store.h"
#include "stb/ports/random_source.h"

namespace stb {

// The store in memory (tests; a box whose flash is unusable). Can be told to
// fail every write, as a full or read-only flash would.
class MemoryOutboxStore : public OutboxStore {
 public:
  bool put(const OutboxReport& r, std::string* error) override;
  bool update(const OutboxReport& r, std::string* error) override;
  bool list(std::vector<OutboxReport>* out, std::string* error) override;
  bool remove(const std::string& report_id, std::string* error) override;
  bool count(OutboxKind kind, const std::string& state, int64_t* n, std::string* error) override;

  void failWrites(bool fail) { fail_writes_ = fail; }
  void failReads(bool fail) { fail_reads_ = fail; }
  uint64_t writes() const { return writes_; }

 private:
  std::vector<OutboxReport> rows_;  // in put order
  bool fail_writes_ = false;
  bool fail_reads_ = false;
  uint64_t writes_ = 0;
};

struct OutboxPolicy {
  int max_reports = 50;  // reports waiting or failed; beyond this enqueue refuses
  int max_return_visits = 50;
  int64_t retry_base_ms = 5'000;     // backoff: full jitter over base * 2^attempts,
  int64_t retry_cap_ms = 900'000;    // capped at 15 min
  int64_t retry_floor_ms = 1'000;    // never sooner than this after a failure
  int64_t poll_first_ms = 300'000;   // ticket polls: 5 min after delivery or a change,
  int64_t poll_cap_ms = 21'600'000;  // doubling to 6 h
};

// What the central system said when it accepted a report (or when a ticket
// was polled).
struct TicketInfo {
  std::string ticket, status, deadline, hotline;
  std::string severity{}, category{};  // empty: not in the answer
  // The charter's category the deadline comes from (general_fault,
  // major_fault, new_installation, service_restoration, complaint); empty
  // when the answer gave none the box knows.
  std::string charter_category{};
};

// The next thing to do.
struct OutboxAction {
  enum class Type { kSendReport, kSendReturnVisit, kPollTicket };
  Type type = Type::kSendReport;
  std::string report_id;  // the row
  std::string ticket;     // return visits and polls
  std::string body_json;  // sends
};

class Outbox {
 public:
  Outbox(OutboxStore* store, RandomSource* random, OutboxPolicy policy = {});

  // Reads the store (at start). False and *error when it cannot be read; the
  // outbox then holds nothing and refuses new reports until load succeeds.
  // A report row stored before rows kept their category (its column empty)
  // gets the category its body was sent with, read once here with the JSON
  // reader; a body without one leaves it empty (shown as "other").
  bool load(std::string* error);
  // After load at a (re)start: everything waiting is due at NOW_MS, open
  // tickets are polled from NOW_MS on.
  void resume(int64_t now_ms);

  // A report the viewer confirmed. BODY_JSON is the report without its
  // report_id; the outbox makes the id and inserts it as the first member
  // (BODY_JSON must be a JSON object). CATEGORY is the report's category
  // code as in the body ("no_picture"), kept on the row until the central
  // system answers with its own. Returns the report_id once the row is
  // committed; nullopt and *error when the outbox is full ("outbox full: 50
  // reports waiting; call the hotline") or the store failed.
  std::optional<std::string> enqueue(const std::string& body_json, const std::string& category,
                                     int64_t now_ms, std::string* error);
  // A return-visit answer for TICKET, queued and retried the same way.
  // Returns its row id ("rv:" + ticket).
  std::optional<std::string> enqueueReturnVisit(const std::string& ticket, bool fixed, int score,
                                                int64_t now_ms, std::string* error);

  // The most urgent action due at NOW_MS (sends before polls, oldest first),
  // or nullopt. Does not change anything: the caller reports the outcome.
  std::optional<OutboxAction> nextDue(int64_t now_ms) const;
  // When something is next due; nullopt when nothing is waiting and no
  // ticket is open (no timer needed at all).
  std::optional<int64_t> nextWakeMs() const;

  // Outcomes. Each writes the store; false and *error when that failed (the
  // in-memory state is updated anyway, so the box does not hammer the
  // server; at worst a restart resends and the Idempotency-Key gets the same
  // ticket back).
  bool onDelivered(const std::string& report_id, const TicketInfo& info, int64_t now_ms,
                   std::string* error);
  // A transient failure: retried with backoff, never earlier than
  // RETRY_AFTER_MS (the server's Retry-After) from NOW_MS.
  bool onFailed(const std::string& report_id, int64_t now_ms, std::optional<int64_t> retry_after_ms,
                const std::string& reason, std::string* error);
  // Refused for good (409, 400, 403): never sent again, kept as "failed".
  bool onRejected(const std::string& report_id, const std::string& reason, std::string* error);
  // A ticket poll answered. Status resolved/closed ends polling.
  bool onPolled(const std::string& report_id, const TicketInfo& info, int64_t now_ms,
                std::string* error);
  // A ticket poll failed (network, 5xx): next poll later, same growth.
  bool onPollFailed(const std::string& report_id, int64_t now_ms,
                    std::optional<int64_t> retry_after_ms, const std::string& reason,
                    std::string* error);
  // Removes a row (the viewer dismissed a failed or closed report).
  bool forget(const std::string& report_id, std::string* error);

  const std::vector<OutboxReport>& items() const { return items_; }
  const OutboxReport* find(const std::string& report_id) const;
  int waitingReports() const;

  // Backoff delay after ATTEMPTS failures (1 = first failure): full jitter,
  // uniform over [floor, min(cap, base * 2^(attempts-1))].
  int64_t retryDelayMs(int attempts);
  // Poll interval after ATTEMPTS polls since the last change: first * 2^n up
  // to cap, jittered over its upper half.
  int64_t pollDelayMs(int attempts);

  static bool ticketOpen(const std::string& status) {
    return status != "resolved" && status != "closed";
  }
  // A random UUID v4 ("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", lower case).
  static std::string makeUuid(RandomSource& random);
  // The same from RandomSource::nextStrong(): nullopt and *error when it
  // has no randomness to give.
  static std::optional<std::string> makeStrongUuid(RandomSource& random, std::string* error);

 private:
  OutboxReport* findMutable(const std::string& report_id);
  bool save(const OutboxReport& r, std::string* error);
  // What every outcome does: CHANGE the row REPORT_ID in memory, then save
  // it. False and *error when there is no such row or the store refused
  // (memory keeps the change either way; see the outcomes above).
  template <typename Change>
  bool changeRow(const std::string& report_id, std::string* error, Change&& change) {
    OutboxReport* r = findMutable(report_id);
    if (!r) {
      if (error) *error = "no outbox row " + report_id;
      return false;
    }
    change(*r);
    return save(*r, error);
  }
  int64_t uniform(int64_t lo, int64_t hi);  // inclusive

  OutboxStore* store_;
  RandomSource* random_;
  OutboxPolicy policy_;
  bool loaded_ = false;
  std::vector<OutboxReport> items_;  // oldest first
};

}  // namespace stb
