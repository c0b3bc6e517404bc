#pragma once
// The daemon's one event loop: one thread, one poll(2) per turn.
//
// Event sources it serves: file descriptors (the TS source, later the remote
// control and libcurl's sockets), timers on the monotonic clock (frames,
// the scheduler's next change, read batching), and signals (SIGTERM, SIGINT,
// SIGHUP through a signalfd, so a handler never runs inside other code).
// Callbacks may add or remove watchers and timers, including their own.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "stb/ports/monotonic_clock.h"

namespace platform {

// CLOCK_MONOTONIC in milliseconds.
class SteadyClock : public stb::MonotonicClock {
 public:
  int64_t nowMs() const override;
};

class EventLoop {
 public:
  using Id = uint64_t;
  using FdCallback = std::function<void(short revents)>;
  using Callback = std::function<void()>;

  EventLoop();
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  const stb::MonotonicClock& clock() const { return clock_; }

  // Calls CB with poll's revents whenever FD is ready for EVENTS (POLLIN...).
  Id watchFd(int fd, short events, FdCallback cb);
  // Calls CB once, at or after DUE_MS on clock().
  Id addTimer(int64_t due_ms, Callback cb);
  // Removes a watcher or timer; unknown ids are ignored.
  void cancel(Id id);

  // Blocks SIGNO for the process and calls CB from the loop when it arrives.
  // False and *error when the signalfd cannot be made.
  bool onSignal(int signo, Callback cb, std::string* error);

  // One turn: waits (at most MAX_WAIT_MS; -1 = until something happens) and
  // runs what is ready. False when poll failed for a reason other than EINTR.
  bool runOnce(int max_wait_ms, std::string* error);
  // Turns until stop() (or a poll failure, reported in *error).
  bool run(std::string* error);
  void stop() { stopped_ = true; }
  bool stopped() const { return stopped_; }

  // Returns from poll so far (each is one wake-up of the process).
  uint64_t wakeups() const { return wakeups_; }

 private:
  struct Watch {
    int fd;
    short events;
    FdCallback cb;
  };
  void runDueTimers();
  int waitMs(int max_wait_ms) const;
  void armSignalFd();

  SteadyClock clock_;
  Id next_id_ = 1;
  std::map<Id, Watch> watches_;
  std::multimap<int64_t, std::pair<Id, Callback>> timers_;  // by due time
  std::map<int, Callback> signal_callbacks_;
  int signal_fd_ = -1;
  Id signal_watch_ = 0;
  bool stopped_ = false;
  uint64_t wakeups_ = 0;
};

}  // namespace platform
