#include "tools/stb-central/cli.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "platform/arg_cursor.h"
#include "tools/db/db_connection.h"
#include "tools/stb-central/console/staff_cli.h"
#include "tools/stb-central/desk_csv.h"
#include "tools/stb-central/ticket_store.h"

namespace tools::central {
namespace {

using nlohmann::json;

const char kUsage[] =
    "usage: stb-central serve --db FILE --cert server.pem --key server.key --ca ca.pem\n"
    "                         [--listen 127.0.0.1:8443] [--policy policy.json] [--hotline 96123]\n"
    "                         [--refuse-with-retry-after SECONDS] [--console-listen HOST:PORT]\n"
    "                         [--calendar work-calendar.json] [--areas areas.json]\n"
    "                         [--incident-window 900] [--incident-min-reports 3]\n"
    "                         [--outage-spool DIR --outage-signing-key KEY.pem]\n"
    "       stb-central tickets --db FILE [--json]\n"
    "       stb-central report --db FILE TICKET\n"
    "       stb-central resolve --db FILE TICKET\n"
    "       stb-central events --db FILE TICKET [--json]\n"
    "       stb-central assign --db FILE TICKET WORKER\n"
    "       stb-central dashboard --db FILE --from TIME --to TIME   (UTC, [from, to), as CSV)\n"
    "       stb-central set-status --db FILE TICKET STATUS\n"
    "       stb-central return-visits --db FILE [--json]\n"
    "       stb-central staff-add --db FILE --login LOGIN --role ROLE --name NAME < password\n"
    "       stb-central incidents --db FILE [--open] [--json]\n"
    "       stb-central incident-confirm --db FILE --id N --restore TIME --actor LOGIN\n"
    "       stb-central incident-resolve --db FILE --id N --actor LOGIN\n"
    "       stb-central incident-dismiss --db FILE --id N --actor LOGIN\n"
    "FILE: an SQLite file, or a PostgreSQL database (postgresql://... or\n"
    "      \"postgresql:host=... dbname=...\").\n"
    "STATUS: accepted, technician_assigned, resolved, closed (statuses only move forward).\n"
    "ROLE: worker, desk_agent, supervisor; the password is the first line of stdin.\n"
    "docs/central-api.md describes the API and the database.\n";

// An admin command's arguments: --db FILE, --json for the listings, and
// the positional arguments (TICKET, STATUS).
struct AdminArgs {
  std::optional<std::string> db;
  bool json = false;
  std::vector<std::string> positional;
};

// What the admin commands write in the audit trail as the actor.
constexpr char kCliActor[] = "cli";

// How long an admin command's write waits for serve's: serve commits one
// short transaction a request, and a person can wait longer than a box.
constexpr int kAdminBusyTimeoutMs = 30'000;

std::unique_ptr<TicketStore> openExisting(const AdminArgs& a, TicketStore::Access access,
                                          std::FILE* err) {
  return openAdminStore(a.db, access, err);
}

// An admin command's arguments: --db, --json when TAKES_JSON, and exactly
// POSITIONAL others; WANT words the usage error for a wrong count ("" means
// none are taken). False after the usage error, with *CODE set.
bool parseAdmin(const std::vector<std::string>& args, bool takes_json, size_t positional,
                const std::string& want, AdminArgs* a, std::FILE* err, int* code) {
  CommandOptions takes{{{"--db", &a->db}}, {}};
  if (takes_json) takes.flags.emplace_back("--json", &a->json);
  std::string error;
  if (!readCommand(args, takes, &a->positional, &error)) {
    *code = usageError(err, error);
    return false;
  }
  if (a->positional.size() != positional) {
    *code = usageError(err, want.empty() ? "unexpected argument " + a->positional[0] : want);
    return false;
  }
  return true;
}

int failed(std::FILE* err, const std::string& error) {
  std::fprintf(err, "stb-central: %s\n", error.c_str());
  return kExitFailure;
}

json ticketJson(const Ticket& t) {
  return json{{"ticket", t.ticket},
              {"report_id", t.report_id},
              {"box_id", t.box_id},
              {"area_code", t.area_code},
              {"category", t.category},
              {"charter_category", t.charter_category},
              {"severity", severityName(t.severity)},
              {"status", statusName(t.status)},
              {"assignee", t.assignee ? json(*t.assignee) : json(nullptr)},
              {"created", dvb::formatIso8601(t.created)},
              {"received", dvb::formatIso8601(t.received)},
              {"deadline", dvb::formatIso8601(t.deadline)},
              {"updated", dvb::formatIso8601(t.updated)},
              {"return_visit_due",
               t.return_visit_due ? json(dvb::formatIso8601(*t.return_visit_due)) : json(nullptr)},
              {"flags", t.flags},
              {"incident", t.incident ? json(*t.incident) : json(nullptr)}};
}

int runTickets(const std::vector<std::string>& args, std::FILE* out, std::FILE* err) {
  AdminArgs a;
  int code = 0;
  if (!parseAdmin(args, true, 0, "", &a, err, &code)) return code;
  auto store = openExisting(a, TicketStore::Access::kReadOnly, err);
  if (!store) return kExitFailure;
  std::vector<Ticket> tickets;
  std::string error;
  if (!store->listTickets(&tickets, &error)) return failed(err, error);
  if (a.json) {
    json list = json::array();
    for (const Ticket& t : tickets) list.push_back(ticketJson(t));
    std::fprintf(out, "%s\n", list.dump(2).c_str());
    return kExitOk;
  }
  for (const Ticket& t : tickets)
    std::fprintf(out, "%s  %-19s  %-7s  %-17s  %-16s  area %-8s  deadline %s%s%s%s\n",
                 t.ticket.c_str(), statusName(t.status), severityName(t.severity),
                 t.category.c_str(), t.box_id.c_str(), t.area_code.c_str(),
                 dvb::formatIso8601(t.deadline).c_str(), t.assignee ? "  assignee " : "",
                 t.assignee ? t.assignee->c_str() : "",
                 t.incident ? ("  incident " + std::to_string(*t.incident)).c_str() : "");
  std::fprintf(out, "%zu ticket(s)\n", tickets.size());
  return kExitOk;
}

int runReport(const std::vector<std::string>& args, std::FILE* out, std::FILE* err) {
  AdminArgs a;
  int code = 0;
  if (!parseAdmin(args, false, 1, "report needs one TICKET", &a, err, &code)) return code;
  auto store = openExisting(a, TicketStore::Access::kReadOnly, err);
  if (!store) return kExitFailure;
  std::optional<std::string> body;
  std::string error;
  if (!store->reportBody(a.positional[0], &body, &error)) return failed(err, error);
  if (!body) return failed(err, "no ticket " + a.positional[0]);
  std::fprintf(out, "%s\n", body->c_str());
  return kExitOk;
}

int changeStatus(const AdminArgs& a, const std::string& ticket, const std::string& status_name,
                 std::FILE* out, std::FILE* err) {
  const auto status = parseStatus(status_name);
  if (!status) return usageError(err, "unknown status " + status_name);
  auto store = openExisting(a, TicketStore::Access::kReadWrite, err);
  if (!store) return kExitFailure;
  ChangeOutcome outcome;
  std::string error;
  if (!store->setStatus(ticket, *status, "cli", systemNow(), &outcome, &error))
    return failed(err, error);
  if (outcome == ChangeOutcome::kNotFound) return failed(err, "no ticket " + ticket);
  if (outcome != ChangeOutcome::kDone) {
    std::optional<Ticket> t;
    store->findTicket(ticket, &t, &error);
    std::fprintf(err, "stb-central: %s is %s; statuses only move forward\n", ticket.c_str(),
                 t ? statusName(t->status) : "?");
    return kExitFailure;
  }
  std::fprintf(out, "%s %s\n", ticket.c_str(), statusName(*status));
  return kExitOk;
}

int runResolve(const std::vector<std::string>& args, std::FILE* out, std::FILE* err) {
  AdminArgs a;
  int code = 0;
  if (!parseAdmin(args, false, 1, "resolve needs one TICKET", &a, err, &code)) return code;
  return changeStatus(a, a.positional[0], "resolved", out, err);
}

int runSetStatus(const std::vector<std::string>& args, std::FILE* out, std::FILE* err) {
  AdminArgs a;
  int code = 0;
  if (!parseAdmin(args, false, 2, "set-status needs TICKET STATUS", &a, err, &code)) return code;
  return changeStatus(a, a.positional[0], a.positional[1], out, err);
}

int runReturnVisits(const std::vector<std::string>& args, std::FILE* out, std::FILE* err) {
  AdminArgs a;
  int code = 0;
  if (!parseAdmin(args, true, 0, "", &a, err, &code)) return code;
  auto store = openExisting(a, TicketStore::Access::kReadOnly, err);
  if (!store) return kExitFailure;
  std::vector<ReturnVisit> visits;
  std::string error;
  if (!store->listReturnVisits(&visits, &error)) return failed(err, error);
  if (a.json) {
    json list = json::array();
    for (const ReturnVisit& v : visits)
      list.push_back(json{{"ticket", v.ticket},
                          {"box_id", v.box_id},
                          {"fixed", v.fixed},
                          {"score", v.score},
                          {"answered", dvb::formatIso8601(v.answered)},
                          {"via", v.via},
                          {"actor", v.actor},
                          {"note", v.note}});
    std::fprintf(out, "%s\n", list.dump(2).c_str());
    return kExitOk;
  }
  for (const ReturnVisit& v : visits)
    std::fprintf(out, "%s  %-16s  fixed %-3s  score %d  answered %s%s\n", v.ticket.c_str(),
                 v.box_id.c_str(), v.fixed ? "yes" : "no", v.score,
                 dvb::formatIso8601(v.answered).c_str(),
                 v.via == "callback" ? ("  call-back by " + v.actor).c_str() : "");
  std::fprintf(out, "%zu return visit(s)\n", visits.size());
  return kExitOk;
}

int runEvents(const std::vector<std::string>& args, std::FILE* out, std::FILE* err) {
  AdminArgs a;
  int code = 0;
  if (!parseAdmin(args, true, 1, "events needs one TICKET", &a, err, &code)) return code;
  auto store = openExisting(a, TicketStore::Access::kReadOnly, err);
  if (!store) return kExitFailure;
  std::vector<TicketEvent> events;
  std::string error;
  if (!store->timeline(a.positional[0], &events, &error)) return failed(err, error);
  if (events.empty()) return failed(err, "no ticket " + a.positional[0]);
  if (a.json) {
    json list = json::array();
    for (const TicketEvent& e : events)
      list.push_back(json{{"at", dvb::formatIso8601(e.at)},
                          {"actor", e.actor},
                          {"kind", e.kind},
                          {"detail", json::parse(e.detail, nullptr, false)}});
    std::fprintf(out, "%s\n", list.dump(2).c_str());
    return kExitOk;
  }
  for (const TicketEvent& e : events)
    std::fprintf(out, "%s  %-15s  %-20s  %s\n", dvb::formatIso8601(e.at).c_str(), e.kind.c_str(),
                 e.actor.c_str(), e.detail.c_str());
  return kExitOk;
}

int runAssign(const std::vector<std::string>& args, std::FILE* out, std::FILE* err) {
  AdminArgs a;
  int code = 0;
  if (!parseAdmin(args, false, 2, "assign needs TICKET WORKER", &a, err, &code)) return code;
  const std::string& ticket = a.positional[0];
  const std::string& worker = a.positional[1];
  if (worker.empty()) return usageError(err, "assign needs a WORKER login");
  auto store = openExisting(a, TicketStore::Access::kReadWrite, err);
  if (!store) return kExitFailure;
  ChangeResult result;
  std::string error;
  if (!store->assign(ticket, worker, kCliActor, systemNow(), &result, &error))
    return failed(err, error);
  if (result.outcome == ChangeOutcome::kNotFound) return failed(err, "no ticket " + ticket);
  if (result.outcome != ChangeOutcome::kDone)
    return failed(err, ticket + " is " + statusName(result.ticket.status) +
                           "; only an open ticket is assigned");
  std::fprintf(out, "%s %s\n", ticket.c_str(), worker.c_str());
  return kExitOk;
}

int runDashboard(const std::vector<std::string>& args, std::FILE* out, std::FILE* err) {
  AdminArgs a;
  std::optional<std::string> from_text, to_text;
  CommandOptions takes{{{"--db", &a.db}, {"--from", &from_text}, {"--to", &to_text}}, {}};
  std::string error;
  if (!readCommand(args, takes, &a.positional, &error)) return usageError(err, error);
  if (!a.positional.empty()) return usageError(err, "unexpected argument " + a.positional[0]);
  if (!from_text || !to_text) return usageError(err, "dashboard needs --from TIME and --to TIME");
  const auto from = dvb::parseIso8601(*from_text);
  const auto to = dvb::parseIso8601(*to_text);
  if (!from || !to || *from >= *to)
    return usageError(err, "--from and --to must be UTC times, from before to");
  auto store = openExisting(a, TicketStore::Access::kReadOnly, err);
  if (!store) return kExitFailure;
  std::vector<TicketHistory> histories;
  if (!store->histories(*to, &histories, &error)) return failed(err, error);
  std::fputs(dashboardCsv(computeDashboard(histories, *from, *to)).c_str(), out);
  return kExitOk;
}

}  // namespace

bool readCommand(const std::vector<std::string>& args, const CommandOptions& takes,
                 std::vector<std::string>* positional, std::string* error) {
  platform::ArgCursor a(args);
  while (!a.done()) {
    std::string v;
    const auto option = std::find_if(takes.options.begin(), takes.options.end(),
                                     [&](const auto& o) { return a.option(o.first, &v); });
    if (option != takes.options.end()) {
      if (*option->second) {
        *error = std::string(option->first) + " given twice";
        return false;
      }
      *option->second = v;
      continue;
    }
    const auto flag = std::find_if(takes.flags.begin(), takes.flags.end(),
                                   [&](const auto& f) { return a.flag(f.first); });
    if (flag != takes.flags.end()) {
      *flag->second = true;
    } else if (a.positional(&v)) {
      positional->push_back(v);
    } else {
      *error = a.unknownOption();
      return false;
    }
  }
  return true;
}

// Read-only for the listings, so that they never wait for serve (WAL
// readers do not block).
std::unique_ptr<TicketStore> openAdminStore(const std::optional<std::string>& db,
                                            TicketStore::Access access, std::FILE* err) {
  if (!db) {
    usageError(err, "--db FILE is required");
    return nullptr;
  }
  std::error_code ec;
  if (!db::isPostgres(*db) && !std::filesystem::is_regular_file(*db, ec)) {
    std::fprintf(err, "stb-central: %s: no such database\n", db->c_str());
    return nullptr;
  }
  std::string error;
  TicketStore::OpenOptions options;
  options.access = access;
  options.busy_timeout_ms = kAdminBusyTimeoutMs;
  auto store = TicketStore::open(*db, options, &error);
  if (!store) std::fprintf(err, "stb-central: %s\n", error.c_str());
  return store;
}

int usageError(std::FILE* err, const std::string& why) {
  std::fprintf(err, "stb-central: %s\n%s", why.c_str(), kUsage);
  return kExitUsage;
}

int runCli(const std::vector<std::string>& args, std::FILE* out, std::FILE* err) {
  if (args.empty()) return usageError(err, "no command");
  const std::string& command = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (command == "--help" || command == "help") {
    std::fputs(kUsage, out);
    return kExitOk;
  }
  if (command == "serve") return runServeCli(rest, out, err);
  if (command == "tickets") return runTickets(rest, out, err);
  if (command == "report") return runReport(rest, out, err);
  if (command == "resolve") return runResolve(rest, out, err);
  if (command == "events") return runEvents(rest, out, err);
  if (command == "assign") return runAssign(rest, out, err);
  if (command == "dashboard") return runDashboard(rest, out, err);
  if (command == "set-status") return runSetStatus(rest, out, err);
  if (command == "return-visits") return runReturnVisits(rest, out, err);
  if (command == "staff-add") return runStaffAddCli(rest, stdin, out, err);
  if (command == "incidents") return runIncidents(rest, out, err);
  if (command == "incident-confirm" || command == "incident-resolve" ||
      command == "incident-dismiss")
    return runIncidentMove(command, rest, out, err);
  return usageError(err, "unknown command " + command);
}

}  // namespace tools::central
