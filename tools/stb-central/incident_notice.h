#pragma once
// An incident's moves that put its outage notice on air or take it off
// (the console's and the CLI's confirm and resolve): the notice goes to the
// spool first and the store records the move after, so that a refused
// notice (key, spool, check) leaves the incident as it was and says why.
#include <cstdint>
#include <string>

#include "tools/stb-central/incident.h"
#include "tools/stb-central/outage_notice.h"
#include "tools/stb-central/ticket_store.h"

namespace tools::central {

// Where and how the outage notice is published; publisher null: it is not
// (the incident moves in the store alone).
struct OutageNoticeSettings {
  const OutagePublisher* publisher = nullptr;
  int utc_offset_minutes = 0;  // the area's local time in the texts
  std::string contact;         // the hotline; empty: none
};

// What happened, for the page or the command's output.
struct IncidentMove {
  IncidentOutcome outcome = IncidentOutcome::kNotFound;
  bool notice_written = false;  // SPOOLED is the notice or cancellation written
  SpooledNotice spooled;
};

// Suspected -> confirmed (or a confirmed one's new restore time): the
// notice (revision 1, or the next) into the spool, then the store. False
// and *error when the notice is refused or the store fails; a notice that
// went out for a move the store then refused (another instance moved the
// incident meanwhile) is withdrawn at once.
bool confirmWithNotice(TicketStore& store, const OutageNoticeSettings& settings, int64_t id,
                       const std::string& actor, UtcSeconds expected_restore, UtcSeconds now,
                       IncidentMove* move, std::string* error);

// Suspected or confirmed -> resolved: the cancellation of its notice (when
// one was published) into the spool, then the store, then the
// cancellation's revision recorded.
bool resolveWithNotice(TicketStore& store, const OutageNoticeSettings& settings, int64_t id,
                       const std::string& actor, UtcSeconds now, IncidentMove* move,
                       std::string* error);

}  // namespace tools::central
