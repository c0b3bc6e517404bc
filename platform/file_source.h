#pragma once
// A transport stream read from a file (or a FIFO or character device).
#include "platform/ts_source.h"
#include "platform/unique_fd.h"

#include <memory>
#include <string>
#include <utility>

namespace platform {

class FileSource : public TsSource {
 public:
  // Opens PATH read-only and non-blocking. Returns nullptr and sets *error
  // (naming the path and the reason) when it is missing, unreadable or a
  // directory.
  static std::unique_ptr<FileSource> open(const std::string& path, std::string* error);

  int fd() const override { return fd_.get(); }
  // kData until the end of the file, then kEnd on every call. A regular file
  // is always readable; a FIFO without data gives kWouldBlock.
  ReadResult read(uint8_t* buf, size_t capacity) override;
  std::string describe() const override { return "file " + path_; }

 private:
  FileSource(UniqueFd fd, std::string path) : fd_(std::move(fd)), path_(std::move(path)) {}

  UniqueFd fd_;
  std::string path_;
};

}  // namespace platform
