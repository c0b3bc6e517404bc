#include "tools/stb-central/console/staff_cli.h"

#include "tools/staff/staff_add.h"
#include "tools/stb-central/cli.h"
#include "tools/stb-central/console/permissions.h"
#include "tools/stb-central/ticket_store.h"

namespace tools::central {

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
  // The tickets' database, created when new (staff can be added before serve first runs).
  const staff::StaffOpener open = [&db](std::string* error) -> std::unique_ptr<StaffStore> {
    TicketStore::OpenOptions options;
    options.busy_timeout_ms = 30'000;
    if (!TicketStore::open(*db, options, error)) return nullptr;
    return openDeskStaff(*db, error);
  };
  return staff::addStaff({*login, *name, *role_name}, deskRoles(), open, systemNow(), "stb-central",
                         in, out, err);
}

}  // namespace tools::central
