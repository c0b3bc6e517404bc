#pragma once
// Runs a built tool the way a user does, from a shell command line.
#include <string>

namespace testing_support {

struct CommandResult {
  int status = -1;  // exit status; -1 if it did not exit normally
  std::string out;  // what it wrote to stdout (add 2>&1 to the line for stderr too)
};

CommandResult runCommand(const std::string& command_line);

}  // namespace testing_support
