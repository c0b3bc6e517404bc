// stb-central serve: options, then the HTTPS listeners: the box API around
// CentralService, and (--console-listen) the staff console.
#include <mutex>

#include "platform/arg_values.h"
#include "tools/stb-central/charter_terms.h"
#include "tools/stb-central/cli.h"
#include "tools/stb-central/console/console_http.h"
#include "tools/stb-central/http.h"
#include "tools/stb-central/router.h"

namespace tools::central {

namespace {

// serve's options, as given.
struct ServeArgs {
  std::optional<std::string> db, cert, key, ca, listen, policy, hotline, refuse, console_listen,
      calendar, areas, incident_window, incident_min_reports;
  std::optional<std::string> outage_spool, outage_key;  // the outage notice (incident_notice.h)
};

// Reads ARGS into *s: "" or the usage error.
std::string readServe(const std::vector<std::string>& args, ServeArgs* s) {
  const CommandOptions takes{{{"--db", &s->db},
                              {"--cert", &s->cert},
                              {"--key", &s->key},
                              {"--ca", &s->ca},
                              {"--listen", &s->listen},
                              {"--policy", &s->policy},
                              {"--hotline", &s->hotline},
                              {"--refuse-with-retry-after", &s->refuse},
                              {"--console-listen", &s->console_listen},
                              {"--calendar", &s->calendar},
                              {"--areas", &s->areas},
                              {"--incident-window", &s->incident_window},
                              {"--incident-min-reports", &s->incident_min_reports},
                              {"--outage-spool", &s->outage_spool},
                              {"--outage-signing-key", &s->outage_key}},
                             {}};
  std::vector<std::string> positional;
  std::string why;
  if (!readCommand(args, takes, &positional, &why)) return why;
  if (!positional.empty()) return "unexpected argument " + positional[0];
  if (s->outage_spool.has_value() != s->outage_key.has_value())
    return "--outage-spool and --outage-signing-key go together";
  for (size_t i = 0; i < 4; ++i)  // --db, --cert, --key, --ca
    if (!*takes.options[i].second) return std::string(takes.options[i].first) + " is required";
  return "";
}

// The server's and the service's settings from S: "" or the usage error.
std::string configure(const ServeArgs& s, HttpServerConfig* config, HttpServerConfig* console,
                      ServiceOptions* options) {
  config->cert_file = *s.cert;
  config->key_file = *s.key;
  config->ca_file = *s.ca;
  if (s.listen && !parseListenAddress(*s.listen, &config->host, &config->port))
    return "--listen must be IPV4:PORT, e.g. 127.0.0.1:8443";
  // The console: the same server certificate, no client certificate asked.
  *console = *config;
  console->name = "console";
  console->ca_file.clear();
  // A login's scrypt takes about 0.18 s of a core: with one thread, a flood of
  // logins from anyone who reaches the port can take one core, never both
  // from the boxes.
  console->threads = 1;
  if (s.console_listen && !parseListenAddress(*s.console_listen, &console->host, &console->port))
    return "--console-listen must be IPV4:PORT, e.g. 127.0.0.1:8444";
  if (s.hotline) {
    if (s.hotline->empty() || s.hotline->size() > 20 ||
        s.hotline->find_first_not_of("0123456789-+ ") != std::string::npos)
      return "--hotline must be a phone number";
    options->hotline = *s.hotline;
  }
  if (s.refuse) {
    const auto seconds = platform::parseUnsigned(*s.refuse, 0, 999'999);
    if (!seconds) return "--refuse-with-retry-after needs a number of seconds";
    options->refuse_retry_after = static_cast<int>(*seconds);
  }
  return "";
}

// What --console-listen serves: the staff console's pages under /console/,
// on connections to the database of their own and under the console's own
// lock (console.h), so that a login's scrypt never holds up a box.
struct ConsoleParts {
  std::unique_ptr<TicketStore> store;
  std::unique_ptr<StaffStore> staff;
  std::unique_ptr<Console> console;
};

bool openConsole(const std::string& db, const ServiceAreas& areas, int utc_offset_minutes,
                 const OutageNoticeSettings& outage, ConsoleParts* parts, std::string* error) {
  parts->store = TicketStore::open(db, error);
  if (parts->store) parts->staff = openDeskStaff(db, error);
  if (!parts->staff) return false;
  ConsoleOptions options;
  options.areas = &areas;
  options.utc_offset_minutes = utc_offset_minutes;
  options.outage = outage;
  parts->console = std::make_unique<Console>(*parts->store, *parts->staff, options, systemNow);
  return true;
}

// How outage reports group into incidents (incident.h): "" or the usage
// error. --incident-min-reports 0 groups none.
std::string incidentRules(const ServeArgs& s, std::optional<IncidentRules>* rules) {
  IncidentRules r;
  if (s.incident_window) {
    const auto seconds = platform::parseUnsigned(*s.incident_window, 1, 7 * 86400);
    if (!seconds) return "--incident-window needs a number of seconds (1 to 604800)";
    r.window = static_cast<UtcSeconds>(*seconds);
  }
  if (s.incident_min_reports) {
    const auto n = platform::parseUnsigned(*s.incident_min_reports, 0, 1'000'000);
    if (!n) return "--incident-min-reports needs a number of reports (0: no incidents)";
    r.min_reports = static_cast<int>(*n);
  }
  if (r.min_reports > 0) *rules = r;
  return "";
}

int fail(std::FILE* err, const std::string& error) {
  std::fprintf(err, "stb-central: %s\n", error.c_str());
  return kExitFailure;
}

}  // namespace

int runServeCli(const std::vector<std::string>& args, std::FILE* out, std::FILE* err) {
  ServeArgs a;
  HttpServerConfig config, console_config;
  ServiceOptions options;
  if (std::string why = readServe(args, &a); !why.empty()) return usageError(err, why);
  if (std::string why = configure(a, &config, &console_config, &options); !why.empty())
    return usageError(err, why);
  std::optional<IncidentRules> incident_rules;
  if (std::string why = incidentRules(a, &incident_rules); !why.empty())
    return usageError(err, why);
  std::string error;
  DeadlinePolicy policy = DeadlinePolicy::defaults();
  if (a.policy) {
    auto loaded = DeadlinePolicy::load(*a.policy, &error);
    if (!loaded) return fail(err, error);
    policy = std::move(*loaded);
  }
  if (a.calendar && !useCalendarFile(*a.calendar, &policy, &error)) return fail(err, error);
  if (a.areas) {
    auto loaded = ServiceAreas::load(*a.areas, &error);
    if (!loaded) return fail(err, error);
    options.areas = std::move(*loaded);
  }
  // The outage notice: its key and spool checked now, before anything is opened.
  std::optional<OutagePublisher> outage_publisher;
  OutageNoticeSettings outage{nullptr, policy.utcOffsetMinutes(), options.hotline};
  if (a.outage_spool) {
    outage_publisher = OutagePublisher::open(*a.outage_spool, *a.outage_key, &error);
    if (!outage_publisher) return fail(err, error);
    outage.publisher = &*outage_publisher;
    std::fprintf(err, "stb-central: outage notices go to %s\n", a.outage_spool->c_str());
  }
  describeCharter(policy, options.areas, err);
  auto store = TicketStore::open(*a.db, &error);
  if (!store) return fail(err, error);
  store->setIncidentRules(incident_rules);
  if (incident_rules)
    std::fprintf(err,
                 "stb-central: an incident opens at %d outage reports of an area within %lld s\n",
                 incident_rules->min_reports, static_cast<long long>(incident_rules->window));
  // Each connection is a descriptor; idle ones must not run out of them.
  if (!raiseOpenFileLimit(&error)) std::fprintf(err, "stb-central: %s\n", error.c_str());
  auto stop = StopSignal::install(&error);
  if (!stop) return fail(err, error);
  const int utc_offset_minutes = policy.utcOffsetMinutes();  // the console's local time
  CentralService service(*store, std::move(policy), options, systemNow);
  // The servers' threads take turns at the store, one request at a time.
  std::mutex store_mutex;
  auto server = HttpServer::start(
      config,
      [&](const HttpRequest& request, const ClientInfo& client) {
        std::lock_guard<std::mutex> lock(store_mutex);
        return service.handle(request, client.cn);
      },
      err, &error);
  if (!server) return fail(err, error);
  ConsoleParts pages;
  std::unique_ptr<HttpServer> console;
  if (a.console_listen) {
    if (!openConsole(*a.db, options.areas, utc_offset_minutes, outage, &pages, &error))
      return fail(err, error);
    console = HttpServer::start(
        console_config,
        [&pages](const HttpRequest& request, const ClientInfo&) {
          return serveConsole(*pages.console, request);
        },
        err, &error);
    if (!console) return fail(err, error);
  }
  std::fprintf(out, "listening on %s:%u\n", config.host.c_str(), server->port());
  if (console)
    std::fprintf(out, "console listening on %s:%u\n", console_config.host.c_str(), console->port());
  std::fflush(out);
  if (options.refuse_retry_after)
    std::fprintf(err, "stb-central: refusing every request (503, Retry-After: %d)\n",
                 *options.refuse_retry_after);
  stop->wait();
  console.reset();
  server.reset();
  std::fprintf(err, "stb-central: stopped\n");
  return kExitOk;
}

}  // namespace tools::central
