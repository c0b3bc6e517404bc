#pragma once
// DeviceIo carried out by the real system calls.
#include "platform/box/device_io.h"

namespace platform {
namespace box {

class SystemDeviceIo : public DeviceIo {
 public:
  IoResult open(const std::string& path, int flags) override;
  IoResult connectUnix(const std::string& path) override;
  void close(int fd) override;
  IoResult ioctl(int fd, unsigned long request, void* arg) override;
  IoResult ioctlValue(int fd, unsigned long request, unsigned long value) override;
  IoResult read(int fd, void* buf, size_t capacity) override;
};

// One process-wide instance (it holds no state).
DeviceIo& systemDeviceIo();

}  // namespace box
}  // namespace platform
