#pragma once
// The monotonic clock of a fast replay: it moves only when the stream's
// TDT/TOT says time has passed, so a day of stream replays in seconds and
// every decision sees the time the stream carried. Never goes back (a stream
// that jumps backwards leaves it where it is).
#include <cstdint>

#include "stb/ports/monotonic_clock.h"

namespace stb {

class ReplayClock : public MonotonicClock {
 public:
  int64_t nowMs() const override { return now_ms_; }
  void advanceTo(int64_t ms) {
    if (ms > now_ms_) now_ms_ = ms;
  }

 private:
  int64_t now_ms_ = 0;
};

}  // namespace stb
