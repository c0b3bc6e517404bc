#pragma once
// The console inside stb-headend: its settings (the config's `console`
// block), everything it needs opened and checked at start (the staff
// accounts, the audit log, the signing key, the areas), and the HTTPS
// listener serving it. Also `stb-headend staff-add`.
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tools/stb-headend/console/publisher.h"

namespace tools::headend::console {

// The config's "console" block (docs/operator-guide.md).
struct ConsoleSettings {
  std::string listen = "127.0.0.1:8443";
  std::string cert, key;    // the listener's certificate chain and its private key (PEM)
  std::string staff_db;     // the staff accounts (SQLite; `stb-headend staff-add` makes it)
  std::string signing_key;  // the operator's notice signing key: mode 600 or stricter
  std::optional<std::string> root_key;  // unused by notices; kept for the config's shape
  std::string areas;  // the operator's areas file (stb-central's --areas); "" none
  std::string preview_program = "stb-preview";
};

class RunningConsole {
 public:
  virtual ~RunningConsole() = default;
  virtual uint16_t port() const = 0;
};

// Opens everything and starts serving: nullptr and *error (the key open to
// others, a file missing, the port taken...). STATE_DIR holds console.db
// and the preview scratch; published notices go to SPOOL_DIR through WRITE.
std::unique_ptr<RunningConsole> startConsole(const ConsoleSettings& settings,
                                             const std::string& state_dir,
                                             const std::string& spool_dir, SpoolWriter write,
                                             std::FILE* log, std::string* error);

// `stb-headend staff-add --db FILE --login L --role editor|supervisor --name N`
// (the password: the first line of stdin). 0, 1 failure, 2 usage.
int runStaffAddCli(const std::vector<std::string>& args, std::FILE* in, std::FILE* out,
                   std::FILE* err);

}  // namespace tools::headend::console
