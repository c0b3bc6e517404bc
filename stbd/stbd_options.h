#pragma once
// stbd's command line (docs/stbd.md).
#include <cstdint>
#include <optional>
#include <string>

namespace stbd {

enum class Replay { kNone, kFast, kRealtime };

struct StbdOptions {
  std::string config_path;
  std::string source;  // a TS file, udp://GROUP:PORT or dvb://adapterN
  Replay replay = Replay::kNone;
  std::string snapshot_dir;
  uint64_t snapshot_every_ms = 0;        // 0: no snapshots
  std::string keys_path;                 // a key script (stb/key_script.h)
  std::optional<std::string> log_level;  // overrides the config
  bool help = false;
  bool version = false;
};

extern const char kUsage[];

// False and *error on a bad command line (unknown option, missing value,
// --snapshot-dir without --snapshot-every, a file source without --replay...).
bool parseStbdOptions(int argc, const char* const* argv, StbdOptions* options, std::string* error);

}  // namespace stbd
