#include "tests/support/files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace testing_support {

ScratchDir::ScratchDir(const std::string& name) {
  static int made = 0;
  path_ = testing::TempDir() + "stb-" + name + "-" + std::to_string(getpid()) + "-" +
          std::to_string(++made);
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
  std::filesystem::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  if (testing::Test::HasFailure()) {
    std::fprintf(stderr, "kept %s for a look\n", path_.c_str());
    return;
  }
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string readTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void writeTextFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  EXPECT_TRUE(out.good()) << "could not write " << path;
}

}  // namespace testing_support
