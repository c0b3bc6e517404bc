#include "tests/support/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "tests/support/files.h"

namespace testing_support {

ChildProcess::~ChildProcess() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
}

bool ChildProcess::start(const std::vector<std::string>& argv, const std::string& stdout_path,
                         const std::string& stderr_path, std::string* error) {
  if (pid_ > 0 || argv.empty()) {
    *error = pid_ > 0 ? "already running" : "no program";
    return false;
  }
  std::vector<std::string> args = argv;
  std::vector<char*> c_args;
  for (auto& a : args) c_args.push_back(a.data());
  c_args.push_back(nullptr);
  const int out = open(stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const int err = open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (out < 0 || err < 0) {
    *error = "cannot open " + stdout_path + " or " + stderr_path + ": " + std::strerror(errno);
    if (out >= 0) close(out);
    if (err >= 0) close(err);
    return false;
  }
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out, 1);
    dup2(err, 2);
    execv(c_args[0], c_args.data());
    _exit(127);
  }
  close(out);
  close(err);
  if (pid < 0) {
    *error = std::string("fork: ") + std::strerror(errno);
    return false;
  }
  pid_ = pid;
  status_.reset();
  return true;
}

void ChildProcess::signal(int sig) {
  if (pid_ > 0) ::kill(pid_, sig);
}

std::optional<int> ChildProcess::wait(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return status_;
  const auto give_up = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int raw = 0;
    const pid_t r = waitpid(pid_, &raw, WNOHANG);
    if (r == pid_) {
      pid_ = -1;
      status_ = WIFEXITED(raw) ? WEXITSTATUS(raw) : WIFSIGNALED(raw) ? -WTERMSIG(raw) : -1;
      return status_;
    }
    if (r < 0 && errno != EINTR) {
      pid_ = -1;
      status_ = -1;
      return status_;
    }
    if (std::chrono::steady_clock::now() >= give_up) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

int ChildProcess::stop(std::chrono::milliseconds timeout) {
  signal(SIGTERM);
  if (const auto status = wait(timeout)) return *status;
  signal(SIGKILL);
  return wait(std::chrono::seconds(60)).value_or(-SIGKILL);
}

size_t countOf(const std::string& text, const std::string& needle) {
  if (needle.empty()) return 0;
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

bool waitForText(const std::string& path, const std::string& needle, size_t count,
                 std::chrono::milliseconds timeout, ChildProcess* process) {
  const auto give_up = std::chrono::steady_clock::now() + timeout;
  // Woken as soon as the file is written (inotify), so that a test can act
  // within microseconds of a line; a millisecond poll besides.
  const int notify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (notify >= 0) inotify_add_watch(notify, path.c_str(), IN_MODIFY);
  bool found = false;
  for (;;) {
    // Whether it has ended is asked first: what it wrote before is then all there.
    const bool ended = process && !process->running();
    const bool ended_now = process && !ended && process->wait(std::chrono::milliseconds(0));
    if (countOf(readTextFile(path), needle) >= count) {
      found = true;
      break;
    }
    if (ended || ended_now || std::chrono::steady_clock::now() >= give_up) break;
    if (notify >= 0) {
      pollfd p{notify, POLLIN, 0};
      if (poll(&p, 1, 1) > 0) {
        char events[4096];
        while (read(notify, events, sizeof events) > 0) {
        }
      }
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  if (notify >= 0) close(notify);
  return found;
}

}  // namespace testing_support
