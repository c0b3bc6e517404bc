#pragma once
// `stb-notice build`: input JSON -> signed objects -> FILE.bin, FILE.ts or
// udp://. Nothing is written unless every input is valid and every object
// signs and fits.
#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "dvb/mjd_time.h"
#include "tools/stb-notice/crossing_time.h"
#include "tools/stb-notice/notice_stream.h"

namespace tools::notice {

enum class TargetKind { kSections, kTs, kUdp };
// By the target's form: "*.bin", "*.ts", "udp://..."; nullopt otherwise.
std::optional<TargetKind> targetKindOf(const std::string& target);

struct BuildOptions {
  std::vector<std::string> inputs;
  std::string key_path;
  std::string root_key_path;  // empty: key lists are signed with key_path too
  std::string target;
  dvb::UtcSeconds issued = 0;
  StreamOptions stream;
  int ttl = 1;
  bool loop = false;
  const std::atomic<bool>* stop = nullptr;  // udp:// only
  CrossingLimit crossing;                   // warn about crawls slower than this
};

// On success *summary tells the operator what was signed and written. On
// failure *problems holds every reason (one input problem per line).
bool runBuild(const BuildOptions& options, std::string* summary,
              std::vector<std::string>* problems);

}  // namespace tools::notice
