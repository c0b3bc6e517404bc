#pragma once
// The remotes stbd reads, each a RemoteInput watched in the event loop:
// evdev devices (/dev/input/eventN) and lircd's socket, all mapped through
// one keymap. A remote that cannot be opened at start (lircd not up yet, a
// USB receiver not plugged in) or goes away later is tried again every
// kRetryMs; the log says so once, not at every try.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "platform/box/device_io.h"
#include "platform/box/keymap.h"
#include "platform/box/remote_input.h"
#include "platform/event_loop.h"
#include "stb/ports/log.h"
#include "stb/ports/remote_key.h"

namespace platform {
namespace box {

struct RemoteInputsConfig {
  std::vector<std::string> evdev;  // device paths
  bool grab = true;                // EVIOCGRAB: the console does not see the keys too
  std::string lirc;                // lircd's socket; empty: no LIRC
  Keymap keymap;
};

class RemoteInputs {
 public:
  static constexpr int64_t kRetryMs = 5000;
  // KEY, and which remote sent it ("lirc /var/run/lirc/lircd").
  using OnKey = std::function<void(const stb::RemoteKeyEvent& key, const std::string& from)>;

  // IO, LOOP and LOG must outlive this.
  RemoteInputs(DeviceIo* io, RemoteInputsConfig config, EventLoop& loop, stb::Log& log,
               OnKey on_key);
  ~RemoteInputs();
  RemoteInputs(const RemoteInputs&) = delete;
  RemoteInputs& operator=(const RemoteInputs&) = delete;

  // Opens every configured remote; one that fails is retried later.
  void start();
  // How long a failed remote waits before the next try (tests shorten it).
  void setRetryMs(int64_t ms) { retry_ms_ = ms; }
  // Remotes configured, and how many are open now.
  size_t configured() const { return slots_.size(); }
  size_t opened() const;

 private:
  struct Slot {
    bool lirc = false;
    std::string path;
    std::unique_ptr<RemoteInput> input;
    EventLoop::Id watch = 0;
    EventLoop::Id retry = 0;
    bool failing = false;  // the last try failed and was logged
  };
  void open(Slot* slot);
  void close(Slot* slot, const std::string& why);
  void onReadable(Slot* slot);
  std::string retryText() const;

  DeviceIo* io_;
  RemoteInputsConfig config_;
  EventLoop& loop_;
  stb::Log& log_;
  OnKey on_key_;
  int64_t retry_ms_ = kRetryMs;
  std::vector<std::unique_ptr<Slot>> slots_;
};

}  // namespace box
}  // namespace platform
