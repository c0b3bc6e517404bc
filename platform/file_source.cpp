#include "platform/file_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>

namespace platform {

std::unique_ptr<FileSource> FileSource::open(const std::string& path, std::string* error) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (!fd.valid()) {
    *error = "cannot open " + path + ": " + std::strerror(errno);
    return nullptr;
  }
  struct stat info;
  if (::fstat(fd.get(), &info) != 0) {
    *error = "cannot stat " + path + ": " + std::strerror(errno);
    return nullptr;
  }
  // open() succeeds on a directory; read() would only fail later with EISDIR.
  if (S_ISDIR(info.st_mode)) {
    *error = "cannot read " + path + ": " + std::strerror(EISDIR);
    return nullptr;
  }
  return std::unique_ptr<FileSource>(new FileSource(std::move(fd), path));
}

ReadResult FileSource::read(uint8_t* buf, size_t capacity) {
  ReadResult result;
  if (capacity == 0) {
    result.status = ReadResult::Status::kData;
    return result;
  }
  ssize_t n;
  do {
    n = ::read(fd_.get(), buf, capacity);
  } while (n < 0 && errno == EINTR);
  if (n > 0) {
    result.status = ReadResult::Status::kData;
    result.bytes = static_cast<size_t>(n);
  } else if (n == 0) {
    result.status = ReadResult::Status::kEnd;
  } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
    result.status = ReadResult::Status::kWouldBlock;
  } else {
    result.status = ReadResult::Status::kError;
    result.error = "cannot read " + path_ + ": " + std::strerror(errno);
  }
  return result;
}

}  // namespace platform
