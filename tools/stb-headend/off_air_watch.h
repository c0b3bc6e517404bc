#pragma once
// The off-air monitor wired into a playout (config "monitor"): it follows the
// carousel through Playout::setOnChange, reads the output through
// Playout::setTap ("source": "self") or from a group (OffAirUdpReader,
// drained at every chunk the playout writes), checks every 100 ms of stream
// time, and raises and clears its alarms on the StatusBoard, with a log line
// for each.
#include <memory>
#include <set>
#include <string>
#include <utility>

#include "tools/stb-headend/config.h"
#include "tools/stb-headend/off_air_monitor.h"
#include "tools/stb-headend/off_air_udp_reader.h"
#include "tools/stb-headend/playout.h"

namespace tools::headend {

constexpr uint64_t kMonitorCheckMs = 100;  // stream time between checks

class OffAirWatch {
 public:
  // Takes PLAYOUT's tap and change hooks (call before Playout::start). nullptr
  // with *error when the monitor's source cannot be opened.
  static std::unique_ptr<OffAirWatch> attach(const HeadendConfig& config, Playout& playout,
                                             StatusBoard& board, Playout::Log log,
                                             std::string* error);

  const OffAirMonitor& monitor() const { return monitor_; }

 private:
  OffAirWatch(const HeadendConfig& config, Playout& playout, StatusBoard& board, Playout::Log log);
  void onCarousel();
  void onChunk(const uint8_t* data, size_t size, uint64_t stream_ms);
  void publish(uint64_t stream_ms);

  Playout& playout_;
  StatusBoard& board_;
  Playout::Log log_;
  OffAirMonitor monitor_;
  std::unique_ptr<OffAirUdpReader> reader_;                 // unset: the playout's own output
  std::set<std::pair<std::string, std::string>> standing_;  // kind, what
  uint64_t next_check_ms_ = 0;
};

}  // namespace tools::headend
