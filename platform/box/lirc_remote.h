#pragma once
// Remote-control keys from lircd, read from its client socket.
#include <cstdint>
#include <limits>
#include <memory>
#include <string>

#include "platform/box/device_io.h"
#include "platform/box/lirc_decoder.h"
#include "platform/box/remote_input.h"

namespace platform {
namespace box {

constexpr const char* kDefaultLircSocket = "/var/run/lirc/lircd";

struct LircOptions {
  std::string socket_path = kDefaultLircSocket;
  // See LircDecoder: repeats counted above this are dropped.
  uint32_t max_repeat = std::numeric_limits<uint32_t>::max();
};

class LircRemote : public RemoteInput {
 public:
  // Connects to OPTIONS.socket_path through IO (which must outlive the
  // remote). Nullptr and *error ("cannot connect to lircd at PATH: ...").
  static std::unique_ptr<LircRemote> connect(DeviceIo* io, const LircOptions& options,
                                             Keymap keymap, std::string* error);
  // Takes over FD, an already connected non-blocking stream socket.
  static std::unique_ptr<LircRemote> adopt(DeviceIo* io, int fd, const LircOptions& options,
                                           Keymap keymap);

  int fd() const override { return fd_.get(); }
  // Reads until the socket has nothing more (at most 64 reads a call). The
  // end of the stream (lircd stopped) is kClosed.
  InputStatus read(std::vector<stb::RemoteKeyEvent>* keys, std::string* error) override;
  std::string describe() const override { return "lirc " + path_; }

  const LircDecoder& decoder() const { return decoder_; }

 private:
  LircRemote(DeviceIo* io, DeviceFd fd, const LircOptions& options, Keymap keymap)
      : io_(io),
        fd_(std::move(fd)),
        path_(options.socket_path),
        decoder_(std::move(keymap), options.max_repeat) {}

  DeviceIo* io_;
  DeviceFd fd_;
  std::string path_;
  LircDecoder decoder_;
};

}  // namespace box
}  // namespace platform
