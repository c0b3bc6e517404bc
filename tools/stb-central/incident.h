#pragma once
// Incidents: the outage reports of one area grouped into one unit of work
// for the desk (docs/central-api.md "Incidents"). The ticket store groups
// them as they are submitted (ticket_store.h, TicketStore::setIncidentRules)
// and the supervisor moves them: suspected -> confirmed -> resolved, or
// suspected -> dismissed (not an outage). At most one incident of an area is
// open (suspected or confirmed) at a time, also with several instances on
// one PostgreSQL database (a unique partial index).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tools/stb-central/time_util.h"

namespace tools::central {

enum class IncidentStatus { kSuspected, kConfirmed, kResolved, kDismissed };
const char* incidentStatusName(IncidentStatus s);
std::optional<IncidentStatus> parseIncidentStatus(const std::string& name);
inline bool incidentIsOpen(IncidentStatus s) {
  return s == IncidentStatus::kSuspected || s == IncidentStatus::kConfirmed;
}

// serve --incident-window S (default 900) --incident-min-reports N (default 3).
struct IncidentRules {
  UtcSeconds window = 900;  // reports of one area this close together group
  int min_reports = 3;      // an incident opens when this many open, unattached outage-type
                            // reports of one area arrived within `window`
  std::vector<std::string> categories = {"no_picture", "channels_missing"};  // outage-type
};

struct Incident {
  int64_t id = 0;  // also the outage notice's object id offset (outage_notice.h)
  std::string area_code;
  IncidentStatus status = IncidentStatus::kSuspected;
  UtcSeconds opened = 0, last_report = 0;
  size_t reports = 0;  // tickets attached (a dismissed incident keeps its count)
  std::optional<UtcSeconds> confirmed_at, expected_restore;
  // When and by whom it was resolved, or dismissed.
  std::optional<UtcSeconds> resolved_at;
  std::optional<std::string> confirmed_by, resolved_by;
  // The outage notice published for it (recordIncidentNotice).
  std::optional<uint32_t> notice_object_id;
  uint32_t notice_revision = 0;
  std::string notice_sha256;
};

enum class IncidentOutcome { kDone, kNotFound, kWrongStatus };

}  // namespace tools::central
