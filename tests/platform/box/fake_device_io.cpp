#include "tests/platform/box/fake_device_io.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace platform {
namespace box {

FakeDeviceIo::~FakeDeviceIo() {
  for (int fd : real_fds_) ::close(fd);
}

IoResult FakeDeviceIo::open(const std::string& path, int /*flags*/) {
  opened_paths_.push_back(path);
  auto error = open_errors_.find(path);
  if (error != open_errors_.end()) return IoResult::failure(error->second);
  int fd = next_fd_++;
  if (pollable_) {
    // A semaphore eventfd: readable while its count (queued reads) is > 0.
    fd = eventfd(0, EFD_NONBLOCK | EFD_SEMAPHORE | EFD_CLOEXEC);
    if (fd < 0) return IoResult::failure(errno);
    real_fds_.insert(fd);
  }
  open_fds_.insert(fd);
  last_fd_[path] = fd;
  auto file = files_.find(path);
  if (file != files_.end()) {
    queue(fd, {std::vector<uint8_t>(file->second.begin(), file->second.end()), 0}, false);
    queue(fd, {{}, 0}, false);
  }
  return IoResult::success(fd);
}

void FakeDeviceIo::close(int fd) {
  open_fds_.erase(fd);
  closed_fds_.push_back(fd);
  reads_.erase(fd);
  if (real_fds_.erase(fd) != 0) ::close(fd);
}

void FakeDeviceIo::queue(int fd, Read read, bool front) {
  if (front)
    reads_[fd].push_front(std::move(read));
  else
    reads_[fd].push_back(std::move(read));
  signal(fd, true);
}

void FakeDeviceIo::signal(int fd, bool add) {
  if (real_fds_.count(fd) == 0) return;
  uint64_t one = 1;
  const ssize_t n = add ? ::write(fd, &one, sizeof one) : ::read(fd, &one, sizeof one);
  (void)n;  // a count that cannot move only makes poll wrong, which the test would show
}

IoResult FakeDeviceIo::ioctl(int fd, unsigned long request, void* arg) {
  Ioctl call{fd, request, false, 0, {}};
  const size_t size = _IOC_SIZE(request);
  if (arg != nullptr && size > 0) {
    const uint8_t* bytes = static_cast<const uint8_t*>(arg);
    call.arg.assign(bytes, bytes + size);
  }
  ioctls_.push_back(call);
  auto error = ioctl_errors_.find(request);
  if (error != ioctl_errors_.end()) return IoResult::failure(error->second);
  if (handler_) return handler_(fd, request, arg);
  return IoResult::success(0);
}

IoResult FakeDeviceIo::ioctlValue(int fd, unsigned long request, unsigned long value) {
  ioctls_.push_back(Ioctl{fd, request, true, value, {}});
  auto error = ioctl_errors_.find(request);
  if (error != ioctl_errors_.end()) return IoResult::failure(error->second);
  return IoResult::success(0);
}

IoResult FakeDeviceIo::read(int fd, void* buf, size_t capacity) {
  if (open_fds_.count(fd) == 0) return IoResult::failure(EBADF);
  auto& queue = reads_[fd];
  if (queue.empty()) return IoResult::failure(EAGAIN);
  Read next = std::move(queue.front());
  queue.pop_front();
  signal(fd, false);
  if (next.err != 0) return IoResult::failure(next.err);
  // Like a device, a read hands over at most CAPACITY bytes; the rest stays.
  const size_t n = std::min(capacity, next.bytes.size());
  if (n > 0) std::memcpy(buf, next.bytes.data(), n);
  if (n < next.bytes.size()) {
    this->queue(
        fd,
        {std::vector<uint8_t>(next.bytes.begin() + static_cast<ptrdiff_t>(n), next.bytes.end()), 0},
        true);
  }
  return IoResult::success(static_cast<long>(n));
}

std::vector<FakeDeviceIo::Ioctl> FakeDeviceIo::ioctlsFor(unsigned long request) const {
  std::vector<Ioctl> result;
  for (const Ioctl& call : ioctls_) {
    if (call.request == request) result.push_back(call);
  }
  return result;
}

}  // namespace box
}  // namespace platform
