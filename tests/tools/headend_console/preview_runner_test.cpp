// The preview subprocess: its images and crossings read from preview.json,
// its one-line reason on failure, and a kill when it takes too long.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "tools/stb-headend/console/preview_runner.h"

namespace tools::headend::console {
namespace {

namespace fs = std::filesystem;

class PreviewRunnerTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::TempDir() + "preview-runner-" + std::to_string(getpid());
    fs::remove_all(dir_);
    fs::create_directories(dir_ + "/out");
  }
  void TearDown() override { fs::remove_all(dir_); }
  // A stand-in for stb-preview: a script with BODY as its text.
  std::string program(const std::string& body) {
    std::string path = dir_ + "/fake-preview";
    std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
    ::chmod(path.c_str(), 0700);
    return path;
  }
  std::string dir_;
};

TEST_F(PreviewRunnerTest, ReadsWhatTheProgramWrote) {
  // $2 is the body, $4 the output directory (the contract's argument order).
  const std::string p = program(
      "test -s \"$2\" || exit 3\n"
      "printf 'png' > \"$4/zho-720x576-ahead.png\"\n"
      "printf '{\"images\":[{\"file\":\"zho-720x576-ahead.png\",\"language\":\"zho\","
      "\"width\":720,\"height\":576,\"state\":\"ahead\"},{\"file\":\"../evil.png\","
      "\"language\":\"zho\",\"width\":1,\"height\":1,\"state\":\"live\"}],"
      "\"crossings\":[{\"language\":\"zho\",\"width\":720,\"height\":576,\"seconds\":12.4}]}'"
      " > \"$4/preview.json\"");
  std::string error;
  const auto result = runPreview(p, {1, 2, 3}, dir_ + "/out", 5000, &error);
  ASSERT_TRUE(result) << error;
  ASSERT_EQ(result->images.size(), 1u);  // the path outside the directory is dropped
  EXPECT_EQ(result->images[0].file, "zho-720x576-ahead.png");
  EXPECT_EQ(result->images[0].state, "ahead");
  ASSERT_EQ(result->crossings.size(), 1u);
  EXPECT_DOUBLE_EQ(result->crossings[0].seconds, 12.4);
}

TEST_F(PreviewRunnerTest, FailureGivesTheProgramsReason) {
  std::string error;
  EXPECT_FALSE(
      runPreview(program("echo 'no text in spa' >&2; exit 1"), {1}, dir_ + "/out", 5000, &error));
  EXPECT_NE(error.find("no text in spa"), std::string::npos) << error;
  EXPECT_FALSE(runPreview(dir_ + "/missing", {1}, dir_ + "/out", 5000, &error));
}

TEST_F(PreviewRunnerTest, TooSlowIsKilled) {
  std::string error;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(runPreview(program("exec sleep 30"), {1}, dir_ + "/out", 300, &error));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_NE(error.find("no preview within 300 ms"), std::string::npos) << error;
}

}  // namespace
}  // namespace tools::headend::console
