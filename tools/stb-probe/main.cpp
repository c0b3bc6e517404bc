// stb-probe: prints what a set-top box sees in a transport stream.
// Usage and JSON keys: docs/stb-probe.md.
#include <csignal>
#include <cstdio>
#include <limits>
#include <string>

#include "platform/arg_cursor.h"
#include "platform/arg_values.h"
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

// Adds the public key in PATH to the probe's key ring; false after saying why.
bool addKey(const std::string& path, bool root, tools::ProbeOptions* options) {
  std::string error;
  auto key = platform::loadPublicKey(path, &error);
  if (!key) {
    std::fprintf(stderr, "stb-probe: %s: %s\n", path.c_str(), error.c_str());
    return false;
  }
  if (!options->keys) options->keys = std::make_shared<dvb::notice::KeyRing>();
  if (root)
    options->keys->addRoot(std::move(*key));
  else
    options->keys->addSigning(std::move(*key));
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  bool json = false;
  std::string spec;
  tools::ProbeOptions options;
  bool duration_given = false;
  platform::ArgCursor a(argc, argv);
  while (!a.done()) {
    std::string v;
    if (a.flag("--json")) {
      json = true;
    } else if (a.flag("--help") || a.flag("-h")) {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (a.option("--charset", &v)) {
      const auto charset = dvb::text::charsetFromName(v);
      if (!charset) return usage("unknown --charset");
      options.text.default_charset = *charset;
    } else if (a.option("--duration", &v)) {
      const auto seconds = platform::parseSeconds(v, std::numeric_limits<double>::max());
      if (!seconds) return usage("bad --duration");
      options.max_seconds = *seconds;
      duration_given = true;
    } else if (a.option("--pid", &v)) {
      const auto pid = platform::parseUnsigned(v, 0, 0x1FFE);
      if (!pid) return usage("bad --pid (0..0x1FFE)");
      options.extra_pids.push_back(static_cast<uint16_t>(*pid));
    } else if (a.option("--trust", &v)) {
      if (!addKey(v, false, &options)) return 1;
    } else if (a.option("--root", &v)) {
      if (!addKey(v, true, &options)) return 1;
    } else if (!spec.empty() && a.positional(&v)) {
      return usage("only one SOURCE");
    } else if (!a.positional(&spec)) {
      return usage(a.unknownOption().c_str());
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
