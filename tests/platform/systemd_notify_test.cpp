// sd_notify without libsystemd: datagrams to a real unix socket named by
// $NOTIFY_SOCKET (a file in a temp dir, and an abstract name), the
// watchdog interval from $WATCHDOG_USEC/$WATCHDOG_PID, and nothing at all
// outside systemd.
#include "platform/systemd_notify.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstddef>
#include <cstring>
#include <optional>
#include <string>

#include "platform/unique_fd.h"

#include "tests/support/files.h"

namespace platform {
namespace {

// Sets or unsets one environment variable for a test's lifetime.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::optional<std::string>& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value)
      ::setenv(name, value->c_str(), 1);
    else
      ::unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// A datagram socket bound where systemd's would be: ADDRESS is a path or
// "@name" (abstract).
class Listener {
 public:
  explicit Listener(const std::string& address)
      : fd_(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, address.data(), address.size());
    socklen_t len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + address.size());
    if (address[0] == '@')
      addr.sun_path[0] = '\0';
    else
      ++len;
    bound_ = fd_.valid() && ::bind(fd_.get(), reinterpret_cast<sockaddr*>(&addr), len) == 0;
  }
  bool bound() const { return bound_; }

  // The next datagram, or "<none>" after a second.
  std::string receive() {
    pollfd p{fd_.get(), POLLIN, 0};
    if (::poll(&p, 1, 1000) != 1) return "<none>";
    char buf[256];
    const ssize_t n = ::recv(fd_.get(), buf, sizeof buf, 0);
    return n < 0 ? "<error>" : std::string(buf, static_cast<size_t>(n));
  }

 private:
  UniqueFd fd_;
  bool bound_ = false;
};

TEST(SystemdNotify, SendsReadyWatchdogAndStoppingToASocketFile) {
  testing_support::ScratchDir dir("notify");
  const std::string path = dir.path() + "/notify";
  Listener systemd(path);
  ASSERT_TRUE(systemd.bound());
  ScopedEnv env("NOTIFY_SOCKET", path);

  NotifyResult r = notifyReady();
  EXPECT_EQ(r.status, NotifyResult::Status::kSent) << r.error;
  EXPECT_EQ(systemd.receive(), "READY=1");
  r = notifyWatchdog();
  EXPECT_EQ(r.status, NotifyResult::Status::kSent) << r.error;
  EXPECT_EQ(systemd.receive(), "WATCHDOG=1");
  r = notifyStopping();
  EXPECT_EQ(r.status, NotifyResult::Status::kSent) << r.error;
  EXPECT_EQ(systemd.receive(), "STOPPING=1");
  r = sdNotify("STATUS=reading udp://239.1.1.1:1234\nREADY=1");
  EXPECT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(systemd.receive(), "STATUS=reading udp://239.1.1.1:1234\nREADY=1");
}

TEST(SystemdNotify, SendsToAnAbstractSocket) {
  const std::string name = "@stb-notify-test-" + std::to_string(::getpid());
  Listener systemd(name);
  ASSERT_TRUE(systemd.bound());
  ScopedEnv env("NOTIFY_SOCKET", name);
  const NotifyResult r = notifyReady();
  EXPECT_EQ(r.status, NotifyResult::Status::kSent) << r.error;
  EXPECT_EQ(systemd.receive(), "READY=1");
}

TEST(SystemdNotify, DoesNothingOutsideSystemd) {
  {
    ScopedEnv env("NOTIFY_SOCKET", std::nullopt);
    EXPECT_EQ(notifyReady().status, NotifyResult::Status::kNotUnderSystemd);
    EXPECT_TRUE(notifyWatchdog().ok());
  }
  ScopedEnv empty("NOTIFY_SOCKET", std::string());
  EXPECT_EQ(notifyStopping().status, NotifyResult::Status::kNotUnderSystemd);
}

TEST(SystemdNotify, ErrorsComeBackAsValues) {
  testing_support::ScratchDir dir("notify");
  {
    // Nobody listens there.
    ScopedEnv env("NOTIFY_SOCKET", dir.path() + "/notify");
    const NotifyResult r = notifyReady();
    EXPECT_EQ(r.status, NotifyResult::Status::kError);
    EXPECT_NE(r.error.find("notify"), std::string::npos) << r.error;
  }
  {
    ScopedEnv env("NOTIFY_SOCKET", "relative/socket");
    EXPECT_EQ(notifyReady().status, NotifyResult::Status::kError);
  }
  {
    ScopedEnv env("NOTIFY_SOCKET", "/" + std::string(200, 'x'));
    const NotifyResult r = notifyReady();
    EXPECT_EQ(r.status, NotifyResult::Status::kError);
    EXPECT_NE(r.error.find("longer"), std::string::npos) << r.error;
  }
}

TEST(SystemdNotify, WatchdogIntervalFromTheEnvironment) {
  const std::string self = std::to_string(::getpid());
  {
    ScopedEnv usec("WATCHDOG_USEC", std::nullopt);
    ScopedEnv pid("WATCHDOG_PID", std::nullopt);
    EXPECT_EQ(watchdogIntervalMs(), 0);
  }
  {
    ScopedEnv usec("WATCHDOG_USEC", std::string("30000000"));  // WatchdogSec=30
    ScopedEnv pid("WATCHDOG_PID", self);
    EXPECT_EQ(watchdogIntervalMs(), 30000);
  }
  {
    ScopedEnv usec("WATCHDOG_USEC", std::string("30000000"));
    ScopedEnv pid("WATCHDOG_PID", std::nullopt);  // no PID given: it is ours
    EXPECT_EQ(watchdogIntervalMs(), 30000);
  }
  {
    ScopedEnv usec("WATCHDOG_USEC", std::string("30000000"));
    ScopedEnv pid("WATCHDOG_PID", std::to_string(::getpid() + 1));  // another process's
    EXPECT_EQ(watchdogIntervalMs(), 0);
  }
  for (const char* bad : {"", "0", "-5", "30s", "999", "99999999999999999999999"}) {
    ScopedEnv usec("WATCHDOG_USEC", std::string(bad));
    ScopedEnv pid("WATCHDOG_PID", self);
    EXPECT_EQ(watchdogIntervalMs(), 0) << bad;
  }
}

}  // namespace
}  // namespace platform
