#include "platform/box/evdev_remote.h"

#include <fcntl.h>
#include <sys/ioctl.h>

#include <algorithm>
#include <cerrno>

namespace platform {
namespace box {
namespace {

constexpr int kMaxReadsPerCall = 64;
constexpr size_t kEventsPerRead = 32;

}  // namespace

std::unique_ptr<EvdevRemote> EvdevRemote::open(DeviceIo* io, const std::string& path, Keymap keymap,
                                               bool grab, std::string* error) {
  const IoResult opened = io->open(path, O_RDONLY | O_NONBLOCK);
  if (!opened.ok()) {
    *error = "cannot open input device " + path + ": " + errorText(opened.err);
    return nullptr;
  }
  DeviceFd fd(io, static_cast<int>(opened.value));
  if (grab) {
    const IoResult grabbed = io->ioctlValue(fd.get(), EVIOCGRAB, 1);
    if (!grabbed.ok()) {
      *error = "input device " + path + ": EVIOCGRAB: " + errorText(grabbed.err) +
               (grabbed.err == EBUSY ? " (another process holds the device)" : "");
      return nullptr;
    }
  }
  return std::unique_ptr<EvdevRemote>(new EvdevRemote(io, std::move(fd), path, std::move(keymap)));
}

InputStatus EvdevRemote::read(std::vector<stb::RemoteKeyEvent>* keys, std::string* error) {
  uint8_t buffer[kEventsPerRead * sizeof(input_event)];
  for (int i = 0; i < kMaxReadsPerCall; ++i) {
    const IoResult got = io_->read(fd_.get(), buffer, sizeof(buffer));
    if (!got.ok()) {
      if (got.err == EAGAIN || got.err == EWOULDBLOCK) return InputStatus::kOk;
      if (got.err == ENODEV) {
        *error = describe() + ": device removed";
        return InputStatus::kClosed;
      }
      *error = "cannot read " + describe() + ": " + errorText(got.err);
      return InputStatus::kError;
    }
    if (got.value <= 0) {
      *error = describe() + ": end of file";
      return InputStatus::kClosed;
    }
    // Never more than asked, whatever the count says.
    const size_t n = std::min(static_cast<size_t>(got.value), sizeof(buffer));
    decoder_.push(buffer, n, keys);
  }
  return InputStatus::kOk;
}

}  // namespace box
}  // namespace platform
