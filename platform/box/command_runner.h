#pragma once
// Runs a configured shell command and returns the first line it prints, for
// identity sources such as a vendor tool that prints the box's serial.
//
// PopenCommandRunner uses popen(3) and waits for the command to finish
// (pclose): there is no timeout, so a command that hangs blocks the caller.
// The daemon runs these once at start-up, before its event loop; a command
// that may hang should bound itself (e.g. "timeout 5 vendor-serial").
// The command line comes from the box's configuration and runs through
// /bin/sh, with the daemon's privileges.
#include <optional>
#include <string>

namespace platform {
namespace box {

class CommandRunner {
 public:
  virtual ~CommandRunner() = default;
  // The first line COMMAND prints on stdout (without its '\n'). Absent and
  // *error when it cannot be started, prints nothing, or exits non-zero.
  virtual std::optional<std::string> firstLine(const std::string& command, std::string* error) = 0;
};

class PopenCommandRunner : public CommandRunner {
 public:
  std::optional<std::string> firstLine(const std::string& command, std::string* error) override;
};

}  // namespace box
}  // namespace platform
