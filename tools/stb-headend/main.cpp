// stb-headend: the notice carousel's playout service (tools/stb-headend/cli.h).
#include "tools/stb-headend/cli.h"

int main(int argc, char** argv) {
  return tools::headend::headendMain(std::vector<std::string>(argv + 1, argv + argc));
}
