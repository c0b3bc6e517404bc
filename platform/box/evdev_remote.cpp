#include "platform/box/evdev_remote.h"

#include <fcntl.h>
#include <sys/ioctl.h>

#include <cerrno>

#include "platform/box/input_reader.h"

namespace platform {
namespace box {
namespace {

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
  return readInput(
      io_, fd_.get(), buffer, sizeof(buffer), {describe(), ENODEV, "device removed"},
      [&](const uint8_t* bytes, size_t n) { decoder_.push(bytes, n, keys); }, error);
}

}  // namespace box
}  // namespace platform
