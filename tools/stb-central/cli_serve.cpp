// stb-central serve: options, then the TLS server around CentralService.
#include "tools/stb-central/cli.h"
#include "tools/stb-central/router.h"
#include "tools/stb-central/tls_server.h"

namespace tools::central {

int runServeCli(const std::vector<std::string>& args, std::FILE* out, std::FILE* err) {
  ParsedArgs a;
  std::string error;
  if (!parseArgs(args,
                 {"--db", "--cert", "--key", "--ca", "--listen", "--policy", "--hotline",
                  "--refuse-with-retry-after"},
                 {}, &a, &error))
    return usageError(err, error);
  if (!a.positional.empty()) return usageError(err, "unexpected argument " + a.positional[0]);
  for (const char* required : {"--db", "--cert", "--key", "--ca"})
    if (!a.option(required)) return usageError(err, std::string(required) + " is required");

  TlsServerConfig config;
  config.cert_file = *a.option("--cert");
  config.key_file = *a.option("--key");
  config.ca_file = *a.option("--ca");
  if (const std::string* listen = a.option("--listen")) {
    if (!parseListenAddress(*listen, &config.host, &config.port))
      return usageError(err, "--listen must be IPV4:PORT, e.g. 127.0.0.1:8443");
  }
  ServiceOptions options;
  if (const std::string* hotline = a.option("--hotline")) {
    if (hotline->empty() || hotline->size() > 20 ||
        hotline->find_first_not_of("0123456789-+ ") != std::string::npos)
      return usageError(err, "--hotline must be a phone number");
    options.hotline = *hotline;
  }
  if (const std::string* refuse = a.option("--refuse-with-retry-after")) {
    if (refuse->empty() || refuse->size() > 6 ||
        refuse->find_first_not_of("0123456789") != std::string::npos)
      return usageError(err, "--refuse-with-retry-after needs a number of seconds");
    options.refuse_retry_after = std::stoi(*refuse);
  }
  DeadlinePolicy policy = DeadlinePolicy::defaults();
  if (const std::string* path = a.option("--policy")) {
    auto loaded = DeadlinePolicy::load(*path, &error);
    if (!loaded) {
      std::fprintf(err, "stb-central: %s\n", error.c_str());
      return kExitFailure;
    }
    policy = std::move(*loaded);
  }
  auto store = TicketStore::open(*a.option("--db"), &error);
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
