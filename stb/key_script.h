#pragma once
// Remote-control keys from a script, for headless runs and tests: the same
// key path as a real remote, driven by stream time.
//
//   # comment
//   2026-11-30T10:00:00Z MENU     a key at a stream UTC time
//   +2s DOWN                      a key 2 s after the previous line
//   +500ms OK
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "stb/ports/remote_key.h"

namespace stb {

struct ScriptedKey {
  int64_t at_ms = 0;  // stream UTC, milliseconds since 1970
  RemoteKey key = RemoteKey::kOk;
};

// The keys in time order; nullopt and one "NAME:LINE: message" per problem
// in *errors (a relative line before any absolute one, an unknown key, a
// time going backwards).
std::optional<std::vector<ScriptedKey>> parseKeyScript(const std::string& text,
                                                       const std::string& name,
                                                       std::vector<std::string>* errors);

// Hands out the keys whose time has come, each once.
class KeyScriptPlayer {
 public:
  explicit KeyScriptPlayer(std::vector<ScriptedKey> keys) : keys_(std::move(keys)) {}
  // The keys due at or before NOW_MS (stream UTC ms) not handed out yet.
  std::vector<RemoteKey> due(int64_t now_ms);
  bool finished() const { return next_ == keys_.size(); }
  // When the next key is due (stream UTC ms); nullopt when all are out.
  std::optional<int64_t> nextAtMs() const {
    if (finished()) return std::nullopt;
    return keys_[next_].at_ms;
  }

 private:
  std::vector<ScriptedKey> keys_;
  size_t next_ = 0;
};

}  // namespace stb
