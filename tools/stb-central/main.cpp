// stb-central: the reference central system boxes post fault reports to
// (docs/central-api.md). The work is in stb_central_lib.
#include <cstdio>
#include <string>
#include <vector>

#include "tools/stb-central/cli.h"

int main(int argc, char** argv) {
  return tools::central::runCli(std::vector<std::string>(argv + 1, argv + argc), stdout, stderr);
}
