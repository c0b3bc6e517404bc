#pragma once
// The command line of stb-notice: subcommand dispatch, option parsing and
// usage. Exit status: 0 success, 1 failure (invalid input, rejected objects,
// I/O), 2 usage error.
#include <cstdio>
#include <string>
#include <vector>

namespace tools::notice {

int runCli(const std::vector<std::string>& args, std::FILE* out, std::FILE* err);

// One subcommand each (args after the subcommand's name).
int runKeygenCli(const std::vector<std::string>& args, std::FILE* out, std::FILE* err);
int runBuildCli(const std::vector<std::string>& args, std::FILE* out, std::FILE* err);
int runVerifyCli(const std::vector<std::string>& args, std::FILE* out, std::FILE* err);

constexpr int kExitOk = 0, kExitFailure = 1, kExitUsage = 2;

// Prints "stb-notice: WHY" and the usage text to err; returns kExitUsage.
int usageError(std::FILE* err, const std::string& why, const char* usage);

}  // namespace tools::notice
