#pragma once
// The off-air monitor (off_air_monitor.h) wired to a playout: every chunk
// written is read back through a tap (monitor.source "self"), or the group
// named in monitor.source is drained; the carousel's changes become what is
// expected; the monitor's alarms are raised and cleared on the status board
// and logged when they start and end.
#include <memory>
#include <set>
#include <string>
#include <utility>

#include "tools/stb-headend/config.h"
#include "tools/stb-headend/off_air_monitor.h"
#include "tools/stb-headend/off_air_udp_reader.h"
#include "tools/stb-headend/playout.h"

namespace tools::headend {

class SelfMonitor {
 public:
  // Attaches to `playout` (before its start()); nullptr with *error when
  // the monitor's group cannot be joined.
  static std::unique_ptr<SelfMonitor> attach(const HeadendConfig& config, Playout* playout,
                                             StatusBoard* board, Playout::Log log,
                                             std::string* error);

  const OffAirMonitor& monitor() const { return monitor_; }

 private:
  SelfMonitor(const HeadendConfig& config, Playout* playout, StatusBoard* board, Playout::Log log);
  void onChunk(const uint8_t* data, size_t size, uint64_t stream_ms);
  void publish(uint64_t stream_ms);

  const HeadendConfig& config_;
  StatusBoard* board_;
  Playout::Log log_;
  OffAirMonitor monitor_;
  std::unique_ptr<OffAirUdpReader> reader_;                 // monitor.source udp://
  std::set<std::pair<std::string, std::string>> standing_;  // kind, what
  uint64_t next_check_ms_ = 0;
};

}  // namespace tools::headend
