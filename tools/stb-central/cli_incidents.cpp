// stb-central's incident commands (cli.h): the listing, and the
// supervisor's moves from the command line, each written with --actor.
#include <cstdint>
#include <nlohmann/json.hpp>

#include "platform/arg_values.h"
#include "tools/stb-central/cli.h"
#include "tools/stb-central/ticket_store.h"

namespace tools::central {
namespace {

using nlohmann::json;

json timeOrNull(const std::optional<UtcSeconds>& t) {
  return t ? json(dvb::formatIso8601(*t)) : json(nullptr);
}

json textOrNull(const std::optional<std::string>& s) {
  return s ? json(*s) : json(nullptr);
}

json incidentJson(const Incident& i) {
  return json{{"id", i.id},
              {"area_code", i.area_code},
              {"status", incidentStatusName(i.status)},
              {"opened", dvb::formatIso8601(i.opened)},
              {"last_report", dvb::formatIso8601(i.last_report)},
              {"reports", i.reports},
              {"confirmed_at", timeOrNull(i.confirmed_at)},
              {"confirmed_by", textOrNull(i.confirmed_by)},
              {"expected_restore", timeOrNull(i.expected_restore)},
              {"resolved_at", timeOrNull(i.resolved_at)},
              {"resolved_by", textOrNull(i.resolved_by)},
              {"notice_object_id", i.notice_object_id ? json(*i.notice_object_id) : json(nullptr)},
              {"notice_revision", i.notice_revision},
              {"notice_sha256", i.notice_sha256}};
}

// One line: id, area, status, reports, times, and who acted.
std::string incidentLine(const Incident& i) {
  char head[160];
  std::snprintf(head, sizeof head, "#%-5lld  area %-8s  %-9s  %5zu report(s)  opened %s",
                static_cast<long long>(i.id), i.area_code.c_str(), incidentStatusName(i.status),
                i.reports, dvb::formatIso8601(i.opened).c_str());
  std::string line = head;
  line += "  last " + dvb::formatIso8601(i.last_report);
  if (i.expected_restore) line += "  restore " + dvb::formatIso8601(*i.expected_restore);
  if (i.confirmed_by) line += "  confirmed by " + *i.confirmed_by;
  if (i.resolved_by)
    line += std::string(i.status == IncidentStatus::kDismissed ? "  dismissed" : "  resolved") +
            " by " + *i.resolved_by;
  return line;
}

int failed(std::FILE* err, const std::string& error) {
  std::fprintf(err, "stb-central: %s\n", error.c_str());
  return kExitFailure;
}

}  // namespace

int runIncidents(const std::vector<std::string>& args, std::FILE* out, std::FILE* err) {
  std::optional<std::string> db;
  bool open_only = false, as_json = false;
  std::vector<std::string> positional;
  std::string error;
  const CommandOptions takes{{{"--db", &db}}, {{"--open", &open_only}, {"--json", &as_json}}};
  if (!readCommand(args, takes, &positional, &error)) return usageError(err, error);
  if (!positional.empty()) return usageError(err, "unexpected argument " + positional[0]);
  if (!db) return usageError(err, "--db FILE is required");
  auto store = openAdminStore(db, TicketStore::Access::kReadOnly, err);
  if (!store) return kExitFailure;
  std::vector<Incident> incidents;
  if (!store->listIncidents(open_only, &incidents, &error)) return failed(err, error);
  if (as_json) {
    json list = json::array();
    for (const Incident& i : incidents) list.push_back(incidentJson(i));
    std::fprintf(out, "%s\n", list.dump(2).c_str());
    return kExitOk;
  }
  for (const Incident& i : incidents) std::fprintf(out, "%s\n", incidentLine(i).c_str());
  std::fprintf(out, "%zu incident(s)\n", incidents.size());
  return kExitOk;
}

int runIncidentMove(const std::string& command, const std::vector<std::string>& args,
                    std::FILE* out, std::FILE* err) {
  const bool confirming = command == "incident-confirm";
  std::optional<std::string> db, id_text, restore_text, actor;
  CommandOptions takes{{{"--db", &db}, {"--id", &id_text}, {"--actor", &actor}}, {}};
  if (confirming) takes.options.emplace_back("--restore", &restore_text);
  std::vector<std::string> positional;
  std::string error;
  if (!readCommand(args, takes, &positional, &error)) return usageError(err, error);
  if (!positional.empty()) return usageError(err, "unexpected argument " + positional[0]);
  if (!db) return usageError(err, "--db FILE is required");
  if (!id_text) return usageError(err, command + " needs --id N");
  const auto id = platform::parseUnsigned(*id_text, 1, INT64_MAX);
  if (!id) return usageError(err, "--id must be an incident number");
  if (!actor || actor->empty()) return usageError(err, command + " needs --actor LOGIN");
  std::optional<UtcSeconds> restore;
  if (confirming) {
    if (!restore_text) return usageError(err, "incident-confirm needs --restore TIME (UTC)");
    restore = dvb::parseIso8601(*restore_text);
    if (!restore) return usageError(err, "--restore must be a UTC time, e.g. 2026-12-05T14:00:00Z");
  }
  auto store = openAdminStore(db, TicketStore::Access::kReadWrite, err);
  if (!store) return kExitFailure;
  const auto number = static_cast<int64_t>(*id);
  const UtcSeconds now = systemNow();
  IncidentOutcome outcome = IncidentOutcome::kNotFound;
  bool ok = false;
  const char* done = "";
  if (confirming) {
    ok = store->confirmIncident(number, *actor, *restore, now, &outcome, &error);
    done = "confirmed";
  } else if (command == "incident-resolve") {
    ok = store->resolveIncident(number, *actor, now, &outcome, &error);
    done = "resolved";
  } else {
    ok = store->dismissIncident(number, *actor, now, &outcome, &error);
    done = "dismissed";
  }
  if (!ok) return failed(err, error);
  if (outcome == IncidentOutcome::kNotFound)
    return failed(err, "no incident " + std::to_string(number));
  std::optional<Incident> incident;
  if (!store->findIncident(number, &incident, &error) || !incident) return failed(err, error);
  if (outcome == IncidentOutcome::kWrongStatus)
    return failed(
        err, "incident " + std::to_string(number) + " is " + incidentStatusName(incident->status) +
                 "; " +
                 (command == "incident-dismiss"
                      ? "only a suspected incident is dismissed"
                      : "only a suspected or confirmed incident is " + std::string(done)));
  std::fprintf(out, "incident %lld %s: %s\n", static_cast<long long>(number), done,
               incidentLine(*incident).c_str());
  return kExitOk;
}

}  // namespace tools::central
