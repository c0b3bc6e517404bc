#pragma once
// The storm scenario: N boxes, a share of whose viewers report over the
// first simulated hour, while the real stb-central is down for a span
// (stopped: connections refused) and then refuses work for a while with
// 503 + Retry-After, before it serves again. Every box runs the real
// outbox and report sender on one virtual clock; the HTTPS is real.
//
// The clock: when nothing is on the wire it jumps to the next wake-up (a
// box's timer, a viewer's report, a phase change of the server); while
// requests are in flight it follows real time. So an hour takes seconds,
// and the load the server sees is the load the boxes make.
#include <cstdint>
#include <optional>
#include <string>

#include "tools/stb-fleet/central_group.h"

namespace tools::fleet {

struct StormConfig {
  int boxes = 2000;
  double report_share = 0.25;          // of the boxes, one report each
  int64_t filing_span_ms = 3'600'000;  // reports come over the first hour
  int64_t down_at_ms = 600'000;        // the server stops at minute 10
  int64_t down_for_ms = 1'800'000;     // for 30 min
  int64_t refuse_for_ms = 300'000;     // then answers 503 + Retry-After for 5 min
  int retry_after_s = 120;
  // Set: every start of the server passes --max-pending N, so that it sheds
  // load by itself (503 + Retry-After when the store's queue is full); with
  // refuse_for_ms 0 the server comes back serving at once, and every 503 the
  // boxes see is its own doing.
  std::optional<int> max_pending;
  uint64_t seed = 1;
  std::string central_binary;
  std::string pki_dir;   // from scripts/make-test-pki: ca, server
  std::string work_dir;  // database, log, box certificates
  std::string db;        // empty: SQLite in work_dir; else a PostgreSQL connection string
  int instances = 1;     // stb-central processes on that database (several: PostgreSQL)
};

struct StormResult {
  size_t filed = 0, delivered = 0, refused = 0;  // refused: failed for good
  TicketCount tickets;
  size_t requests = 0, answered = 0;  // exchanges; with an HTTP answer
  double peak_rps = 0;                // answered per real second, the busiest second
  double p50_ms = 0, p99_ms = 0;      // latency of answered exchanges
  // The field's view: requests the boxes started in the busiest virtual
  // minute (tried, answered or not), and which minute that was.
  size_t peak_per_minute = 0;
  int64_t peak_minute = 0;
  size_t peak_per_minute_back = 0;  // the same from the server's return on
  int64_t back_at_ms = 0;           // virtual: the server runs again
  int64_t last_delivery_ms = 0;     // virtual
  // Virtual: the last delivery of a report filed before back_at_ms.
  int64_t backlog_drained_ms = 0;
  int attempts_p50 = 0, attempts_p99 = 0, attempts_max = 0;  // POSTs per delivered report
  uint64_t sends = 0, early = 0, before_retry_after = 0, retry_after_seen = 0;
  size_t answers_503 = 0;    // all 503s: refused (--refuse phase) or shed
  size_t shed_episodes = 0;  // "shedding load" lines in the server's log
  double real_s = 0;
  int64_t virtual_ms = 0;
};

// Runs the storm. False and *error when the fleet or the server could not
// be set up; the figures say whether it held.
bool runStorm(const StormConfig& config, StormResult* out, std::string* error);

// The figures as text, one "name: value" a line.
std::string describe(const StormConfig& config, const StormResult& r);

}  // namespace tools::fleet
