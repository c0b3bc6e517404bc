#include "tools/https/stop_signal.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace tools::https {
namespace {

volatile sig_atomic_t g_stop_fd = -1;

void onStopSignal(int) {
  const int saved = errno;
  const int fd = g_stop_fd;
  if (fd >= 0) {
    const ssize_t n = write(fd, "s", 1);
    (void)n;
  }
  errno = saved;
}

}  // namespace

std::unique_ptr<StopSignal> StopSignal::install(std::string* error) {
  std::unique_ptr<StopSignal> s(new StopSignal());
  if (pipe2(s->pipe_, O_NONBLOCK | O_CLOEXEC) != 0) {
    if (error) *error = std::string("pipe: ") + std::strerror(errno);
    return nullptr;
  }
  g_stop_fd = s->pipe_[1];
  struct sigaction sa {};
  sa.sa_handler = onStopSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);
  return s;
}

StopSignal::~StopSignal() {
  if (g_stop_fd == pipe_[1]) g_stop_fd = -1;
  for (int fd : pipe_)
    if (fd >= 0) close(fd);
}

void StopSignal::wait() {
  pollfd p{pipe_[0], POLLIN, 0};
  while (poll(&p, 1, -1) < 0 && errno == EINTR) {
  }
}

void StopSignal::request() {
  const ssize_t n = write(pipe_[1], "s", 1);
  (void)n;
}

}  // namespace tools::https
