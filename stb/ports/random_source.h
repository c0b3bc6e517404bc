#pragma once
// Randomness as stb/ takes it: injected, so tests are repeatable and a box
// uses its kernel's CSPRNG (stbd's KernelRandom).
#include <cstdint>
#include <optional>
#include <string>

namespace stb {

// Where randomness comes from (UUIDs, backoff jitter). Tests give a fixed
// sequence; stbd gives a CSPRNG-seeded generator.
class RandomSource {
 public:
  virtual ~RandomSource() = default;
  // Any 64 bits (backoff jitter); never fails.
  virtual uint64_t next() = 0;
  // 64 bits fit for a report id (unguessable, unique across boxes), or
  // nullopt and *error when the source has none to give. The default
  // trusts next() (test sources).
  virtual std::optional<uint64_t> nextStrong(std::string* error) {
    (void)error;
    return next();
  }
};

}  // namespace stb
