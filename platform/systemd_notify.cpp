#include "platform/systemd_notify.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <cstring>

#include "platform/unique_fd.h"

namespace platform {
namespace {

NotifyResult failure(std::string error) {
  NotifyResult r;
  r.status = NotifyResult::Status::kError;
  r.error = std::move(error);
  return r;
}

// A decimal number, all digits, that fits in 64 bits; false otherwise.
bool parseUnsigned(const char* text, uint64_t* value) {
  if (text == nullptr || *text == '\0') return false;
  uint64_t v = 0;
  for (const char* p = text; *p != '\0'; ++p) {
    if (*p < '0' || *p > '9') return false;
    const uint64_t digit = static_cast<uint64_t>(*p - '0');
    if (v > (UINT64_MAX - digit) / 10) return false;
    v = v * 10 + digit;
  }
  *value = v;
  return true;
}

}  // namespace

NotifyResult sdNotify(const std::string& state) {
  const char* env = std::getenv("NOTIFY_SOCKET");
  if (env == nullptr || *env == '\0') {
    NotifyResult r;
    r.status = NotifyResult::Status::kNotUnderSystemd;
    return r;
  }
  const std::string path(env);
  if (path[0] != '/' && path[0] != '@')
    return failure("NOTIFY_SOCKET " + path + ": neither an absolute path nor '@' abstract name");

  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() > sizeof(addr.sun_path) - (path[0] == '/' ? 1 : 0))
    return failure("NOTIFY_SOCKET " + path + ": longer than a unix socket address");
  std::memcpy(addr.sun_path, path.data(), path.size());
  if (path[0] == '@') addr.sun_path[0] = '\0';  // abstract: no terminator, length counts
  const socklen_t len =
      static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size() + (path[0] == '/'));

  UniqueFd fd(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (!fd.valid()) return failure(std::string("notify socket: ") + std::strerror(errno));
  ssize_t sent = -1;
  do {
    sent = ::sendto(fd.get(), state.data(), state.size(), MSG_NOSIGNAL,
                    reinterpret_cast<const sockaddr*>(&addr), len);
  } while (sent < 0 && errno == EINTR);
  if (sent < 0) return failure("notify " + path + ": " + std::strerror(errno));
  if (static_cast<size_t>(sent) != state.size()) return failure("notify " + path + ": short send");
  NotifyResult r;
  r.status = NotifyResult::Status::kSent;
  return r;
}

NotifyResult notifyReady() {
  return sdNotify("READY=1");
}
NotifyResult notifyWatchdog() {
  return sdNotify("WATCHDOG=1");
}
NotifyResult notifyStopping() {
  return sdNotify("STOPPING=1");
}

int64_t watchdogIntervalMs() {
  uint64_t usec = 0;
  if (!parseUnsigned(std::getenv("WATCHDOG_USEC"), &usec) || usec == 0) return 0;
  // systemd sets WATCHDOG_PID to the main process; a child that inherited
  // the environment must not ping on its behalf.
  if (const char* pid_text = std::getenv("WATCHDOG_PID"); pid_text != nullptr && *pid_text) {
    uint64_t pid = 0;
    if (!parseUnsigned(pid_text, &pid) || pid != static_cast<uint64_t>(::getpid())) return 0;
  }
  const uint64_t ms = usec / 1000;
  if (ms == 0 || ms > static_cast<uint64_t>(INT64_MAX)) return 0;
  return static_cast<int64_t>(ms);
}

}  // namespace platform
