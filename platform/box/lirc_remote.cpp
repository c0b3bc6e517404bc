#include "platform/box/lirc_remote.h"

#include <algorithm>
#include <cerrno>

namespace platform {
namespace box {
namespace {

constexpr int kMaxReadsPerCall = 64;

}  // namespace

std::unique_ptr<LircRemote> LircRemote::connect(DeviceIo* io, const LircOptions& options,
                                                Keymap keymap, std::string* error) {
  const IoResult connected = io->connectUnix(options.socket_path);
  if (!connected.ok()) {
    *error = "cannot connect to lircd at " + options.socket_path + ": " + errorText(connected.err);
    return nullptr;
  }
  return adopt(io, static_cast<int>(connected.value), options, std::move(keymap));
}

std::unique_ptr<LircRemote> LircRemote::adopt(DeviceIo* io, int fd, const LircOptions& options,
                                              Keymap keymap) {
  return std::unique_ptr<LircRemote>(
      new LircRemote(io, DeviceFd(io, fd), options, std::move(keymap)));
}

InputStatus LircRemote::read(std::vector<stb::RemoteKeyEvent>* keys, std::string* error) {
  uint8_t buffer[1024];
  for (int i = 0; i < kMaxReadsPerCall; ++i) {
    const IoResult got = io_->read(fd_.get(), buffer, sizeof(buffer));
    if (!got.ok()) {
      if (got.err == EAGAIN || got.err == EWOULDBLOCK) return InputStatus::kOk;
      if (got.err == ECONNRESET) {
        *error = describe() + ": lircd closed the connection";
        return InputStatus::kClosed;
      }
      *error = "cannot read " + describe() + ": " + errorText(got.err);
      return InputStatus::kError;
    }
    if (got.value <= 0) {
      *error = describe() + ": lircd closed the connection";
      return InputStatus::kClosed;
    }
    const size_t n = std::min(static_cast<size_t>(got.value), sizeof(buffer));
    decoder_.push(buffer, n, keys);
  }
  return InputStatus::kOk;
}

}  // namespace box
}  // namespace platform
