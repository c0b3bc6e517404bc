// openTsSource and the file source.
#include "platform/ts_source.h"

#include "platform/file_source.h"
#include "tests/support/corpus.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace platform {
namespace {

using Status = ReadResult::Status;

std::vector<uint8_t> readAll(TsSource* source, size_t chunk) {
  std::vector<uint8_t> bytes;
  std::vector<uint8_t> buffer(chunk);
  for (;;) {
    const ReadResult result = source->read(buffer.data(), buffer.size());
    if (result.status != Status::kData) {
      EXPECT_EQ(result.status, Status::kEnd) << result.error;
      break;
    }
    bytes.insert(bytes.end(), buffer.begin(),
                 buffer.begin() + static_cast<ptrdiff_t>(result.bytes));
  }
  return bytes;
}

TEST(FileSourceTest, ReadsACorpusFileLikeIfstream) {
  const std::string path = testing_support::corpusPath("test-108.ts");
  std::string error;
  std::unique_ptr<TsSource> source = openTsSource(path, &error);
  ASSERT_NE(source, nullptr) << error;
  EXPECT_GE(source->fd(), 0);
  EXPECT_EQ(source->describe(), "file " + path);
  const std::vector<uint8_t> expected = testing_support::readFile(path);
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(readAll(source.get(), 65536), expected);
}

TEST(FileSourceTest, OddReadSizesGiveTheSameBytes) {
  const std::string path = testing_support::corpusPath("test-142.ts");
  std::string error;
  std::unique_ptr<FileSource> source = FileSource::open(path, &error);
  ASSERT_NE(source, nullptr) << error;
  EXPECT_EQ(readAll(source.get(), 1000), testing_support::readFile(path));
}

TEST(FileSourceTest, KeepsReportingEnd) {
  std::string error;
  std::unique_ptr<TsSource> source =
      openTsSource(testing_support::corpusPath("test-120.ts"), &error);
  ASSERT_NE(source, nullptr) << error;
  readAll(source.get(), 1 << 20);
  uint8_t byte;
  EXPECT_EQ(source->read(&byte, 1).status, Status::kEnd);
  EXPECT_EQ(source->read(&byte, 1).status, Status::kEnd);
}

TEST(FileSourceTest, MissingFileNamesThePathAndTheReason) {
  const std::string path = "/nonexistent/dir/capture.ts";
  std::string error;
  EXPECT_EQ(openTsSource(path, &error), nullptr);
  EXPECT_NE(error.find(path), std::string::npos) << error;
  EXPECT_NE(error.find("No such file or directory"), std::string::npos) << error;
}

TEST(FileSourceTest, DirectoryIsAnError) {
  std::string error;
  EXPECT_EQ(openTsSource("/tmp", &error), nullptr);
  EXPECT_NE(error.find("/tmp"), std::string::npos) << error;
  EXPECT_NE(error.find("Is a directory"), std::string::npos) << error;
}

TEST(OpenTsSourceTest, RejectsOtherSchemes) {
  std::string error;
  EXPECT_EQ(openTsSource("rtp://239.1.1.1:1234", &error), nullptr);
  EXPECT_NE(error.find("rtp://239.1.1.1:1234"), std::string::npos) << error;
}

TEST(OpenTsSourceTest, BadUdpSpecIsAnError) {
  std::string error;
  EXPECT_EQ(openTsSource("udp://239.1.1.1:70000", &error), nullptr);
  EXPECT_NE(error.find("port '70000'"), std::string::npos) << error;
}

TEST(OpenTsSourceTest, OpensUdp) {
  std::string error;
  std::unique_ptr<TsSource> source = openTsSource("udp://127.0.0.1:0", &error);
  ASSERT_NE(source, nullptr) << error;
  EXPECT_EQ(source->describe().rfind("udp://127.0.0.1:", 0), 0u) << source->describe();
}

}  // namespace
}  // namespace platform
