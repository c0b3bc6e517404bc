#include "tests/support/corpus.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

namespace testing_support {

std::string corpusPath(const std::string& name) {
  std::string path = std::string(STB_CORPUS_DIR) + "/" + name;
  std::ifstream probe(path, std::ios::binary);
  if (!probe)
    ADD_FAILURE() << "corpus file not found: " << path
                  << " (tests need ../shared/corpus beside the project)";
  return path;
}

std::vector<uint8_t> readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return {};
  }
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string binPath(const std::string& name) {
  return std::string(STB_BIN_DIR) + "/" + name;
}

}  // namespace testing_support
