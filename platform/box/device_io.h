#pragma once
// The seam between platform/box and the kernel: every open, ioctl, read and
// close of a device (demux, frontend, evdev, sysfs, the lircd socket) goes
// through a DeviceIo, so tests can script what a device answers and record
// what was asked of it. SystemDeviceIo (system_device_io.h) is the real one.
#include <sys/types.h>

#include <cstddef>
#include <string>

namespace platform {
namespace box {

// The outcome of one call: value (an fd, a byte count, an ioctl's return)
// when err == 0, otherwise err is the errno the call failed with.
struct IoResult {
  long value = 0;
  int err = 0;
  bool ok() const { return err == 0; }
  static IoResult success(long v) { return IoResult{v, 0}; }
  static IoResult failure(int e) { return IoResult{-1, e}; }
};

class DeviceIo {
 public:
  virtual ~DeviceIo() = default;
  // open(2) with FLAGS (O_CLOEXEC is always added by the real implementation).
  virtual IoResult open(const std::string& path, int flags) = 0;
  // Connects a non-blocking stream socket to the unix socket at PATH (lircd).
  virtual IoResult connectUnix(const std::string& path) = 0;
  virtual void close(int fd) = 0;
  // ioctl(2) whose argument is a pointer to a struct or integer.
  virtual IoResult ioctl(int fd, unsigned long request, void* arg) = 0;
  // ioctl(2) whose argument is a plain value (DMX_SET_BUFFER_SIZE, DMX_STOP).
  virtual IoResult ioctlValue(int fd, unsigned long request, unsigned long value) = 0;
  // read(2); EINTR is retried, EAGAIN comes back as err == EAGAIN.
  virtual IoResult read(int fd, void* buf, size_t capacity) = 0;
};

// "strerror(err)" text, for messages built from an IoResult.
std::string errorText(int err);

// Owns one fd opened through a DeviceIo and closes it through the same one.
class DeviceFd {
 public:
  DeviceFd() = default;
  DeviceFd(DeviceIo* io, int fd) : io_(io), fd_(fd) {}
  DeviceFd(DeviceFd&& other) noexcept : io_(other.io_), fd_(other.release()) {}
  DeviceFd& operator=(DeviceFd&& other) noexcept {
    if (this != &other) {
      reset();
      io_ = other.io_;
      fd_ = other.release();
    }
    return *this;
  }
  DeviceFd(const DeviceFd&) = delete;
  DeviceFd& operator=(const DeviceFd&) = delete;
  ~DeviceFd() { reset(); }

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }
  void reset() {
    if (fd_ >= 0 && io_ != nullptr) io_->close(fd_);
    fd_ = -1;
  }

 private:
  DeviceIo* io_ = nullptr;
  int fd_ = -1;
};

}  // namespace box
}  // namespace platform
