#include "platform/box/device_files.h"

#include <fcntl.h>

#include <cerrno>

namespace platform {
namespace box {

std::optional<std::string> readTextFile(DeviceIo* io, const std::string& path, size_t max_bytes,
                                        std::string* error) {
  const IoResult opened = io->open(path, O_RDONLY);
  if (!opened.ok()) {
    *error = "cannot open " + path + ": " + errorText(opened.err);
    return std::nullopt;
  }
  DeviceFd fd(io, static_cast<int>(opened.value));
  std::string text;
  char chunk[4096];
  for (;;) {
    const IoResult got = io->read(fd.get(), chunk, sizeof(chunk));
    if (!got.ok()) {
      *error = "cannot read " + path + ": " + errorText(got.err);
      return std::nullopt;
    }
    if (got.value <= 0) break;
    const size_t n = static_cast<size_t>(got.value);
    if (n > sizeof(chunk) || text.size() + n > max_bytes) {
      *error = path + " is larger than " + std::to_string(max_bytes) + " bytes";
      return std::nullopt;
    }
    text.append(chunk, n);
  }
  return text;
}

std::string firstLineTrimmed(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  const char* space = " \t\r\v\f";
  const size_t begin = line.find_first_not_of(space);
  if (begin == std::string::npos) return "";
  const size_t end = line.find_last_not_of(space);
  return line.substr(begin, end - begin + 1);
}

}  // namespace box
}  // namespace platform
