#pragma once
// Turns the text lircd sends to its clients into product keys. Each key
// press is one line,
//
//   <code> <repeat> <button> <remote>      e.g. "0000000000f40bf0 00 KEY_UP mceusb"
//
// with code and repeat count in hex. The button name goes through the
// Keymap as a kernel key name. Replies to commands (a block from "BEGIN" to
// "END") are skipped. Lines may be split across reads in any way.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "platform/box/keymap.h"
#include "stb/ports/remote_key.h"

namespace platform {
namespace box {

struct LircButton {
  uint64_t code = 0;
  uint32_t repeat = 0;
  std::string button;
  std::string remote;
};

// One lircd line; absent when it does not have exactly four fields with a
// hex code (at most 16 digits) and a hex repeat count (at most 8 digits).
std::optional<LircButton> parseLircLine(const std::string& line);

struct LircCounters {
  uint64_t malformed_lines = 0;  // not four fields as above
  uint64_t overlong_lines = 0;   // longer than kMaxLircLine, dropped whole
  uint64_t unmapped = 0;         // button not in the keymap
  uint64_t repeats_ignored = 0;  // repeat count above the threshold
};

class LircDecoder {
 public:
  static constexpr size_t kMaxLircLine = 512;
  // Repeats whose count is above MAX_REPEAT are dropped (0: only the first
  // press of a held button gets through); the default lets every one pass.
  explicit LircDecoder(Keymap keymap, uint32_t max_repeat = std::numeric_limits<uint32_t>::max())
      : keymap_(std::move(keymap)), max_repeat_(max_repeat) {}

  void push(const uint8_t* bytes, size_t size, std::vector<stb::RemoteKeyEvent>* keys);

  const LircCounters& counters() const { return counters_; }

 private:
  void line(const std::string& text, std::vector<stb::RemoteKeyEvent>* keys);

  Keymap keymap_;
  uint32_t max_repeat_;
  std::string partial_;
  bool discarding_ = false;  // inside an overlong line, until its '\n'
  bool in_reply_ = false;    // between BEGIN and END
  LircCounters counters_;
};

}  // namespace box
}  // namespace platform
