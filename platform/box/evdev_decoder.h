#pragma once
// Turns the bytes read from an evdev device into product keys: EV_KEY with
// value 1 (press) or 2 (auto-repeat), mapped through a Keymap. Releases,
// EV_SYN, EV_MSC and other events are skipped. Bytes may arrive in any
// split: a partial struct input_event waits for the rest.
#include <linux/input.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "platform/box/keymap.h"
#include "stb/ports/remote_key.h"

namespace platform {
namespace box {

class EvdevDecoder {
 public:
  explicit EvdevDecoder(Keymap keymap) : keymap_(std::move(keymap)) {}

  void push(const uint8_t* bytes, size_t size, std::vector<stb::RemoteKeyEvent>* keys);

  // Presses and repeats of keys the keymap does not name.
  uint64_t unmappedKeys() const { return unmapped_keys_; }
  // Bytes of an incomplete input_event held for the next push.
  size_t pendingBytes() const { return pending_size_; }

 private:
  void decode(const input_event& event, std::vector<stb::RemoteKeyEvent>* keys);

  Keymap keymap_;
  uint8_t pending_[sizeof(input_event)] = {};
  size_t pending_size_ = 0;
  uint64_t unmapped_keys_ = 0;
};

}  // namespace box
}  // namespace platform
