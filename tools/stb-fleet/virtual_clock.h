#pragma once
// The fleet's one clock: every simulated box reads it, and the simulation
// moves it, jumping to the next wake-up while nothing is on the wire and
// following real time while requests are (tools/stb-fleet/storm.h).
#include <cstdint>

#include "stb/ports/monotonic_clock.h"

namespace tools::fleet {

class VirtualClock : public stb::MonotonicClock {
 public:
  int64_t nowMs() const override { return now_ms_; }
  // Never backwards: a box's schedule must not see time run back.
  void advanceTo(int64_t ms) {
    if (ms > now_ms_) now_ms_ = ms;
  }

 private:
  int64_t now_ms_ = 0;
};

}  // namespace tools::fleet
