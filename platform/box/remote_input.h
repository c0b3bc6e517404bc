#pragma once
// A source of remote-control keys the event loop polls: an evdev device or
// the lircd socket. Each is one non-blocking fd.
#include <string>
#include <vector>

#include "stb/ports/remote_key.h"

namespace platform {
namespace box {

enum class InputStatus {
  kOk,      // zero or more keys were appended; poll again
  kClosed,  // the device went away (unplugged, lircd stopped); reopen later
  kError,   // read failed otherwise; *error says why
};

class RemoteInput {
 public:
  virtual ~RemoteInput() = default;
  // Poll this for POLLIN.
  virtual int fd() const = 0;
  // Reads what is available now (never blocks) and appends the mapped keys.
  virtual InputStatus read(std::vector<stb::RemoteKeyEvent>* keys, std::string* error) = 0;
  // "evdev /dev/input/event0", "lirc /var/run/lirc/lircd".
  virtual std::string describe() const = 0;
};

}  // namespace box
}  // namespace platform
