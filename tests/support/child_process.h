#pragma once
// A built program run as a child of the test (fork/exec, no shell), its
// stdout and stderr in files: signalled and waited for by its own pid, and
// watched through what it writes. For daemons a test starts, stops or kills
// at a chosen moment (stb-central, stbd).
#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace testing_support {

class ChildProcess {
 public:
  ChildProcess() = default;
  ~ChildProcess();  // SIGKILL and reaped if still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Runs ARGV[0] (a path) with ARGV; stdout to STDOUT_PATH (truncated),
  // stderr appended to STDERR_PATH. False and *error when it cannot.
  bool start(const std::vector<std::string>& argv, const std::string& stdout_path,
             const std::string& stderr_path, std::string* error);
  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }

  // Sends SIG (nothing when it has been reaped already).
  void signal(int sig);
  // Waits up to TIMEOUT for it to end: its exit status, or minus the signal
  // that ended it; nullopt while it still runs.
  std::optional<int> wait(std::chrono::milliseconds timeout);
  // SIGTERM, up to TIMEOUT to end, else SIGKILL: as wait() (never nullopt).
  int stop(std::chrono::milliseconds timeout = std::chrono::seconds(10));

 private:
  pid_t pid_ = -1;
  std::optional<int> status_;
};

// How often NEEDLE occurs in TEXT.
size_t countOf(const std::string& text, const std::string& needle);

// Waits until the file PATH holds NEEDLE at least COUNT times: true then;
// false after TIMEOUT, or once PROCESS (when given) has ended without it.
// Looks again as soon as the file is written (and every millisecond), so
// that a test can act right after a line.
bool waitForText(const std::string& path, const std::string& needle, size_t count,
                 std::chrono::milliseconds timeout, ChildProcess* process = nullptr);

}  // namespace testing_support
