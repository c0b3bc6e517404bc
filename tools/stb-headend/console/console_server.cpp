#include "tools/stb-headend/console/console_server.h"

#include <sqlite3.h>

#include <ctime>
#include <mutex>

#include "tools/https/http_server.h"
#include "tools/https/web_bridge.h"
#include "tools/staff/staff_add.h"
#include "tools/stb-central/service_areas.h"
#include "tools/stb-headend/console/headend_console.h"

namespace tools::headend::console {
namespace {

int64_t systemNow() {
  return static_cast<int64_t>(std::time(nullptr));
}

class Running : public RunningConsole {
 public:
  uint16_t port() const override { return server->port(); }

  std::unique_ptr<staff::StaffStore> staff;
  std::unique_ptr<AuditLog> audit;
  std::optional<dvb::notice::PrivateKey> key;
  std::unique_ptr<HeadendConsole> console;
  std::unique_ptr<https::HttpServer> server;  // last: stops before the rest goes
};

// The staff database, created when new (staff are added before the first start).
std::unique_ptr<staff::StaffStore> openStaff(const std::string& path, std::string* error) {
  sqlite3* db = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  sqlite3_close(db);
  if (rc != SQLITE_OK) {
    *error = path + ": cannot open or create";
    return nullptr;
  }
  return staff::StaffStore::open(path, headendRoles(), error);
}

}  // namespace

std::unique_ptr<RunningConsole> startConsole(const ConsoleSettings& s, const std::string& state_dir,
                                             const std::string& spool_dir, SpoolWriter write,
                                             std::FILE* log, std::string* error) {
  auto r = std::make_unique<Running>();
  r->key = loadSigningKey(s.signing_key, error);
  if (!r->key) return nullptr;
  r->staff = openStaff(s.staff_db, error);
  if (!r->staff) return nullptr;
  r->audit = AuditLog::open(state_dir + "/console.db", error);
  if (!r->audit) return nullptr;
  HeadendConsoleOptions options;
  if (!s.areas.empty()) {
    auto areas = central::ServiceAreas::load(s.areas, error);
    if (!areas) return nullptr;
    for (const central::ServiceArea& a : areas->areas()) options.areas.emplace_back(a.code, a.name);
  }
  options.state_dir = state_dir;
  options.spool_dir = spool_dir;
  options.write_spool = std::move(write);
  options.preview_program = s.preview_program;
  r->console = std::make_unique<HeadendConsole>(*r->staff, *r->audit, *r->key, options, systemNow);
  https::HttpServerConfig config;
  config.name = "console";
  if (!https::parseListenAddress(s.listen, &config.host, &config.port)) {
    *error = "console.listen must be IPV4:PORT, not " + s.listen;
    return nullptr;
  }
  config.cert_file = s.cert;
  config.key_file = s.key;
  config.max_per_peer = 64;
  HeadendConsole* console = r->console.get();
  r->server = https::HttpServer::start(
      config,
      [console](const https::HttpRequest& request, const https::ClientInfo&) {
        return https::toHttpResponse(console->handle(https::toWebRequest(request)));
      },
      log, error);
  if (!r->server) return nullptr;
  return r;
}

int runStaffAddCli(const std::vector<std::string>& args, std::FILE* in, std::FILE* out,
                   std::FILE* err) {
  std::optional<std::string> db, login, role, name;
  const std::pair<const char*, std::optional<std::string>*> takes[] = {
      {"--db", &db}, {"--login", &login}, {"--role", &role}, {"--name", &name}};
  for (size_t i = 0; i < args.size(); i += 2) {
    std::optional<std::string>* slot = nullptr;
    for (const auto& [option, value] : takes)
      if (args[i] == option) slot = value;
    if (!slot || *slot || i + 1 >= args.size()) {
      std::fprintf(err, "stb-headend: staff-add: unexpected or incomplete %s\n", args[i].c_str());
      return 2;
    }
    *slot = args[i + 1];
  }
  for (const auto& [option, value] : takes)
    if (!*value) {
      std::fprintf(err, "stb-headend: staff-add: %s is required\n", option);
      return 2;
    }
  const std::string path = *db;
  return staff::addStaff(
      {*login, *name, *role}, headendRoles(),
      [&path](std::string* error) { return openStaff(path, error); }, systemNow(), "stb-headend",
      in, out, err);
}

}  // namespace tools::headend::console
