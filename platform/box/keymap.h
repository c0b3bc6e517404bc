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
//
// The same format serves other key namespaces: DirectFB's key symbols
// (DIKS_CURSOR_UP = UP) are parsed with their own KeyNames.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "platform/box/device_io.h"
#include "stb/ports/remote_key.h"

namespace platform {
namespace box {

// What the left side of a keymap line names: a code by name, and the
// largest code a number may give.
struct KeyNames {
  std::string what;         // "kernel key": "unknown kernel key name 'X'"
  std::string placeholder;  // "KERNEL_KEY": "expected 'KERNEL_KEY = PRODUCT_KEY'"
  std::function<std::optional<uint32_t>(const std::string&)> code;
  uint32_t max_code = 0;
  std::string max_name;  // "KEY_MAX"
};

// Kernel input key names (kernel_key_names.h), up to KEY_MAX.
const KeyNames& kernelKeyNames();

// platform/box/default.keymap, compiled in: the keymap used when none is
// configured.
const char* defaultKeymapText();

class Keymap {
 public:
  // Parses TEXT; ORIGIN (a path) starts every error message:
  // "default.keymap line 7: unknown kernel key name 'KEY_UPP'".
  static std::optional<Keymap> parse(const std::string& text, const std::string& origin,
                                     std::string* error, const KeyNames& names = kernelKeyNames());
  // Reads PATH through IO (at most 64 KiB) and parses it.
  static std::optional<Keymap> load(DeviceIo* io, const std::string& path, std::string* error,
                                    const KeyNames& names = kernelKeyNames());

  std::optional<stb::RemoteKey> lookup(uint32_t code) const;
  // By kernel name ("KEY_UP"), as LIRC buttons are usually named.
  std::optional<stb::RemoteKey> lookupName(const std::string& kernel_name) const;
  size_t size() const { return keys_.size(); }

 private:
  std::map<uint32_t, stb::RemoteKey> keys_;
};

}  // namespace box
}  // namespace platform
