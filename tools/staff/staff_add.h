#pragma once
// What `stb-central staff-add` and `stb-headend staff-add` share once each
// has read its options: the checks, the password from stdin (its first
// line, at least 8 bytes, so that it shows neither in the process list nor
// in the shell's history), the hash, the new row.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tools/staff/staff_store.h"

namespace tools::staff {

struct NewStaff {
  std::string login, name, role;
};

// Opens (creating when new) the program's staff database; nullptr and *error.
using StaffOpener = std::function<std::unique_ptr<StaffStore>(std::string* error)>;

// Checks WHO against ROLES, reads the password from IN, opens the store and
// adds the member created NOW. Messages start with PROGRAM. The exit status:
// 0 added, 1 failure (it exists, a bad password, the store), 2 usage.
int addStaff(const NewStaff& who, const std::vector<std::string>& roles, const StaffOpener& open,
             int64_t now, const char* program, std::FILE* in, std::FILE* out, std::FILE* err);

}  // namespace tools::staff
