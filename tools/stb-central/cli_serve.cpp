// stb-central serve: options, then the TLS server around CentralService.
#include "platform/arg_values.h"
#include "tools/stb-central/charter_terms.h"
#include "tools/stb-central/cli.h"
#include "tools/stb-central/router.h"
#include "tools/stb-central/tls_server.h"

namespace tools::central {

namespace {

// serve's options, as given.
struct ServeArgs {
  std::optional<std::string> db, cert, key, ca, listen, policy, hotline, refuse, calendar, areas;
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
                              {"--calendar", &s->calendar},
                              {"--areas", &s->areas}},
                             {}};
  std::vector<std::string> positional;
  std::string why;
  if (!readCommand(args, takes, &positional, &why)) return why;
  if (!positional.empty()) return "unexpected argument " + positional[0];
  for (size_t i = 0; i < 4; ++i)  // --db, --cert, --key, --ca
    if (!*takes.options[i].second) return std::string(takes.options[i].first) + " is required";
  return "";
}

// The server's and the service's settings from S: "" or the usage error.
std::string configure(const ServeArgs& s, TlsServerConfig* config, ServiceOptions* options) {
  config->cert_file = *s.cert;
  config->key_file = *s.key;
  config->ca_file = *s.ca;
  if (s.listen && !parseListenAddress(*s.listen, &config->host, &config->port))
    return "--listen must be IPV4:PORT, e.g. 127.0.0.1:8443";
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

}  // namespace

int runServeCli(const std::vector<std::string>& args, std::FILE* out, std::FILE* err) {
  ServeArgs a;
  TlsServerConfig config;
  ServiceOptions options;
  if (std::string why = readServe(args, &a); !why.empty()) return usageError(err, why);
  if (std::string why = configure(a, &config, &options); !why.empty()) return usageError(err, why);
  std::string error;
  DeadlinePolicy policy = DeadlinePolicy::defaults();
  if (a.policy) {
    auto loaded = DeadlinePolicy::load(*a.policy, &error);
    if (!loaded) {
      std::fprintf(err, "stb-central: %s\n", error.c_str());
      return kExitFailure;
    }
    policy = std::move(*loaded);
  }
  if (a.calendar && !useCalendarFile(*a.calendar, &policy, &error)) {
    std::fprintf(err, "stb-central: %s\n", error.c_str());
    return kExitFailure;
  }
  if (a.areas) {
    auto loaded = ServiceAreas::load(*a.areas, &error);
    if (!loaded) {
      std::fprintf(err, "stb-central: %s\n", error.c_str());
      return kExitFailure;
    }
    options.areas = std::move(*loaded);
  }
  describeCharter(policy, options.areas, err);
  auto store = TicketStore::open(*a.db, &error);
  if (!store) {
    std::fprintf(err, "stb-central: %s\n", error.c_str());
    return kExitFailure;
  }
  auto server = TlsServer::create(config, &error);
  if (!server) {
    std::fprintf(err, "stb-central: %s\n", error.c_str());
    return kExitFailure;
  }
  server->stopOnSignals();
  CentralService service(*store, std::move(policy), options, systemNow);
  std::fprintf(out, "listening on %s:%u\n", config.host.c_str(), server->port());
  std::fflush(out);
  if (options.refuse_retry_after)
    std::fprintf(err, "stb-central: refusing every request (503, Retry-After: %d)\n",
                 *options.refuse_retry_after);
  const bool ok =
      server->run([&](const HttpRequest& request,
                      const ClientInfo& client) { return service.handle(request, client.cn); },
                  err, &error);
  if (!ok) {
    std::fprintf(err, "stb-central: %s\n", error.c_str());
    return kExitFailure;
  }
  std::fprintf(err, "stb-central: stopped\n");
  return kExitOk;
}

}  // namespace tools::central
