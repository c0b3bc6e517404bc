#pragma once
// Where stb/ reports what happened: an injected sink with levels. stbd gives it
// stderr or syslog (platform/); tests give it a recorder.
#include <string>

namespace stb {

enum class LogLevel { kError = 0, kWarning = 1, kInfo = 2, kDebug = 3 };
const char* logLevelName(LogLevel level);  // "error", "warning", "info", "debug"

class Log {
 public:
  virtual ~Log() = default;
  virtual void write(LogLevel level, const std::string& message) = 0;

  void error(const std::string& message) { write(LogLevel::kError, message); }
  void warning(const std::string& message) { write(LogLevel::kWarning, message); }
  void info(const std::string& message) { write(LogLevel::kInfo, message); }
  void debug(const std::string& message) { write(LogLevel::kDebug, message); }
};

// Discards everything (for tools and tests that do not care).
class NullLog : public Log {
 public:
  void write(LogLevel, const std::string&) override {}
};

}  // namespace stb
