#include "platform/box/system_device_io.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace platform {
namespace box {

std::string errorText(int err) {
  return std::strerror(err);
}

IoResult SystemDeviceIo::open(const std::string& path, int flags) {
  int fd;
  do {
    fd = ::open(path.c_str(), flags | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  return fd < 0 ? IoResult::failure(errno) : IoResult::success(fd);
}

IoResult SystemDeviceIo::connectUnix(const std::string& path) {
  sockaddr_un address;
  std::memset(&address, 0, sizeof(address));
  address.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof(address.sun_path)) {
    return IoResult::failure(ENAMETOOLONG);
  }
  std::memcpy(address.sun_path, path.data(), path.size());
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return IoResult::failure(errno);
  // Connected while blocking (a local socket answers at once), then made
  // non-blocking for the event loop.
  int rc;
  do {
    rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address));
  } while (rc != 0 && errno == EINTR);
  if (rc != 0) {
    const int saved = errno;
    ::close(fd);
    return IoResult::failure(saved);
  }
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0) {
    const int saved = errno;
    ::close(fd);
    return IoResult::failure(saved);
  }
  return IoResult::success(fd);
}

void SystemDeviceIo::close(int fd) {
  ::close(fd);
}

IoResult SystemDeviceIo::ioctl(int fd, unsigned long request, void* arg) {
  int rc;
  do {
    rc = ::ioctl(fd, request, arg);
  } while (rc < 0 && errno == EINTR);
  return rc < 0 ? IoResult::failure(errno) : IoResult::success(rc);
}

IoResult SystemDeviceIo::ioctlValue(int fd, unsigned long request, unsigned long value) {
  int rc;
  do {
    rc = ::ioctl(fd, request, value);
  } while (rc < 0 && errno == EINTR);
  return rc < 0 ? IoResult::failure(errno) : IoResult::success(rc);
}

IoResult SystemDeviceIo::read(int fd, void* buf, size_t capacity) {
  ssize_t n;
  do {
    n = ::read(fd, buf, capacity);
  } while (n < 0 && errno == EINTR);
  return n < 0 ? IoResult::failure(errno) : IoResult::success(static_cast<long>(n));
}

DeviceIo& systemDeviceIo() {
  static SystemDeviceIo io;
  return io;
}

}  // namespace box
}  // namespace platform
