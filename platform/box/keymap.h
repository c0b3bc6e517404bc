#pragma once
// Which kernel key code means which product key. The text form, one mapping
// a line, '#' starting a comment:
//
//   KEY_UP    = UP       # a kernel name (linux/input.h)
//   0x160     = OK       # or a code, decimal or 0x-hex (0x160 is KEY_OK)
//   KEY_ENTER = OK       # several codes may mean one product key
//
// A code mapped twice, an unknown name on either side or a line without
// '=' is an error naming the line. platform/box/default.keymap is the
// keymap the box ships with.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "platform/box/device_io.h"
#include "stb/remote_key.h"

namespace platform {
namespace box {

class Keymap {
 public:
  // Parses TEXT; ORIGIN (a path) starts every error message:
  // "default.keymap line 7: unknown kernel key name 'KEY_UPP'".
  static std::optional<Keymap> parse(const std::string& text, const std::string& origin,
                                     std::string* error);
  // Reads PATH through IO (at most 64 KiB) and parses it.
  static std::optional<Keymap> load(DeviceIo* io, const std::string& path, std::string* error);

  std::optional<stb::RemoteKey> lookup(uint16_t code) const;
  // By kernel name ("KEY_UP"), as LIRC buttons are usually named.
  std::optional<stb::RemoteKey> lookupName(const std::string& kernel_name) const;
  size_t size() const { return keys_.size(); }

 private:
  std::map<uint16_t, stb::RemoteKey> keys_;
};

}  // namespace box
}  // namespace platform
