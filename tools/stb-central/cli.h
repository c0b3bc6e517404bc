#pragma once
// The command line of stb-central: `serve` (the HTTPS API) and the admin
// commands that work on the database directly (tickets, report, resolve,
// set-status, return-visits, events, assign, dashboard, and the incident
// commands); those that change a ticket write "cli" as the actor of its
// events (the incident commands: their --actor). Exit status: 0 success,
// 1 failure, 2 usage.
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tools/stb-central/ticket_store.h"

namespace tools::central {

constexpr int kExitOk = 0, kExitFailure = 1, kExitUsage = 2;

int runCli(const std::vector<std::string>& args, std::FILE* out, std::FILE* err);
int runServeCli(const std::vector<std::string>& args, std::FILE* out, std::FILE* err);

// What a command takes besides positional arguments: options `--name VALUE`,
// each at most once, and flags; the values land where these point.
struct CommandOptions {
  std::vector<std::pair<const char*, std::optional<std::string>*>> options;
  std::vector<std::pair<const char*, bool*>> flags;
};
// Reads ARGS (with platform::ArgCursor) into TAKES and *positional, in any
// order. False with *error on an unknown option, a missing value or an
// option given twice.
bool readCommand(const std::vector<std::string>& args, const CommandOptions& takes,
                 std::vector<std::string>* positional, std::string* error);

int usageError(std::FILE* err, const std::string& why);

// The database an admin command names (--db), which must exist; nullptr
// after saying why on ERR (a usage error when DB is unset).
std::unique_ptr<TicketStore> openAdminStore(const std::optional<std::string>& db,
                                            TicketStore::Access access, std::FILE* err);

// cli_incidents.cpp: `incidents` and incident-confirm/-resolve/-dismiss.
int runIncidents(const std::vector<std::string>& args, std::FILE* out, std::FILE* err);
int runIncidentMove(const std::string& command, const std::vector<std::string>& args,
                    std::FILE* out, std::FILE* err);

}  // namespace tools::central
