#include "platform/box/lirc_decoder.h"

#include <sstream>

namespace platform {
namespace box {
namespace {

bool parseHex(const std::string& text, size_t max_digits, uint64_t* value) {
  if (text.empty() || text.size() > max_digits) return false;
  uint64_t result = 0;
  for (char c : text) {
    int digit;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      digit = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      digit = c - 'A' + 10;
    } else {
      return false;
    }
    result = (result << 4) | static_cast<uint64_t>(digit);
  }
  *value = result;
  return true;
}

}  // namespace

std::optional<LircButton> parseLircLine(const std::string& line) {
  std::istringstream fields(line);
  std::string code, repeat, button, remote, extra;
  if (!(fields >> code >> repeat >> button >> remote) || (fields >> extra)) return std::nullopt;
  LircButton result;
  uint64_t repeat_value = 0;
  if (!parseHex(code, 16, &result.code) || !parseHex(repeat, 8, &repeat_value)) {
    return std::nullopt;
  }
  result.repeat = static_cast<uint32_t>(repeat_value);
  result.button = button;
  result.remote = remote;
  return result;
}

void LircDecoder::push(const uint8_t* bytes, size_t size, std::vector<stb::RemoteKeyEvent>* keys) {
  for (size_t i = 0; i < size; ++i) {
    const char c = static_cast<char>(bytes[i]);
    if (c == '\n') {
      if (!discarding_) line(partial_, keys);
      partial_.clear();
      discarding_ = false;
      continue;
    }
    if (discarding_) continue;
    if (partial_.size() >= kMaxLircLine) {
      ++counters_.overlong_lines;
      partial_.clear();
      discarding_ = true;
      continue;
    }
    partial_ += c;
  }
}

void LircDecoder::line(const std::string& text, std::vector<stb::RemoteKeyEvent>* keys) {
  std::string trimmed = text;
  while (!trimmed.empty() && (trimmed.back() == '\r' || trimmed.back() == ' ')) trimmed.pop_back();
  if (trimmed == "BEGIN") {
    in_reply_ = true;
    return;
  }
  if (in_reply_) {
    if (trimmed == "END") in_reply_ = false;
    return;
  }
  if (trimmed.empty()) return;
  const std::optional<LircButton> button = parseLircLine(trimmed);
  if (!button) {
    ++counters_.malformed_lines;
    return;
  }
  if (button->repeat > max_repeat_) {
    ++counters_.repeats_ignored;
    return;
  }
  const std::optional<stb::RemoteKey> key = keymap_.lookupName(button->button);
  if (!key) {
    ++counters_.unmapped;
    return;
  }
  keys->push_back(stb::RemoteKeyEvent{*key, button->repeat > 0});
}

}  // namespace box
}  // namespace platform
