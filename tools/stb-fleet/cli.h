#pragma once
// stb-fleet's command line: parses, runs the scenario, prints its figures.
#include <string>
#include <vector>

namespace tools::fleet {

// Returns the exit status: 0 the scenario held (no report lost or doubled,
// no retry early), 1 it did not or could not run, 2 usage.
int runCli(const std::vector<std::string>& args);
// `stb-fleet outage ...` (outage_cli.cpp): the same contract.
int runOutageCli(const std::vector<std::string>& args);

}  // namespace tools::fleet
