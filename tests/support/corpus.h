#pragma once
// Where tests find the shared broadcast captures and the built tools.
// A missing file is a test failure, never a skip.
#include <cstdint>
#include <string>
#include <vector>

namespace testing_support {

// Absolute path of ../shared/corpus/ts/NAME. Fails the current test (ADD_FAILURE)
// when the file is missing, and returns the path anyway so the caller fails too.
std::string corpusPath(const std::string& name);

// Whole file contents; fails the current test when it cannot be read.
std::vector<uint8_t> readFile(const std::string& path);

// Path of an executable built into build/bin.
std::string binPath(const std::string& name);

}  // namespace testing_support
