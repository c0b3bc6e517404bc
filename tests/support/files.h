#pragma once
// Files for tests: a scratch directory per test, and whole files read and
// written in one call.
#include <string>

namespace testing_support {

// A fresh directory under testing::TempDir() for one test, removed with
// everything in it afterwards (kept when the test failed, to look at).
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string operator/(const std::string& name) const { return path_ + "/" + name; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The whole file, "" when it cannot be read.
std::string readTextFile(const std::string& path);

// Writes TEXT as the whole file PATH; a write that fails fails the test.
void writeTextFile(const std::string& path, const std::string& text);

}  // namespace testing_support
