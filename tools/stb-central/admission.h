#pragma once
// The box API's admission gate (docs/central-api.md "When the central system
// is busy"): serve takes one lock around each call into the ticket store, so
// box requests queue for it. The gate counts the requests waiting there; one
// that would make more than `max_pending` wait is answered at once with 503
// and a Retry-After instead, without touching the store, so a slow store
// costs the boxes a quick "come back later", never a hung connection, and the
// server's threads stay free for handshakes and for those answers.
//
// Only authenticated boxes reach it: serve calls it from the box API's
// handler, which the HTTPS server calls only after the client certificate was
// verified (tools/https/http_server.h), so an unauthenticated client cannot
// fill the queue.
//
// Thread-safe. The clock is injected (monotonic microseconds) so that the
// service-time estimate and Retry-After are tested without waiting.
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

namespace tools::central {

struct AdmissionOptions {
  // Box requests that may wait for the store (besides the one at it); serve
  // runs this many + 2 threads. Measured (docs/benchmarks.md, "stb-central
  // sheds load by itself"): the store takes 3-22 ms a request on this busy
  // 2-core machine, so 16 waiting are a wait of 0.05-0.35 s, which no box
  // notices, and the 16 concurrent clients of scripts/bench-central are never
  // shed (with 8, 6 % of its new-connection reports were).
  int max_pending = 16;
  int retry_floor_s = 1;             // the box's own floor (stb/outbox.h)
  int retry_cap_s = 300;             // see retryAfterLocked()
  int64_t first_service_us = 2'000;  // the estimate before anything was measured
};

class AdmissionGate {
 public:
  using Clock = std::function<int64_t()>;  // monotonic, microseconds
  using Log = std::function<void(const std::string&)>;

  // The monotonic clock of this process, for serve.
  static int64_t steadyMicros();

  AdmissionGate(AdmissionOptions options, Clock clock, Log log);

  // An admitted request's place: waiting until serving(), then at the store
  // until it is destroyed. Leaving it (on every path) releases the count.
  class Pass {
   public:
    Pass(Pass&& other) noexcept
        : gate_(other.gate_), serving_(other.serving_), since_us_(other.since_us_) {
      other.gate_ = nullptr;
    }
    Pass& operator=(Pass&&) = delete;
    Pass(const Pass&) = delete;
    ~Pass();
    // The store is now this request's (its lock is held): no longer waiting,
    // and the time until the pass is dropped counts as its service time.
    void serving();

   private:
    friend class AdmissionGate;
    explicit Pass(AdmissionGate* gate) : gate_(gate) {}
    AdmissionGate* gate_;
    bool serving_ = false;
    int64_t since_us_ = 0;  // at the store since
  };

  // Either a pass (go on, and call serving() once the store's lock is held),
  // or no pass and the seconds for Retry-After.
  struct Decision {
    std::optional<Pass> pass;
    int retry_after_s = 0;
  };
  Decision admit();

  // Logs the end of a shedding episode still open (at shutdown).
  void finish();

  // For tests and figures.
  int waiting() const;
  int64_t serviceMicros() const;  // the current estimate
  uint64_t shedTotal() const;

 private:
  void leave(bool served, int64_t since_us);
  int64_t startServing();
  // Seconds a request shed now is told to wait (mutex_ held); books its slot.
  int retryAfterLocked(int64_t now);
  int64_t serviceLocked(int64_t now) const;
  // The episode's end line, once it has been quiet long enough ("" if not).
  std::string endEpisodeLocked(int64_t now, bool force);

  const AdmissionOptions options_;
  const Clock clock_;
  const Log log_;

  mutable std::mutex mutex_;
  int waiting_ = 0;
  // Who is at the store (one at a time: serve's lock) and since when; a
  // pass that leaves after the next one came in leaves it alone.
  std::optional<int64_t> serving_since_;
  int64_t service_us_;          // moving average of the time at the store
  int64_t next_return_us_ = 0;  // the next free slot for a shed box's return
  uint64_t shed_total_ = 0;
  // The episode in progress: from its first refusal to the first admission
  // a quiet second after its last one.
  bool shedding_ = false;
  int64_t episode_start_us_ = 0, last_shed_us_ = 0;
  uint64_t episode_shed_ = 0;
  int episode_max_retry_s_ = 0, episode_max_waiting_ = 0;
};

}  // namespace tools::central
