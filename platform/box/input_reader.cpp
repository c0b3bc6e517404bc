#include "platform/box/input_reader.h"

#include <algorithm>
#include <cerrno>

namespace platform {
namespace box {
namespace {

// A remote held down floods nothing: what is left waits for the next turn.
constexpr int kMaxReadsPerCall = 64;

}  // namespace

InputStatus readInput(DeviceIo* io, int fd, uint8_t* buffer, size_t size, const InputReadSpec& spec,
                      const std::function<void(const uint8_t*, size_t)>& consume,
                      std::string* error) {
  for (int i = 0; i < kMaxReadsPerCall; ++i) {
    const IoResult got = io->read(fd, buffer, size);
    if (!got.ok()) {
      if (got.err == EAGAIN || got.err == EWOULDBLOCK) return InputStatus::kOk;
      if (got.err == spec.gone_errno) {
        *error = spec.name + ": " + spec.gone_text;
        return InputStatus::kClosed;
      }
      *error = "cannot read " + spec.name + ": " + errorText(got.err);
      return InputStatus::kError;
    }
    if (got.value <= 0) {
      *error = spec.name + ": " + spec.gone_text;
      return InputStatus::kClosed;
    }
    // Never more than asked, whatever the count says.
    consume(buffer, std::min(static_cast<size_t>(got.value), size));
  }
  return InputStatus::kOk;
}

}  // namespace box
}  // namespace platform
