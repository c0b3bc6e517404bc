// The C++ side of schema_test.sh: stb-notice accepts every file the schema
// accepts (schema_cases/valid) and refuses every file it refuses
// (schema_cases/invalid), so docs/notice.schema.json and the tool agree.
#include <gtest/gtest.h>

#include <filesystem>

#include "tools/stb-notice/input.h"

namespace tools::notice {
namespace {

std::vector<std::string> casesIn(const char* kind) {
  std::vector<std::string> files;
  for (const auto& e :
       std::filesystem::directory_iterator(std::string(STB_NOTICE_CASES) + "/" + kind))
    if (e.path().extension() == ".json") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  EXPECT_GE(files.size(), 7u) << "schema cases missing in " << STB_NOTICE_CASES;
  return files;
}

TEST(SchemaCases, ValidFilesBuild) {
  for (const std::string& file : casesIn("valid")) {
    std::vector<std::string> problems;
    EXPECT_TRUE(readInputs({file}, &problems)) << testing::PrintToString(problems);
  }
}

TEST(SchemaCases, InvalidFilesAreRefusedWithTheirPath) {
  for (const std::string& file : casesIn("invalid")) {
    std::vector<std::string> problems;
    EXPECT_FALSE(readInputs({file}, &problems)) << file;
    ASSERT_FALSE(problems.empty()) << file;
    EXPECT_EQ(problems[0].rfind(file + ": $", 0), 0u) << problems[0];
  }
}

}  // namespace
}  // namespace tools::notice
