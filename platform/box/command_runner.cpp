#include "platform/box/command_runner.h"

#include <sys/wait.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>

namespace platform {
namespace box {
namespace {

// Output read past the first line before giving up on the rest (the command
// then sees EPIPE or SIGPIPE, which is not held against it).
constexpr size_t kMaxOutputBytes = 64 * 1024;

}  // namespace

std::optional<std::string> PopenCommandRunner::firstLine(const std::string& command,
                                                         std::string* error) {
  FILE* pipe = ::popen(command.c_str(), "re");
  if (pipe == nullptr) {
    *error = "cannot run '" + command + "': " + std::strerror(errno);
    return std::nullopt;
  }
  std::string output;
  char chunk[512];
  size_t n;
  bool truncated = false;
  while ((n = std::fread(chunk, 1, sizeof(chunk), pipe)) > 0) {
    if (output.size() + n > kMaxOutputBytes) {
      truncated = true;
      break;
    }
    output.append(chunk, n);
  }
  const int status = ::pclose(pipe);
  // Killed by SIGPIPE because we stopped reading: directly, or as reported
  // by /bin/sh (exit status 128 + SIGPIPE).
  const bool piped_out = truncated && ((WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE) ||
                                       (WIFEXITED(status) && WEXITSTATUS(status) == 128 + SIGPIPE));
  if (status == -1) {
    *error = "'" + command + "': cannot collect its exit status: " + std::strerror(errno);
    return std::nullopt;
  }
  if (!piped_out && WIFSIGNALED(status)) {
    *error = "'" + command + "' was killed by signal " + std::to_string(WTERMSIG(status));
    return std::nullopt;
  }
  if (!piped_out && WIFEXITED(status) && WEXITSTATUS(status) != 0) {
    *error = "'" + command + "' exited with status " + std::to_string(WEXITSTATUS(status));
    return std::nullopt;
  }
  if (output.empty()) {
    *error = "'" + command + "' printed nothing";
    return std::nullopt;
  }
  return output.substr(0, output.find('\n'));
}

}  // namespace box
}  // namespace platform
