#pragma once
// What the playout is doing, for the status page (the console renders it),
// STATE_DIR/status.json and the off-air monitor's alarms. The playout
// publishes a snapshot; readers on other threads take copies.
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "dvb/mjd_time.h"

namespace tools::headend {

struct ObjectStatus {
  uint8_t table_id = 0;
  uint32_t object_id = 0;
  uint32_t revision = 0;
  std::string kind;  // "emergency", "notice", "key_list", "directory", "calendar", "fee_batch"
  uint32_t interval_ms = 0;
  int64_t last_out_ms = -1;  // stream ms of the last repetition's start, -1 = not yet
  dvb::UtcSeconds last_out_utc = 0;
  uint32_t bytes = 0;  // the sections' bytes
  std::string sha256;  // of the sections' bytes, in order
};

// kinds: "missing", "crc", "over_budget", "stopped", "mismatch", "refused"
struct Alarm {
  std::string kind;
  std::string what;
  dvb::UtcSeconds since = 0;
};

struct PlayoutStatus {
  uint64_t bitrate_bps = 0, budget_bps = 0, used_bps = 0;
  uint64_t packets_out = 0;
  dvb::UtcSeconds now = 0;  // the simulated UTC of the stream
  std::vector<ObjectStatus> objects;
  std::vector<Alarm> alarms;
};

class StatusBoard {
 public:
  // Replaces everything but the alarms.
  void publish(PlayoutStatus status);
  PlayoutStatus snapshot() const;
  // An alarm stands until cleared; raising one already standing (same kind
  // and what) keeps its first `since`.
  void raise(Alarm alarm);
  void clear(const std::string& kind, const std::string& what);

 private:
  mutable std::mutex mutex_;
  PlayoutStatus status_;
};

// The status as JSON (status.json), with times as ISO 8601 UTC.
std::string statusJson(const PlayoutStatus& status);

}  // namespace tools::headend
