#pragma once
// The command line of stb-central: `serve` (the HTTPS API) and the admin
// commands that work on the database directly (tickets, report, resolve,
// set-status, return-visits). Exit status: 0 success, 1 failure, 2 usage.
#include <cstdio>
#include <string>
#include <vector>

namespace tools::central {

constexpr int kExitOk = 0, kExitFailure = 1, kExitUsage = 2;

int runCli(const std::vector<std::string>& args, std::FILE* out, std::FILE* err);
int runServeCli(const std::vector<std::string>& args, std::FILE* out, std::FILE* err);

// Options of the form --name VALUE (or a flag) and positional arguments.
struct ParsedArgs {
  std::vector<std::pair<std::string, std::string>> options;
  std::vector<std::string> flags;
  std::vector<std::string> positional;
  const std::string* option(const std::string& name) const;
  bool flag(const std::string& name) const;
};
// `value_options` take a value, `flag_options` do not; anything else starting
// with "--" is an error (*error says which).
bool parseArgs(const std::vector<std::string>& args, const std::vector<std::string>& value_options,
               const std::vector<std::string>& flag_options, ParsedArgs* out, std::string* error);

int usageError(std::FILE* err, const std::string& why);

}  // namespace tools::central
