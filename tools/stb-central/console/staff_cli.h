#pragma once
// `stb-central staff-add --db FILE --login L --role R --name N`: adds a
// member of staff; the password is the first line of IN (at least 8 bytes),
// so that it shows neither in the process list nor in the shell's history.
#include <cstdio>
#include <string>
#include <vector>

namespace tools::central {

int runStaffAddCli(const std::vector<std::string>& args, std::FILE* in, std::FILE* out,
                   std::FILE* err);

}  // namespace tools::central
