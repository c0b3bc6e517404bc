#include "tools/stb-central/cli.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "tools/stb-central/ticket_store.h"

namespace tools::central {
namespace {

using nlohmann::json;

const char kUsage[] =
    "usage: stb-central serve --db FILE --cert server.pem --key server.key --ca ca.pem\n"
    "                         [--listen 127.0.0.1:8443] [--policy policy.json] [--hotline 96123]\n"
    "                         [--refuse-with-retry-after SECONDS]\n"
    "       stb-central tickets --db FILE [--json]\n"
    "       stb-central report --db FILE TICKET\n"
    "       stb-central resolve --db FILE TICKET\n"
    "       stb-central set-status --db FILE TICKET STATUS\n"
    "       stb-central return-visits --db FILE [--json]\n"
    "STATUS: accepted, technician_assigned, resolved, closed (statuses only move forward).\n"
    "docs/central-api.md describes the API and the database.\n";

// Opens an existing database for an admin command.
std::unique_ptr<TicketStore> openExisting(const ParsedArgs& a, std::FILE* err) {
  const std::string* db = a.option("--db");
  if (!db) {
    usageError(err, "--db FILE is required");
    return nullptr;
  }
  std::error_code ec;
  if (!std::filesystem::is_regular_file(*db, ec)) {
    std::fprintf(err, "stb-central: %s: no such database\n", db->c_str());
    return nullptr;
  }
  std::string error;
  auto store = TicketStore::open(*db, &error);
  if (!store) std::fprintf(err, "stb-central: %s\n", error.c_str());
  return store;
}

json ticketJson(const Ticket& t) {
  return json{{"ticket", t.ticket},
              {"report_id", t.report_id},
              {"box_id", t.box_id},
              {"area_code", t.area_code},
              {"category", t.category},
              {"severity", severityName(t.severity)},
              {"status", statusName(t.status)},
              {"created", formatUtcTimestamp(t.created)},
              {"received", formatUtcTimestamp(t.received)},
              {"deadline", formatUtcTimestamp(t.deadline)},
              {"updated", formatUtcTimestamp(t.updated)}};
}

int runTickets(const std::vector<std::string>& args, std::FILE* out, std::FILE* err) {
  ParsedArgs a;
  std::string error;
  if (!parseArgs(args, {"--db"}, {"--json"}, &a, &error)) return usageError(err, error);
  if (!a.positional.empty()) return usageError(err, "unexpected argument " + a.positional[0]);
  auto store = openExisting(a, err);
  if (!store) return kExitFailure;
  std::vector<Ticket> tickets;
  if (!store->listTickets(&tickets, &error)) {
    std::fprintf(err, "stb-central: %s\n", error.c_str());
    return kExitFailure;
  }
  if (a.flag("--json")) {
    json list = json::array();
    for (const Ticket& t : tickets) list.push_back(ticketJson(t));
    std::fprintf(out, "%s\n", list.dump(2).c_str());
    return kExitOk;
  }
  for (const Ticket& t : tickets)
    std::fprintf(out, "%s  %-19s  %-7s  %-17s  %-16s  area %-8s  deadline %s\n", t.ticket.c_str(),
                 statusName(t.status), severityName(t.severity), t.category.c_str(),
                 t.box_id.c_str(), t.area_code.c_str(), formatUtcTimestamp(t.deadline).c_str());
  std::fprintf(out, "%zu ticket(s)\n", tickets.size());
  return kExitOk;
}

int runReport(const std::vector<std::string>& args, std::FILE* out, std::FILE* err) {
  ParsedArgs a;
  std::string error;
  if (!parseArgs(args, {"--db"}, {}, &a, &error)) return usageError(err, error);
  if (a.positional.size() != 1) return usageError(err, "report needs one TICKET");
  auto store = openExisting(a, err);
  if (!store) return kExitFailure;
  std::optional<std::string> body;
  if (!store->reportBody(a.positional[0], &body, &error)) {
    std::fprintf(err, "stb-central: %s\n", error.c_str());
    return kExitFailure;
  }
  if (!body) {
    std::fprintf(err, "stb-central: no ticket %s\n", a.positional[0].c_str());
    return kExitFailure;
  }
  std::fprintf(out, "%s\n", body->c_str());
  return kExitOk;
}

int changeStatus(const ParsedArgs& a, const std::string& ticket, const std::string& status_name,
                 std::FILE* out, std::FILE* err) {
  const auto status = parseStatus(status_name);
  if (!status) return usageError(err, "unknown status " + status_name);
  auto store = openExisting(a, err);
  if (!store) return kExitFailure;
  ChangeOutcome outcome;
  std::string error;
  if (!store->setStatus(ticket, *status, systemNow(), &outcome, &error)) {
    std::fprintf(err, "stb-central: %s\n", error.c_str());
    return kExitFailure;
  }
  if (outcome == ChangeOutcome::kNotFound) {
    std::fprintf(err, "stb-central: no ticket %s\n", ticket.c_str());
    return kExitFailure;
  }
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
  ParsedArgs a;
  std::string error;
  if (!parseArgs(args, {"--db"}, {}, &a, &error)) return usageError(err, error);
  if (a.positional.size() != 1) return usageError(err, "resolve needs one TICKET");
  return changeStatus(a, a.positional[0], "resolved", out, err);
}

int runSetStatus(const std::vector<std::string>& args, std::FILE* out, std::FILE* err) {
  ParsedArgs a;
  std::string error;
  if (!parseArgs(args, {"--db"}, {}, &a, &error)) return usageError(err, error);
  if (a.positional.size() != 2) return usageError(err, "set-status needs TICKET STATUS");
  return changeStatus(a, a.positional[0], a.positional[1], out, err);
}

int runReturnVisits(const std::vector<std::string>& args, std::FILE* out, std::FILE* err) {
  ParsedArgs a;
  std::string error;
  if (!parseArgs(args, {"--db"}, {"--json"}, &a, &error)) return usageError(err, error);
  if (!a.positional.empty()) return usageError(err, "unexpected argument " + a.positional[0]);
  auto store = openExisting(a, err);
  if (!store) return kExitFailure;
  std::vector<ReturnVisit> visits;
  if (!store->listReturnVisits(&visits, &error)) {
    std::fprintf(err, "stb-central: %s\n", error.c_str());
    return kExitFailure;
  }
  if (a.flag("--json")) {
    json list = json::array();
    for (const ReturnVisit& v : visits)
      list.push_back(json{{"ticket", v.ticket},
                          {"box_id", v.box_id},
                          {"fixed", v.fixed},
                          {"score", v.score},
                          {"answered", formatUtcTimestamp(v.answered)}});
    std::fprintf(out, "%s\n", list.dump(2).c_str());
    return kExitOk;
  }
  for (const ReturnVisit& v : visits)
    std::fprintf(out, "%s  %-16s  fixed %-3s  score %d  answered %s\n", v.ticket.c_str(),
                 v.box_id.c_str(), v.fixed ? "yes" : "no", v.score,
                 formatUtcTimestamp(v.answered).c_str());
  std::fprintf(out, "%zu return visit(s)\n", visits.size());
  return kExitOk;
}

}  // namespace

const std::string* ParsedArgs::option(const std::string& name) const {
  for (const auto& [n, v] : options)
    if (n == name) return &v;
  return nullptr;
}

bool ParsedArgs::flag(const std::string& name) const {
  return std::find(flags.begin(), flags.end(), name) != flags.end();
}

bool parseArgs(const std::vector<std::string>& args, const std::vector<std::string>& value_options,
               const std::vector<std::string>& flag_options, ParsedArgs* out, std::string* error) {
  const auto has = [](const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  };
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.size() < 2 || a.compare(0, 2, "--") != 0) {
      out->positional.push_back(a);
    } else if (has(value_options, a)) {
      if (i + 1 == args.size()) {
        *error = a + " needs a value";
        return false;
      }
      if (out->option(a)) {
        *error = a + " given twice";
        return false;
      }
      out->options.emplace_back(a, args[++i]);
    } else if (has(flag_options, a)) {
      out->flags.push_back(a);
    } else {
      *error = "unknown option " + a;
      return false;
    }
  }
  return true;
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
  if (command == "set-status") return runSetStatus(rest, out, err);
  if (command == "return-visits") return runReturnVisits(rest, out, err);
  return usageError(err, "unknown command " + command);
}

}  // namespace tools::central
