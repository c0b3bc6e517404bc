#pragma once
// Where stbd's log goes: stderr (with the monotonic time and level) or
// syslog (facility daemon). Messages below the configured level are dropped.
#include <string>

#include "stb/ports/log.h"

namespace platform {

// "error", "warning", "info" or "debug"; false for anything else.
bool parseLogLevel(const std::string& name, stb::LogLevel* level);

class StderrLog : public stb::Log {
 public:
  explicit StderrLog(stb::LogLevel threshold) : threshold_(threshold) {}
  void write(stb::LogLevel level, const std::string& message) override;

 private:
  stb::LogLevel threshold_;
};

class SyslogLog : public stb::Log {
 public:
  SyslogLog(const std::string& ident, stb::LogLevel threshold);
  ~SyslogLog() override;
  void write(stb::LogLevel level, const std::string& message) override;

 private:
  std::string ident_;  // openlog keeps the pointer
  stb::LogLevel threshold_;
};

}  // namespace platform
