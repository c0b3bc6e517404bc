#include "tools/stb-notice/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

namespace tools::notice {
namespace {

bool writeAll(int fd, const uint8_t* data, size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

bool fileExists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

bool writeNewFile(const std::string& path, const std::string& contents, mode_t mode,
                  std::string* error) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    *error = path + ": " + std::strerror(errno);
    return false;
  }
  // The umask may only have narrowed `mode`; fchmod makes it exact.
  bool ok = ::fchmod(fd, mode) == 0 &&
            writeAll(fd, reinterpret_cast<const uint8_t*>(contents.data()), contents.size());
  ok = ::close(fd) == 0 && ok;
  if (!ok) {
    *error = path + ": " + std::strerror(errno);
    ::unlink(path.c_str());
  }
  return ok;
}

bool writeFileAtomically(const std::string& path,
                         const std::function<bool(const ChunkWriter&, std::string*)>& produce,
                         std::string* error) {
  std::string tmp = path + ".XXXXXX";
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) {
    *error = "cannot write " + path + ": " + std::strerror(errno);
    return false;
  }
  // mkstemp creates 0600; a stream or section file is for other tools to read.
  ::fchmod(fd, 0644);
  bool io_ok = true;
  int io_errno = 0;
  const ChunkWriter write = [&](const std::vector<uint8_t>& chunk) {
    if (io_ok && !writeAll(fd, chunk.data(), chunk.size())) {
      io_ok = false;
      io_errno = errno;
    }
    return io_ok;
  };
  std::string produce_error;
  const bool produced = produce(write, &produce_error);
  if (::close(fd) != 0 && io_ok) {
    io_ok = false;
    io_errno = errno;
  }
  if (produced && io_ok && ::rename(tmp.c_str(), path.c_str()) == 0) return true;
  if (!io_ok)
    *error = path + ": write failed: " + std::strerror(io_errno);
  else if (!produced)
    *error = produce_error;
  else
    *error = path + ": " + std::strerror(errno);
  ::unlink(tmp.c_str());
  return false;
}

bool readTextFile(const std::string& path, std::string* out, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = path + ": " + std::strerror(errno);
    return false;
  }
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) {
    *error = path + ": read failed";
    return false;
  }
  *out = s.str();
  return true;
}

}  // namespace tools::notice
