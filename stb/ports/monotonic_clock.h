#pragma once
// The one clock stb/ may read: milliseconds on a monotonic scale, injected so
// tests and fast replay can run a day in milliseconds (platform/ supplies the
// real one; tests supply a fake).
#include <cstdint>

namespace stb {

class MonotonicClock {
 public:
  virtual ~MonotonicClock() = default;
  virtual int64_t nowMs() const = 0;
};

}  // namespace stb
