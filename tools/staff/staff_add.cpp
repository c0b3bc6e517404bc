#include "tools/staff/staff_add.h"

#include <algorithm>

#include "tools/web/form.h"
#include "tools/web/password.h"

namespace tools::staff {
namespace {

constexpr size_t kMinPassword = 8, kMaxPassword = 1024;

// The first line of IN without its line end; false when it is longer than
// kMaxPassword.
bool readPasswordLine(std::FILE* in, std::string* password) {
  password->clear();
  for (int c; (c = std::fgetc(in)) != EOF && c != '\n';) {
    if (password->size() >= kMaxPassword) return false;
    *password += static_cast<char>(c);
  }
  if (!password->empty() && password->back() == '\r') password->pop_back();
  return true;
}

int fail(std::FILE* err, const char* program, const std::string& why, int code) {
  std::fprintf(err, "%s: %s\n", program, why.c_str());
  return code;
}

std::string roleList(const std::vector<std::string>& roles) {
  std::string list;
  for (size_t i = 0; i < roles.size(); ++i)
    list += (i == 0 ? "" : i + 1 == roles.size() ? " or " : ", ") + roles[i];
  return list;
}

}  // namespace

int addStaff(const NewStaff& who, const std::vector<std::string>& roles, const StaffOpener& open,
             int64_t now, const char* program, std::FILE* in, std::FILE* out, std::FILE* err) {
  if (std::find(roles.begin(), roles.end(), who.role) == roles.end())
    return fail(err, program, "--role must be " + roleList(roles), 2);
  if (std::string bad = checkLogin(who.login); !bad.empty())
    return fail(err, program, "--login: " + bad, 2);
  if (std::string bad = checkName(who.name); !bad.empty())
    return fail(err, program, "--name: " + bad, 2);
  std::string password;
  if (!readPasswordLine(in, &password) || password.size() < kMinPassword ||
      !web::isCleanUtf8(password))
    return fail(err, program,
                "the password (the first line of stdin) must be " + std::to_string(kMinPassword) +
                    " to " + std::to_string(kMaxPassword) + " bytes of text",
                1);
  std::string error;
  auto store = open(&error);
  if (!store) return fail(err, program, error, 1);
  StaffMember m;
  m.login = who.login;
  m.name = who.name;
  m.role = who.role;
  m.created = now;
  const auto hash = web::hashPassword(password);
  if (!hash) return fail(err, program, "cannot hash the password (OpenSSL)", 1);
  m.password_hash = *hash;
  StaffStore::AddOutcome outcome;
  if (!store->add(m, &outcome, &error)) return fail(err, program, error, 1);
  if (outcome == StaffStore::AddOutcome::kExists)
    return fail(err, program, m.login + " already exists", 1);
  std::fprintf(out, "added %s (%s)\n", m.login.c_str(), m.role.c_str());
  return 0;
}

}  // namespace tools::staff
