// stb-probe: prints what a set-top box sees in a transport stream.
// Usage and JSON keys: docs/stb-probe.md.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "platform/key_files.h"
#include "tools/stb-probe/probe_format.h"
#include "tools/stb-probe/probe_run.h"

namespace {

std::atomic<bool> g_stop{false};

void onSignal(int) {
  g_stop = true;
}

const char kUsage[] =
    "usage: stb-probe [--json] [--charset NAME] [--duration SECONDS] [--pid PID]...\n"
    "                 [--trust PUB.pem]... [--root ROOT.pem]... SOURCE\n"
    "  SOURCE      a TS file (188, 192 or 204-byte packets) or udp://GROUP:PORT\n"
    "  --json      print one JSON object (keys in docs/stb-probe.md)\n"
    "  --charset   character table for strings without a selector byte\n"
    "              (default iso6937; e.g. gb2312 for Chinese cable networks)\n"
    "  --duration  stop after SECONDS (default: end of file; 10 s for UDP)\n"
    "  --pid       also assemble and CRC-check sections on PID (e.g. 0x112)\n"
    "  --trust     an operator signing key (PEM) to verify notices with (repeatable)\n"
    "  --root      an operator root key (PEM), for key lists (repeatable)\n";

int usage(const char* why) {
  if (why) std::fprintf(stderr, "stb-probe: %s\n", why);
  std::fputs(kUsage, stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  bool json = false;
  std::string spec;
  tools::ProbeOptions options;
  bool duration_given = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--json") {
      json = true;
    } else if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (arg == "--charset" && i + 1 < argc) {
      const auto charset = dvb::text::charsetFromName(argv[++i]);
      if (!charset) return usage("unknown --charset");
      options.text.default_charset = *charset;
    } else if (arg == "--duration" && i + 1 < argc) {
      char* end = nullptr;
      options.max_seconds = std::strtod(argv[++i], &end);
      if (*end != '\0' || options.max_seconds <= 0) return usage("bad --duration");
      duration_given = true;
    } else if (arg == "--pid" && i + 1 < argc) {
      char* end = nullptr;
      const unsigned long pid = std::strtoul(argv[++i], &end, 0);
      if (*end != '\0' || pid > 0x1FFE) return usage("bad --pid (0..0x1FFE)");
      options.extra_pids.push_back(static_cast<uint16_t>(pid));
    } else if ((arg == "--trust" || arg == "--root") && i + 1 < argc) {
      std::string error;
      auto key = platform::loadPublicKey(argv[++i], &error);
      if (!key) {
        std::fprintf(stderr, "stb-probe: %s: %s\n", argv[i], error.c_str());
        return 1;
      }
      if (!options.keys) options.keys = std::make_shared<dvb::notice::KeyRing>();
      if (arg == "--trust")
        options.keys->addSigning(std::move(*key));
      else
        options.keys->addRoot(std::move(*key));
    } else if (!arg.empty() && arg[0] == '-') {
      return usage(("unknown option " + arg).c_str());
    } else if (spec.empty()) {
      spec = arg;
    } else {
      return usage("only one SOURCE");
    }
  }
  if (spec.empty()) return usage("no SOURCE given");
  if (!duration_given && spec.rfind("udp://", 0) == 0) options.max_seconds = 10;

  std::string error;
  auto source = platform::openTsSource(spec, &error);
  if (!source) {
    std::fprintf(stderr, "stb-probe: cannot open %s: %s\n", spec.c_str(), error.c_str());
    return 1;
  }
  std::signal(SIGINT, onSignal);
  std::signal(SIGTERM, onSignal);
  options.stop = &g_stop;

  tools::ProbeReport report;
  const bool ok = tools::runProbe(*source, options, &report, &error);
  // A source that gave nothing readable has no report worth printing.
  if (ok || report.packets != 0) {
    const std::string out = json ? tools::probeJson(report) : tools::probeText(report);
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  if (!ok) {
    std::fprintf(stderr, "stb-probe: %s\n", error.c_str());
    return 1;
  }
  return 0;
}
