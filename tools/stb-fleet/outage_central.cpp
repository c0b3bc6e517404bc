#include "tools/stb-fleet/outage_central.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "tools/stb-central/incident_notice.h"
#include "tools/stb-central/outage_notice.h"
#include "tools/stb-central/ticket_store.h"
#include "tools/stb-central/time_util.h"
#include "tools/stb-fleet/central_process.h"

namespace tools::fleet {
namespace {

// The store and the publisher as the console holds them; the move's outcome
// as an error when it was not done.
template <typename Move>
bool moveIncident(const std::string& db, const NoticePublishing& publishing,
                  PublishedNotice* notice, std::string* error, Move&& move) {
  auto store = central::TicketStore::open(db, error);
  if (!store) return false;
  auto publisher = central::OutagePublisher::open(publishing.spool_dir, publishing.key_path, error);
  if (!publisher) return false;
  central::OutageNoticeSettings settings;
  settings.publisher = &*publisher;
  settings.utc_offset_minutes = publishing.utc_offset_minutes;
  settings.contact = publishing.contact;
  central::IncidentMove done;
  if (!move(*store, settings, &done)) return false;
  if (done.outcome != central::IncidentOutcome::kDone) {
    if (error)
      *error = done.outcome == central::IncidentOutcome::kNotFound ? "incident not found"
                                                                   : "incident in the wrong status";
    return false;
  }
  if (!done.notice_written) {
    if (error) *error = "the incident moved but no outage notice was written";
    return false;
  }
  notice->object_id = done.spooled.object_id;
  notice->revision = done.spooled.revision;
  notice->sha256 = done.spooled.sha256;
  return true;
}

}  // namespace

bool confirmIncident(const std::string& db, const NoticePublishing& publishing, int64_t id,
                     const std::string& actor, int64_t expected_restore, PublishedNotice* notice,
                     std::string* error) {
  return moveIncident(db, publishing, notice, error,
                      [&](central::TicketStore& store, const central::OutageNoticeSettings& s,
                          central::IncidentMove* move) {
                        return central::confirmWithNotice(store, s, id, actor, expected_restore,
                                                          central::systemNow(), move, error);
                      });
}

bool resolveIncident(const std::string& db, const NoticePublishing& publishing, int64_t id,
                     const std::string& actor, PublishedNotice* notice, std::string* error) {
  return moveIncident(db, publishing, notice, error,
                      [&](central::TicketStore& store, const central::OutageNoticeSettings& s,
                          central::IncidentMove* move) {
                        return central::resolveWithNotice(store, s, id, actor, central::systemNow(),
                                                          move, error);
                      });
}

bool runCentral(const std::string& binary, const std::vector<std::string>& args, std::string* out,
                std::string* error) {
  std::string line = shellQuote(binary);
  for (const std::string& a : args) line += " " + shellQuote(a);
  FILE* p = ::popen(line.c_str(), "r");
  if (!p) {
    if (error) *error = "cannot run " + line;
    return false;
  }
  out->clear();
  char buf[65536];
  size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out->append(buf, n);
  if (::pclose(p) != 0) {
    if (error)
      *error = "stb-central " + (args.empty() ? "" : args[0]) +
               " failed (its messages are above): " + out->substr(0, 200);
    return false;
  }
  return true;
}

bool listIncidents(const std::string& binary, const std::string& db, bool open_only,
                   std::vector<IncidentRow>* out, std::string* error) {
  std::vector<std::string> args = {"incidents", "--db", db, "--json"};
  if (open_only) args.push_back("--open");
  std::string text;
  if (!runCentral(binary, args, &text, error)) return false;
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_array()) {
    if (error) *error = "stb-central incidents: not a JSON list: " + text.substr(0, 200);
    return false;
  }
  out->clear();
  for (const auto& i : json) {
    IncidentRow row;
    row.id = i.value("id", int64_t{0});
    row.area_code = i.value("area_code", std::string());
    row.status = i.value("status", std::string());
    row.reports = i.value("reports", size_t{0});
    out->push_back(row);
  }
  return true;
}

bool ticketIncidents(const std::string& binary, const std::string& db,
                     std::map<std::string, std::optional<int64_t>>* out, std::string* error) {
  std::string text;
  if (!runCentral(binary, {"tickets", "--db", db, "--json"}, &text, error)) return false;
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_array()) {
    if (error) *error = "stb-central tickets: not a JSON list: " + text.substr(0, 200);
    return false;
  }
  out->clear();
  for (const auto& t : json) {
    std::optional<int64_t> incident;
    const auto it = t.find("incident");
    if (it != t.end() && it->is_number_integer()) incident = it->get<int64_t>();
    (*out)[t.value("report_id", std::string())] = incident;
  }
  return true;
}

}  // namespace tools::fleet
