#pragma once
// One simulated box: the box's own report logic (stb::Outbox with its
// backoff and Retry-After handling, stb::ReportSender) on the fleet's
// virtual clock, an in-memory outbox store, and its own HTTPS link. It also
// checks the one thing the storm test asserts about timing: no report is
// sent again before its backoff or the server's Retry-After allowed.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "stb/outbox.h"
#include "stb/ports/log.h"
#include "stb/ports/monotonic_clock.h"
#include "stb/report_sender.h"
#include "tools/stb-fleet/fleet_http.h"

namespace tools::fleet {

// splitmix64: a cheap, seedable source per box (jitter, report ids).
class SeededRandom : public stb::RandomSource {
 public:
  explicit SeededRandom(uint64_t seed) : state_(seed) {}
  uint64_t next() override;

 private:
  uint64_t state_;
};

struct BoxTiming {
  uint64_t sends = 0;               // report POSTs (first tries and retries)
  uint64_t early = 0;               // sent before the outbox's own schedule allowed
  uint64_t before_retry_after = 0;  // sent before the server's Retry-After ran out
  uint64_t retry_after_seen = 0;    // answers that carried Retry-After
};

class SimBox : public stb::CentralApi {
 public:
  // What the fleet's loop hears from a box: its next wake-up (nullopt: none)
  // each report that left the waiting state (delivered or refused), with
  // the virtual time it was filed, and each request it starts.
  struct Hooks {
    std::function<void(std::optional<int64_t>)> wake_at;
    std::function<void(int64_t filed_ms)> settled;
    std::function<void(int64_t now_ms)> sending;  // each request the box starts
  };
  SimBox(std::string box_id, uint64_t seed, FleetHttp* http, BoxLink::Config link,
         const stb::MonotonicClock* clock, stb::Log* log, Hooks hooks);

  const std::string& id() const { return id_; }
  // The viewer confirms a report now (built as the menu builds it).
  bool file(const std::string& area_code, std::string* error);
  // Runs the sender if its wake-up is due.
  void wake() { sender_->run(); }
  std::optional<int64_t> wakeAt() const { return wake_at_; }
  const stb::Outbox& outbox() const { return outbox_; }
  const BoxTiming& timing() const { return timing_; }

  // stb::CentralApi: what the sender calls; checks the timing, then sends.
  void request(const std::string& path, const std::string& body,
               const std::vector<std::string>& headers, Done done) override;

 private:
  std::string id_;
  SeededRandom random_;
  stb::MemoryOutboxStore store_;
  stb::Outbox outbox_;
  BoxLink link_;
  const stb::MonotonicClock* clock_;
  std::unique_ptr<stb::ReportSender> sender_;
  std::optional<int64_t> wake_at_;
  Hooks hooks_;
  // Per report id: not before this (the outbox's schedule; the server's
  // Retry-After), as they stood after the last failure.
  std::map<std::string, std::pair<int64_t, int64_t>> not_before_;
  BoxTiming timing_;
};

}  // namespace tools::fleet
