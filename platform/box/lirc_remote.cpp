#include "platform/box/lirc_remote.h"

#include <cerrno>

#include "platform/box/input_reader.h"

namespace platform {
namespace box {

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
  return readInput(
      io_, fd_.get(), buffer, sizeof(buffer),
      {describe(), ECONNRESET, "lircd closed the connection"},
      [&](const uint8_t* bytes, size_t n) { decoder_.push(bytes, n, keys); }, error);
}

}  // namespace box
}  // namespace platform
