#include "platform/log_sinks.h"

#include <syslog.h>

#include <cstdio>
#include <ctime>

namespace platform {

bool parseLogLevel(const std::string& name, stb::LogLevel* level) {
  for (stb::LogLevel l : {stb::LogLevel::kError, stb::LogLevel::kWarning, stb::LogLevel::kInfo,
                          stb::LogLevel::kDebug}) {
    if (name == stb::logLevelName(l)) {
      *level = l;
      return true;
    }
  }
  return false;
}

void StderrLog::write(stb::LogLevel level, const std::string& message) {
  if (level > threshold_) return;
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  // One fprintf per line so that lines from a crash and the log never mix.
  std::fprintf(stderr, "stbd[%ld.%03ld] %s: %s\n", static_cast<long>(ts.tv_sec),
               ts.tv_nsec / 1'000'000, stb::logLevelName(level), message.c_str());
}

SyslogLog::SyslogLog(const std::string& ident, stb::LogLevel threshold)
    : ident_(ident), threshold_(threshold) {
  openlog(ident_.c_str(), LOG_PID, LOG_DAEMON);
}

SyslogLog::~SyslogLog() {
  closelog();
}

void SyslogLog::write(stb::LogLevel level, const std::string& message) {
  if (level > threshold_) return;
  int priority = LOG_DEBUG;
  switch (level) {
    case stb::LogLevel::kError:
      priority = LOG_ERR;
      break;
    case stb::LogLevel::kWarning:
      priority = LOG_WARNING;
      break;
    case stb::LogLevel::kInfo:
      priority = LOG_INFO;
      break;
    case stb::LogLevel::kDebug:
      priority = LOG_DEBUG;
      break;
  }
  syslog(priority, "%s", message.c_str());
}

}  // namespace platform
