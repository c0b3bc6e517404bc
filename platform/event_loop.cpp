#include "platform/event_loop.h"

#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

namespace platform {

int64_t SteadyClock::nowMs() const {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1'000'000;
}

EventLoop::EventLoop() = default;

EventLoop::~EventLoop() {
  if (signal_fd_ >= 0) close(signal_fd_);
}

EventLoop::Id EventLoop::watchFd(int fd, short events, FdCallback cb) {
  const Id id = next_id_++;
  watches_[id] = Watch{fd, events, std::move(cb)};
  return id;
}

EventLoop::Id EventLoop::addTimer(int64_t due_ms, Callback cb) {
  const Id id = next_id_++;
  timers_.emplace(due_ms, std::make_pair(id, std::move(cb)));
  return id;
}

void EventLoop::cancel(Id id) {
  if (watches_.erase(id) != 0) return;
  for (auto it = timers_.begin(); it != timers_.end(); ++it) {
    if (it->second.first == id) {
      timers_.erase(it);
      return;
    }
  }
}

bool EventLoop::onSignal(int signo, Callback cb, std::string* error) {
  signal_callbacks_[signo] = std::move(cb);
  sigset_t mask;
  sigemptyset(&mask);
  for (const auto& [s, unused] : signal_callbacks_) sigaddset(&mask, s);
  // Blocked, the signal waits in the signalfd instead of interrupting code.
  if (sigprocmask(SIG_BLOCK, &mask, nullptr) != 0) {
    *error = std::string("sigprocmask: ") + std::strerror(errno);
    return false;
  }
  const int fd = signalfd(signal_fd_, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
  if (fd < 0) {
    *error = std::string("signalfd: ") + std::strerror(errno);
    return false;
  }
  signal_fd_ = fd;
  armSignalFd();
  return true;
}

void EventLoop::armSignalFd() {
  if (signal_watch_ != 0) return;
  signal_watch_ = watchFd(signal_fd_, POLLIN, [this](short) {
    signalfd_siginfo info{};
    while (::read(signal_fd_, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
      auto it = signal_callbacks_.find(static_cast<int>(info.ssi_signo));
      if (it != signal_callbacks_.end()) it->second();
    }
  });
}

int EventLoop::waitMs(int max_wait_ms) const {
  if (timers_.empty()) return max_wait_ms;
  const int64_t until = timers_.begin()->first - clock_.nowMs();
  if (until <= 0) return 0;
  if (max_wait_ms >= 0 && until > max_wait_ms) return max_wait_ms;
  return until > 24 * 3600 * 1000 ? 24 * 3600 * 1000 : static_cast<int>(until);
}

void EventLoop::runDueTimers() {
  const int64_t now = clock_.nowMs();
  // Timers added by a callback for "now" run on the next turn, so a timer
  // that re-arms itself at once cannot starve the file descriptors.
  std::vector<Id> due;
  for (auto it = timers_.begin(); it != timers_.end() && it->first <= now; ++it)
    due.push_back(it->second.first);
  for (Id id : due) {
    for (auto it = timers_.begin(); it != timers_.end(); ++it) {
      if (it->second.first != id) continue;
      Callback cb = std::move(it->second.second);
      timers_.erase(it);
      cb();
      break;
    }
  }
}

bool EventLoop::runOnce(int max_wait_ms, std::string* error) {
  std::vector<pollfd> fds;
  std::vector<Id> ids;
  for (const auto& [id, w] : watches_) {
    fds.push_back(pollfd{w.fd, w.events, 0});
    ids.push_back(id);
  }
  const int n = poll(fds.data(), fds.size(), waitMs(max_wait_ms));
  ++wakeups_;
  if (n < 0) {
    if (errno == EINTR) return true;
    *error = std::string("poll: ") + std::strerror(errno);
    return false;
  }
  for (size_t i = 0; i < fds.size() && n > 0; ++i) {
    if (fds[i].revents == 0) continue;
    auto it = watches_.find(ids[i]);  // an earlier callback may have removed it
    if (it == watches_.end()) continue;
    FdCallback cb = it->second.cb;  // a copy: the callback may cancel itself
    cb(fds[i].revents);
  }
  runDueTimers();
  return true;
}

bool EventLoop::run(std::string* error) {
  while (!stopped_) {
    if (!runOnce(-1, error)) return false;
  }
  return true;
}

}  // namespace platform
