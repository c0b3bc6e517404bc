#pragma once
// The read loop every remote shares (evdev_remote, lirc_remote): read the
// non-blocking fd until it would block, hand each chunk to the remote's
// decoder, and tell "went away" (reopen later) from other failures.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "platform/box/device_io.h"
#include "platform/box/remote_input.h"

namespace platform {
namespace box {

struct InputReadSpec {
  std::string name;       // "evdev /dev/input/event0", for messages
  int gone_errno = 0;     // the errno that means the device went away
  std::string gone_text;  // said for it and for end of file, e.g. "device removed"
};

// At most a bounded number of reads of up to SIZE bytes into BUFFER, each
// chunk passed to CONSUME (never more bytes than were asked for).
InputStatus readInput(DeviceIo* io, int fd, uint8_t* buffer, size_t size, const InputReadSpec& spec,
                      const std::function<void(const uint8_t*, size_t)>& consume,
                      std::string* error);

}  // namespace box
}  // namespace platform
