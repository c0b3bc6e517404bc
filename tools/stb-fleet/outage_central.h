#pragma once
// The desk's side of the outage as the scenario drives it: stb-central's own
// admin commands on the fleet's database (docs/central-api.md, "Incidents"),
// run as the supervisor would run them.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tools::fleet {

struct IncidentRow {
  int64_t id = 0;
  std::string area_code, status;
  size_t reports = 0;
};

// `stb-central ARGS...`: its standard output in *OUT; false and *error (with
// its output) when it exits non-zero.
bool runCentral(const std::string& binary, const std::vector<std::string>& args, std::string* out,
                std::string* error);

// `incidents --db DB [--open] --json`.
bool listIncidents(const std::string& binary, const std::string& db, bool open_only,
                   std::vector<IncidentRow>* out, std::string* error);

// Every ticket's incident (by report id; nullopt: not attached), from
// `tickets --db DB --json`.
bool ticketIncidents(const std::string& binary, const std::string& db,
                     std::map<std::string, std::optional<int64_t>>* out, std::string* error);

}  // namespace tools::fleet
