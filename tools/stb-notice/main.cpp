// stb-notice: the operator's headend tool for signed notices (keygen, build,
// verify). Usage: docs/operator-guide.md; the work is in the library.
#include <cstdio>
#include <string>
#include <vector>

#include "tools/stb-notice/cli.h"

int main(int argc, char** argv) {
  return tools::notice::runCli(std::vector<std::string>(argv + 1, argv + argc), stdout, stderr);
}
