#include "tools/stb-central/admission.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace tools::central {
namespace {

constexpr int64_t kMicros = 1'000'000;
// An episode ends at the first admission this long after its last refusal:
// a queue that hovers at the threshold makes one episode, not one a request.
constexpr int64_t kQuietUs = kMicros;
// The returning boxes get at most this share of the store's capacity; the
// rest is for new reports and polls that arrive meanwhile.
constexpr int64_t kReturnShareInverse = 2;
constexpr int64_t kMinServiceUs = 50;

std::string millis(int64_t us) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f ms", static_cast<double>(us) / 1000.0);
  return text;
}

}  // namespace

int64_t AdmissionGate::steadyMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

AdmissionGate::AdmissionGate(AdmissionOptions options, Clock clock, Log log)
    : options_(options),
      clock_(std::move(clock)),
      log_(std::move(log)),
      service_us_(std::max(options.first_service_us, kMinServiceUs)) {}

AdmissionGate::Pass::~Pass() {
  if (gate_) gate_->leave(serving_, since_us_);
}

void AdmissionGate::Pass::serving() {
  if (!gate_ || serving_) return;
  serving_ = true;
  since_us_ = gate_->startServing();
}

AdmissionGate::Decision AdmissionGate::admit() {
  const int64_t now = clock_();
  Decision d;
  std::string line;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    // It would wait when someone is at the store or about to be; it is one
    // too many when max_pending already wait.
    const bool would_wait = serving_since_.has_value() || waiting_ > 0;
    if (would_wait && waiting_ >= options_.max_pending) {
      d.retry_after_s = retryAfterLocked(now);
      ++shed_total_;
      if (!shedding_) {
        shedding_ = true;
        episode_start_us_ = now;
        episode_shed_ = 0;
        episode_max_retry_s_ = 0;
        episode_max_waiting_ = 0;
        line = "box api: shedding load: " + std::to_string(waiting_) +
               " requests wait for the store behind the one at it (about " +
               millis(serviceLocked(now)) + " each); answering 503 with Retry-After";
      }
      ++episode_shed_;
      last_shed_us_ = now;
      episode_max_retry_s_ = std::max(episode_max_retry_s_, d.retry_after_s);
      episode_max_waiting_ = std::max(episode_max_waiting_, waiting_);
    } else {
      ++waiting_;
      line = endEpisodeLocked(now, false);
      d.pass.emplace(Pass(this));
    }
  }
  if (!line.empty() && log_) log_(line);
  return d;
}

int64_t AdmissionGate::startServing() {
  std::lock_guard<std::mutex> lock(mutex_);
  --waiting_;
  serving_since_ = clock_();
  return *serving_since_;
}

void AdmissionGate::leave(bool served, int64_t since_us) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!served) {
    --waiting_;
    return;
  }
  const int64_t took = std::max<int64_t>(0, clock_() - since_us);
  if (serving_since_ == since_us) serving_since_.reset();
  // A moving average over about the last 8 requests: quick to follow a
  // store that slows down, not thrown by one slow commit.
  service_us_ = std::max(kMinServiceUs, service_us_ + (took - service_us_) / 8);
}

void AdmissionGate::finish() {
  std::string line;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    line = endEpisodeLocked(clock_(), true);
  }
  if (!line.empty() && log_) log_(line);
}

int64_t AdmissionGate::serviceLocked(int64_t now) const {
  // A request stuck at the store for longer than the average (a lock held by
  // another writer, a slow disk) says more about the next wait than the
  // average does.
  return std::max(service_us_, serving_since_ ? now - *serving_since_ : 0);
}

// Why these numbers. A shed box comes back no sooner than Retry-After (the
// box waits the longer of its jittered backoff and Retry-After: stb/outbox.cpp).
// Told all the same value, the boxes shed in one second would all return in
// one second, and the burst would only move. So each shed request gets a
// return slot of its own: after the requests already waiting, and after the
// boxes already sent away, one slot every 2 service times (the returning
// boxes take at most half of what the store can do). Retry-After thus grows
// with the backlog, waiting plus returning, at the measured speed of the
// store. Floor: 1 s, the box's own floor, and Retry-After is whole seconds.
// Cap: 300 s by default; further out the schedule is a guess about a store
// that may be fast again by then, so boxes beyond it are all told the cap and
// their own full-jitter backoff (up to 15 min) spreads them; 5 minutes are
// nothing against the charter's deadlines of hours.
int AdmissionGate::retryAfterLocked(int64_t now) {
  const int64_t service = serviceLocked(now);
  const int64_t cap = now + static_cast<int64_t>(options_.retry_cap_s) * kMicros;
  int64_t slot =
      std::max(now + static_cast<int64_t>(options_.retry_floor_s) * kMicros + waiting_ * service,
               next_return_us_);
  if (slot >= cap)
    slot = cap;
  else
    next_return_us_ = slot + kReturnShareInverse * service;
  const int64_t seconds = (slot - now + kMicros - 1) / kMicros;
  return static_cast<int>(
      std::clamp<int64_t>(seconds, options_.retry_floor_s, options_.retry_cap_s));
}

std::string AdmissionGate::endEpisodeLocked(int64_t now, bool force) {
  if (!shedding_ || (!force && now - last_shed_us_ < kQuietUs)) return "";
  shedding_ = false;
  char text[200];
  std::snprintf(text, sizeof text,
                "box api: stopped shedding load after %.1f s: %llu requests answered 503 "
                "(Retry-After up to %d s, up to %d waiting for the store)",
                static_cast<double>(last_shed_us_ - episode_start_us_) / kMicros,
                static_cast<unsigned long long>(episode_shed_), episode_max_retry_s_,
                episode_max_waiting_);
  return text;
}

int AdmissionGate::waiting() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return waiting_;
}

int64_t AdmissionGate::serviceMicros() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return service_us_;
}

uint64_t AdmissionGate::shedTotal() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return shed_total_;
}

}  // namespace tools::central
