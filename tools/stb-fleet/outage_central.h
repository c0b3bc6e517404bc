#pragma once
// The desk's side of the outage as the scenario drives it: stb-central's own
// admin commands on the fleet's database (docs/central-api.md, "Incidents"),
// and the supervisor's confirm and resolve through the same code the desk
// console runs for them (tools/stb-central/incident_notice.h), which signs
// the outage notice and writes it (then its cancellation) into the
// headend's spool before the store records the move.
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

// What the supervisor publishes with: the spool and the operator's key.
struct NoticePublishing {
  std::string spool_dir, key_path;
  int utc_offset_minutes = 480;
  std::string contact = "96123";
};
struct PublishedNotice {
  uint32_t object_id = 0, revision = 0;
  std::string sha256;
};

// Incident ID confirmed by ACTOR with EXPECTED_RESTORE, its notice spooled.
// False and *error (the store's, the key's, the spool's, or "not found" /
// "wrong status").
bool confirmIncident(const std::string& db, const NoticePublishing& publishing, int64_t id,
                     const std::string& actor, int64_t expected_restore, PublishedNotice* notice,
                     std::string* error);
// Incident ID resolved by ACTOR, the cancellation spooled.
bool resolveIncident(const std::string& db, const NoticePublishing& publishing, int64_t id,
                     const std::string& actor, PublishedNotice* notice, std::string* error);

}  // namespace tools::fleet
