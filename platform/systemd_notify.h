#pragma once
// The sd_notify(3) protocol without libsystemd: a service of Type=notify
// tells systemd it is ready, that it is alive (the watchdog) and that it is
// stopping, by sending "KEY=VALUE" datagrams to the unix socket named in
// $NOTIFY_SOCKET (a path, or "@name" for an abstract socket). Outside
// systemd (no $NOTIFY_SOCKET) every call does nothing and says so.
#include <cstdint>
#include <string>

namespace platform {

struct NotifyResult {
  // kSent: the datagram went out. kNotUnderSystemd: $NOTIFY_SOCKET is unset
  // or empty, nothing was sent (not an error). kError: error says why.
  enum class Status { kSent, kNotUnderSystemd, kError };
  Status status = Status::kError;
  std::string error;  // set when status == kError
  bool ok() const { return status != Status::kError; }
};

// Sends STATE (newline-separated assignments, e.g. "READY=1\nSTATUS=up")
// to $NOTIFY_SOCKET.
NotifyResult sdNotify(const std::string& state);

NotifyResult notifyReady();     // READY=1
NotifyResult notifyWatchdog();  // WATCHDOG=1
NotifyResult notifyStopping();  // STOPPING=1

// The watchdog period systemd expects pings within (WatchdogSec=), from
// $WATCHDOG_USEC, in milliseconds; 0 when there is no watchdog, the value is
// not a positive number, or $WATCHDOG_PID names another process. Ping at
// half this interval.
int64_t watchdogIntervalMs();

}  // namespace platform
