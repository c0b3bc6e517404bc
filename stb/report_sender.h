#pragma once
// Delivers the outbox to the central system (docs/central-api.md): one
// request at a time, each outcome logged and written to the outbox.
//
//   200/201            delivered: the ticket is kept and polled
//   409, 400, 403, 4xx refused for good: the row is marked failed (visible),
//                      never sent again, logged as an error
//   5xx, 429, network, TLS, timeout
//                      kept, retried with backoff (Retry-After honoured)
//
// The HTTPS side is behind CentralApi (platform/central_client.h implements
// it with libcurl); the timer behind the WakeAt callback, so this file has no
// I/O and is tested with fakes.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "stb/central_reply.h"
#include "stb/outbox.h"
#include "stb/ports/central_api.h"
#include "stb/ports/log.h"
#include "stb/ports/monotonic_clock.h"

namespace stb {

class ReportSender {
 public:
  // WAKE_AT(ms): the owner calls run() at or after MS on CLOCK (replaces any
  // earlier request; nullopt = nothing to do until something is enqueued).
  using WakeAt = std::function<void(std::optional<int64_t>)>;

  ReportSender(Outbox* outbox, CentralApi* api, const MonotonicClock* clock, Log* log,
               WakeAt wake_at);
  ~ReportSender();
  ReportSender(const ReportSender&) = delete;
  ReportSender& operator=(const ReportSender&) = delete;

  // Starts what is due (one request at a time), then asks for the next wake.
  // Call after each enqueue too.
  void run();
  bool busy() const { return busy_; }
  uint64_t requests() const { return requests_; }

 private:
  void finish(const OutboxAction& action, const CentralResponse& r);
  void finishSend(const OutboxAction& action, const CentralResponse& r);
  void finishPoll(const OutboxAction& action, const CentralResponse& r);
  void check(bool ok, const std::string& error);

  Outbox* outbox_;
  CentralApi* api_;
  const MonotonicClock* clock_;
  Log* log_;
  WakeAt wake_at_;
  bool busy_ = false;
  uint64_t requests_ = 0;
  std::shared_ptr<bool> alive_;  // callbacks after destruction do nothing
};

// A one-line description of a failed exchange for the log.
std::string describeFailure(const CentralResponse& r);

}  // namespace stb
