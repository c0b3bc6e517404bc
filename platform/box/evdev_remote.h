#pragma once
// Remote-control keys from a Linux input device (/dev/input/eventN): an IR
// receiver driven by rc-core, a USB remote, or a keyboard.
#include <memory>
#include <string>

#include "platform/box/device_io.h"
#include "platform/box/evdev_decoder.h"
#include "platform/box/remote_input.h"

namespace platform {
namespace box {

class EvdevRemote : public RemoteInput {
 public:
  // Opens PATH read-only and non-blocking. With GRAB, EVIOCGRAB makes the
  // daemon the device's only reader (the console does not see the keys too).
  // IO must outlive the remote. Nullptr and *error when it cannot be opened
  // or grabbed.
  static std::unique_ptr<EvdevRemote> open(DeviceIo* io, const std::string& path, Keymap keymap,
                                           bool grab, std::string* error);

  int fd() const override { return fd_.get(); }
  // Reads until the device has nothing more (at most 64 reads a call, so a
  // flood cannot starve the loop). ENODEV (unplugged) is kClosed.
  InputStatus read(std::vector<stb::RemoteKeyEvent>* keys, std::string* error) override;
  std::string describe() const override { return "evdev " + path_; }

  const EvdevDecoder& decoder() const { return decoder_; }

 private:
  EvdevRemote(DeviceIo* io, DeviceFd fd, std::string path, Keymap keymap)
      : io_(io), fd_(std::move(fd)), path_(std::move(path)), decoder_(std::move(keymap)) {}

  DeviceIo* io_;
  DeviceFd fd_;
  std::string path_;
  EvdevDecoder decoder_;
};

}  // namespace box
}  // namespace platform
