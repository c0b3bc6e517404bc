#pragma once
// A scripted DeviceIo for tests: opens hand out fds from 100 up (or a
// scripted errno), ioctls are recorded with a copy of their argument and
// answered by an optional handler, reads return queued chunks or errnos.
// With setPollable(true), opens hand out real fds (eventfds) that poll(2)
// reports readable exactly while reads are queued, so an EventLoop can
// watch them.
#include <sys/ioctl.h>

#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "platform/box/device_io.h"

namespace platform {
namespace box {

class FakeDeviceIo : public DeviceIo {
 public:
  struct Ioctl {
    int fd;
    unsigned long request;
    bool by_value;
    unsigned long value;       // by_value
    std::vector<uint8_t> arg;  // a copy of _IOC_SIZE(request) bytes at the pointer
  };
  struct Read {
    std::vector<uint8_t> bytes;
    int err = 0;
  };
  using IoctlHandler = std::function<IoResult(int fd, unsigned long request, void* arg)>;

  IoResult open(const std::string& path, int flags) override;
  IoResult connectUnix(const std::string& path) override { return open(path, 0); }
  void close(int fd) override;
  IoResult ioctl(int fd, unsigned long request, void* arg) override;
  IoResult ioctlValue(int fd, unsigned long request, unsigned long value) override;
  IoResult read(int fd, void* buf, size_t capacity) override;

  ~FakeDeviceIo() override;

  // Script.
  void setPollable(bool pollable) { pollable_ = pollable; }
  void failOpen(const std::string& path, int err) { open_errors_[path] = err; }
  void allowOpen(const std::string& path) { open_errors_.erase(path); }
  void failIoctl(unsigned long request, int err) { ioctl_errors_[request] = err; }
  void onIoctl(IoctlHandler handler) { handler_ = std::move(handler); }
  void queueRead(int fd, std::vector<uint8_t> bytes) { queue(fd, {std::move(bytes), 0}, false); }
  void queueReadError(int fd, int err) { queue(fd, {{}, err}, false); }
  // Files: open(PATH) then reads give TEXT, then 0 (end of file).
  void addFile(const std::string& path, const std::string& text) { files_[path] = text; }

  // Record.
  const std::vector<Ioctl>& ioctls() const { return ioctls_; }
  std::vector<Ioctl> ioctlsFor(unsigned long request) const;
  const std::vector<std::string>& opened() const { return opened_paths_; }
  // The fd the last successful open of PATH gave (-1: none).
  int lastFd(const std::string& path) const {
    auto it = last_fd_.find(path);
    return it == last_fd_.end() ? -1 : it->second;
  }
  const std::set<int>& openFds() const { return open_fds_; }
  const std::vector<int>& closedFds() const { return closed_fds_; }
  void clearRecords() {
    ioctls_.clear();
    opened_paths_.clear();
    closed_fds_.clear();
  }

 private:
  // Appends (or, FRONT, puts back) a read, and tells poll about it.
  void queue(int fd, Read read, bool front);
  void signal(int fd, bool add);

  bool pollable_ = false;
  std::set<int> real_fds_;  // eventfds handed out in pollable mode
  int next_fd_ = 100;
  std::map<std::string, int> open_errors_;
  std::map<unsigned long, int> ioctl_errors_;
  IoctlHandler handler_;
  std::map<int, std::deque<Read>> reads_;
  std::map<std::string, std::string> files_;
  std::vector<Ioctl> ioctls_;
  std::vector<std::string> opened_paths_;
  std::map<std::string, int> last_fd_;
  std::set<int> open_fds_;
  std::vector<int> closed_fds_;
};

// Bytes of a trivially copyable value, for queueRead.
template <typename T>
std::vector<uint8_t> bytesOf(const T& value) {
  std::vector<uint8_t> bytes(sizeof(T));
  std::memcpy(bytes.data(), &value, sizeof(T));
  return bytes;
}

}  // namespace box
}  // namespace platform
