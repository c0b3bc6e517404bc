#include "tools/stb-central/incident_notice.h"

namespace tools::central {
namespace {

OutageFacts factsOf(const Incident& i, const OutageNoticeSettings& settings, UtcSeconds start,
                    UtcSeconds expected_restore) {
  OutageFacts f;
  f.incident_id = i.id;
  f.area_code = i.area_code;
  f.start = start;
  f.expected_restore = expected_restore;
  f.utc_offset_minutes = settings.utc_offset_minutes;
  f.contact = settings.contact;
  return f;
}

// *out the incident when it is open; else the outcome says why not.
bool openIncident(TicketStore& store, int64_t id, std::optional<Incident>* out, IncidentMove* move,
                  std::string* error) {
  if (!store.findIncident(id, out, error)) return false;
  if (!*out)
    move->outcome = IncidentOutcome::kNotFound;
  else if (!incidentIsOpen((*out)->status))
    move->outcome = IncidentOutcome::kWrongStatus;
  else
    move->outcome = IncidentOutcome::kDone;
  return true;
}

}  // namespace

bool confirmWithNotice(TicketStore& store, const OutageNoticeSettings& settings, int64_t id,
                       const std::string& actor, UtcSeconds expected_restore, UtcSeconds now,
                       IncidentMove* move, std::string* error) {
  *move = IncidentMove{};
  std::optional<Incident> found;
  if (!openIncident(store, id, &found, move, error)) return false;
  if (move->outcome != IncidentOutcome::kDone) return true;
  OutageFacts facts =
      factsOf(*found, settings, found->confirmed_at.value_or(now), expected_restore);
  if (settings.publisher) {
    const uint32_t revision = found->notice_object_id ? found->notice_revision + 1 : 1;
    auto spooled = settings.publisher->publish(facts, revision, now, error);
    if (!spooled) return false;  // the incident stays as it was
    move->notice_written = true;
    move->spooled = std::move(*spooled);
  }
  if (!store.confirmIncident(id, actor, expected_restore, now, &move->outcome, error)) {
    if (move->notice_written)
      *error = "the outage notice is in the spool (" + move->spooled.path + ", revision " +
               std::to_string(move->spooled.revision) +
               ") but the incident was not confirmed: " + *error;
    return false;
  }
  if (!move->notice_written) return true;
  SpooledNotice on_air = move->spooled;
  if (move->outcome != IncidentOutcome::kDone && on_air.revision == 1) {
    // Resolved or dismissed by someone else since it was read: no outage
    // notice for it. The cancellation is recorded so that a later revision
    // stays above it.
    auto withdrawn = settings.publisher->withdraw(facts, on_air.revision, now, error);
    if (!withdrawn) return false;
    on_air = *withdrawn;
  }
  return store.recordIncidentNotice(id, on_air.object_id, on_air.revision, on_air.sha256, error);
}

bool resolveWithNotice(TicketStore& store, const OutageNoticeSettings& settings, int64_t id,
                       const std::string& actor, UtcSeconds now, IncidentMove* move,
                       std::string* error) {
  *move = IncidentMove{};
  std::optional<Incident> found;
  if (!openIncident(store, id, &found, move, error)) return false;
  if (move->outcome != IncidentOutcome::kDone) return true;
  if (settings.publisher && found->notice_object_id && found->confirmed_at &&
      found->expected_restore) {
    const OutageFacts facts =
        factsOf(*found, settings, *found->confirmed_at, *found->expected_restore);
    auto withdrawn = settings.publisher->withdraw(facts, found->notice_revision, now, error);
    if (!withdrawn) return false;  // still open, its notice still on air
    move->notice_written = true;
    move->spooled = std::move(*withdrawn);
  }
  if (!store.resolveIncident(id, actor, now, &move->outcome, error)) return false;
  if (!move->notice_written) return true;
  return store.recordIncidentNotice(id, move->spooled.object_id, move->spooled.revision,
                                    move->spooled.sha256, error);
}

}  // namespace tools::central
