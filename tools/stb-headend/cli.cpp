#include "tools/stb-headend/cli.h"

#include <csignal>
#include <ctime>
#include <iostream>

#include "platform/arg_cursor.h"
#include "platform/systemd_notify.h"
#include "tools/stb-headend/config.h"
#include "tools/stb-headend/console/console_server.h"
#include "tools/stb-headend/playout.h"
#include "tools/stb-headend/self_monitor.h"
#include "tools/stb-headend/spool.h"

namespace tools::headend {
namespace {

std::atomic<bool> g_stop{false};

void onSignal(int) {
  g_stop = true;
}

int usage(const std::string& why) {
  std::cerr << "stb-headend: " << why
            << "\nusage: stb-headend --config FILE [--until UTC]\n"
               "       stb-headend staff-add --db FILE --login L --role editor|supervisor "
               "--name N < password\n";
  return 2;
}

void log(const std::string& line) {
  std::cerr << "stb-headend: " << line << (line.empty() || line.back() != '\n' ? "\n" : "");
}

console::ConsoleSettings consoleSettings(const ConsoleConfig& c) {
  console::ConsoleSettings s;
  s.listen = c.listen;
  s.cert = c.cert;
  s.key = c.key;
  s.staff_db = c.staff_db;
  s.signing_key = c.signing_key;
  s.root_key = c.root_key;
  s.areas = c.areas;
  s.preview_program = c.preview_program;
  return s;
}

}  // namespace

int headendMain(const std::vector<std::string>& args) {
  if (!args.empty() && args[0] == "staff-add")
    return console::runStaffAddCli({args.begin() + 1, args.end()}, stdin, stdout, stderr);
  platform::ArgCursor a(args);
  std::string config_path, until_text;
  while (!a.done()) {
    if (a.option("--config", &config_path) || a.option("--until", &until_text)) continue;
    return usage(a.unknownOption());
  }
  if (config_path.empty()) return usage("--config FILE is required");
  std::optional<dvb::UtcSeconds> until;
  if (!until_text.empty() && !(until = dvb::parseIso8601(until_text)))
    return usage("--until must be a UTC time such as 2026-11-29T06:00:00Z");
  std::vector<std::string> problems;
  const std::optional<HeadendConfig> config = loadConfig(config_path, &problems);
  if (!config) {
    for (const std::string& p : problems) std::cerr << "stb-headend: " << p << "\n";
    return 2;
  }
  OutputSpec spec;
  std::string error;
  parseOutputSpec(config->output, &spec, &error);  // checked by loadConfig
  // A reader that goes away is an output error, not a signal that kills us.
  std::signal(SIGPIPE, SIG_IGN);
  std::signal(SIGTERM, onSignal);
  std::signal(SIGINT, onSignal);

  StatusBoard board;
  Playout playout(*config, &board, log);
  std::unique_ptr<SelfMonitor> monitor;
  if (config->monitor.enabled &&
      !(monitor = SelfMonitor::attach(*config, &playout, &board, log, &error))) {
    log("monitor.source: " + error);
    return 1;
  }
  std::unique_ptr<console::RunningConsole> console;
  if (config->console.present &&
      !(console = console::startConsole(consoleSettings(config->console), config->state_dir,
                                        config->spool_dir, writeSpoolFile, stderr, &error))) {
    log("console: " + error);
    return 1;
  }
  if (console) log("console listening on port " + std::to_string(console->port()));
  const dvb::UtcSeconds start = config->clock.start.value_or(std::time(nullptr));
  if (!playout.start(start, &error)) {
    log(error);
    return 1;
  }
  log("opening " + config->output + " (a fifo waits for its reader)");
  std::unique_ptr<Output> output = openOutput(spec, config->ttl, &error);
  if (!output) {
    log(error);
    return 1;
  }
  playout.setOutput(std::move(output));
  platform::notifyReady();
  log("playing " + config->output + " at " + std::to_string(config->bitrate_kbps) +
      " kbit/s from " + dvb::formatIso8601(start));
  const bool ok = playout.run(std::nullopt, until, &g_stop, &error);
  platform::notifyStopping();
  if (!ok) {
    log(error);
    return 1;
  }
  log("stopped at stream " + std::to_string(playout.streamMs()) + " ms (" +
      dvb::formatIso8601(playout.simulatedUtc(playout.streamMs())) + ")");
  return 0;
}

}  // namespace tools::headend
