#pragma once
// stb-headend's command line:
//   stb-headend --config FILE [--until UTC]
// --until stops the stream when its simulated clock reaches UTC (tests,
// demos). Exit 0 after SIGTERM/SIGINT or --until, 1 when the stream cannot
// start or the output fails, 2 on a bad command line or configuration.
#include <string>
#include <vector>

namespace tools::headend {

int headendMain(const std::vector<std::string>& args);

}  // namespace tools::headend
