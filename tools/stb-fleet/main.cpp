// stb-fleet: simulated boxes against the real central system (cli.h).
#include "tools/stb-fleet/cli.h"

int main(int argc, char** argv) {
  return tools::fleet::runCli(std::vector<std::string>(argv + 1, argv + argc));
}
