#pragma once
// A stb::Log that keeps every line it is told, for tests to look through.
// Shared by the stb, stbd and platform tests.
#include <cstddef>
#include <initializer_list>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "stb/ports/log.h"

namespace testing_support {

struct RecordingLog : stb::Log {
  std::vector<std::pair<stb::LogLevel, std::string>> lines;
  // When set, each line is also printed after this prefix as it comes, to
  // follow a long end-to-end run in the test output.
  std::string echo;

  void write(stb::LogLevel level, const std::string& message) override {
    lines.emplace_back(level, message);
    if (!echo.empty()) std::cout << echo << textOf(lines.back()) << "\n";
  }
  // A line at LEVEL containing every one of PARTS.
  bool has(stb::LogLevel level, std::initializer_list<const char*> parts) const {
    for (const auto& [l, m] : lines) {
      if (l != level) continue;
      bool all = true;
      for (const char* part : parts) all = all && m.find(part) != std::string::npos;
      if (all) return true;
    }
    return false;
  }
  // A line, written "LEVEL: message", containing TEXT.
  bool has(const std::string& text) const {
    for (const auto& line : lines)
      if (textOf(line).find(text) != std::string::npos) return true;
    return false;
  }
  size_t count(stb::LogLevel level) const {
    size_t n = 0;
    for (const auto& line : lines) n += line.first == level;
    return n;
  }
  // Every line as "LEVEL: message\n", for a failure message.
  std::string dump() const {
    std::string all;
    for (const auto& line : lines) all += textOf(line) + "\n";
    return all;
  }

 private:
  static std::string textOf(const std::pair<stb::LogLevel, std::string>& line) {
    return std::string(stb::logLevelName(line.first)) + ": " + line.second;
  }
};

}  // namespace testing_support
