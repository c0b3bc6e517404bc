#include "tools/stb-central/console/staff_cli.h"

#include "tools/stb-central/cli.h"
#include "tools/stb-central/console/staff_store.h"
#include "tools/stb-central/ticket_store.h"
#include "tools/web/form.h"
#include "tools/web/password.h"

namespace tools::central {
namespace {

constexpr size_t kMinPassword = 8, kMaxPassword = 1024;

// The first line of IN without its line end; false when there is none or
// it is longer than kMaxPassword.
bool readPasswordLine(std::FILE* in, std::string* password) {
  password->clear();
  for (int c; (c = std::fgetc(in)) != EOF && c != '\n';) {
    if (password->size() >= kMaxPassword) return false;
    *password += static_cast<char>(c);
  }
  if (!password->empty() && password->back() == '\r') password->pop_back();
  return true;
}

}  // namespace

int runStaffAddCli(const std::vector<std::string>& args, std::FILE* in, std::FILE* out,
                   std::FILE* err) {
  std::optional<std::string> db, login, role_name, name;
  const CommandOptions takes{
      {{"--db", &db}, {"--login", &login}, {"--role", &role_name}, {"--name", &name}}, {}};
  std::vector<std::string> positional;
  std::string why;
  if (!readCommand(args, takes, &positional, &why)) return usageError(err, why);
  if (!positional.empty()) return usageError(err, "unexpected argument " + positional[0]);
  for (const auto& [option, value] : takes.options)
    if (!*value) return usageError(err, std::string(option) + " is required");
  const auto role = parseRole(*role_name);
  if (!role) return usageError(err, "--role must be worker, desk_agent or supervisor");
  if (std::string bad = checkLogin(*login); !bad.empty()) return usageError(err, "--login: " + bad);
  if (std::string bad = checkName(*name); !bad.empty()) return usageError(err, "--name: " + bad);
  std::string password;
  if (!readPasswordLine(in, &password) || password.size() < kMinPassword ||
      !web::isCleanUtf8(password)) {
    std::fprintf(err,
                 "stb-central: the password (the first line of stdin) must be %zu to %zu "
                 "bytes of text\n",
                 kMinPassword, kMaxPassword);
    return kExitFailure;
  }
  // The tickets' database, created when new (staff can be added before serve first runs).
  TicketStore::OpenOptions options;
  options.busy_timeout_ms = 30'000;
  std::string error;
  auto tickets = TicketStore::open(*db, options, &error);
  if (!tickets) {
    std::fprintf(err, "stb-central: %s\n", error.c_str());
    return kExitFailure;
  }
  auto staff = StaffStore::open(*db, &error);
  if (!staff) {
    std::fprintf(err, "stb-central: %s\n", error.c_str());
    return kExitFailure;
  }
  StaffMember m;
  m.login = *login;
  m.name = *name;
  m.role = *role;
  m.created = systemNow();
  const auto hash = web::hashPassword(password);
  if (!hash) {
    std::fprintf(err, "stb-central: cannot hash the password (OpenSSL)\n");
    return kExitFailure;
  }
  m.password_hash = *hash;
  StaffStore::AddOutcome outcome;
  if (!staff->add(m, &outcome, &error)) {
    std::fprintf(err, "stb-central: %s\n", error.c_str());
    return kExitFailure;
  }
  if (outcome == StaffStore::AddOutcome::kExists) {
    std::fprintf(err, "stb-central: %s already exists\n", m.login.c_str());
    return kExitFailure;
  }
  std::fprintf(out, "added %s (%s)\n", m.login.c_str(), roleName(m.role));
  return kExitOk;
}

}  // namespace tools::central
