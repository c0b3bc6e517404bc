#pragma once
// Shared by the stb/ tests: a log that records what it is told, and small
// notice helpers on top of tests/dvb/notice/notice_test_util.h.
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "dvb/notice/notice.h"
#include "stb/log.h"

namespace stb::testing_util {

struct RecordingLog : Log {
  std::vector<std::pair<LogLevel, std::string>> lines;
  void write(LogLevel level, const std::string& message) override {
    lines.emplace_back(level, message);
  }
  // A line at LEVEL containing every one of PARTS.
  bool has(LogLevel level, std::initializer_list<const char*> parts) const {
    for (const auto& [l, m] : lines) {
      if (l != level) continue;
      bool all = true;
      for (const char* part : parts) all = all && m.find(part) != std::string::npos;
      if (all) return true;
    }
    return false;
  }
  size_t count(LogLevel level) const {
    size_t n = 0;
    for (const auto& line : lines) n += line.first == level;
    return n;
  }
  std::string dump() const {
    std::string all;
    for (const auto& [l, m] : lines) all += std::string(logLevelName(l)) + ": " + m + "\n";
    return all;
  }
};

// The operator's cancellation of notice N: the same notice, flagged, no text.
inline dvb::notice::Notice cancellationOf(dvb::notice::Notice n) {
  n.flags = dvb::notice::Notice::kFlagCancel;
  n.texts.clear();
  return n;
}

}  // namespace stb::testing_util
