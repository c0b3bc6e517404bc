#include "platform/box/evdev_decoder.h"

#include <algorithm>
#include <cstring>

namespace platform {
namespace box {

void EvdevDecoder::push(const uint8_t* bytes, size_t size, std::vector<stb::RemoteKeyEvent>* keys) {
  while (size > 0) {
    const size_t take = std::min(size, sizeof(input_event) - pending_size_);
    std::memcpy(pending_ + pending_size_, bytes, take);
    pending_size_ += take;
    bytes += take;
    size -= take;
    if (pending_size_ < sizeof(input_event)) return;
    input_event event;
    std::memcpy(&event, pending_, sizeof(event));
    pending_size_ = 0;
    decode(event, keys);
  }
}

void EvdevDecoder::decode(const input_event& event, std::vector<stb::RemoteKeyEvent>* keys) {
  if (event.type != EV_KEY) return;
  if (event.value != 1 && event.value != 2) return;  // 0 is a release
  const std::optional<stb::RemoteKey> key = keymap_.lookup(event.code);
  if (!key) {
    ++unmapped_keys_;
    return;
  }
  keys->push_back(stb::RemoteKeyEvent{*key, event.value == 2});
}

}  // namespace box
}  // namespace platform
