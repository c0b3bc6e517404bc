// `stb-notice build`: the option parser. The work is in build.cpp.
#include <csignal>
#include <ctime>
#include <set>

#include "platform/arg_cursor.h"
#include "platform/arg_values.h"
#include "tools/stb-notice/build.h"
#include "tools/stb-notice/cli.h"
#include "tools/stb-notice/cli_values.h"

namespace tools::notice {
namespace {

using platform::ArgCursor;
using platform::parseUnsigned;

const char kBuildUsage[] =
    "usage: stb-notice build INPUT.json... --key PRIV.pem --out TARGET [options]\n"
    "  INPUT.json      notices, fee_records, directories, work_calendars, key_list\n"
    "                  (docs/notice.schema.json); all are checked before anything is written\n"
    "  --key PRIV.pem  the signing key (also signs a key_list unless --root-key is given)\n"
    "  --root-key PEM  the root key that signs key_list objects\n"
    "  --out TARGET    FILE.bin (sections back to back), FILE.ts (a complete stream) or\n"
    "                  udp://ADDR:PORT[?iface=ADDR] (the stream, paced in real time)\n"
    "  --issued UTC    issue time written into every object (default: now)\n"
    "  --crawl-limit D warn when a text's crawl takes longer than D to cross the screen\n"
    "                  (default 60s)\n"
    "  --crawl-speed PX  the boxes' crawl speed in pixels per second (default 120)\n"
    "stream options (FILE.ts and udp://):\n"
    "  --pid PID           notice PID (default 0x1F00)\n"
    "  --bitrate BPS       constant bitrate (default 2000000)\n"
    "  --from UTC          time of the first TDT (default: now)\n"
    "  --to UTC            simulated span: the k-th TDT says FROM + k * STEP up to TO, and\n"
    "                      each TDT interval carries PAT, PMT and every object\n"
    "  --tdt-every D       STEP (default 30s with --to, else 1s of stream time); D is\n"
    "                      like 500ms, 30s, 5m, 1h\n"
    "  --repeat N          with --to: complete repetitions per TDT interval (default 1)\n"
    "  --step-time D       with --to: stream time per TDT interval, at least (default: as\n"
    "                      short as the carousel allows)\n"
    "  --duration D        without --to: stream length (default 10s)\n"
    "  --period D          without --to: the objects repeat every D (default 1s)\n"
    "  --country CCC       TOT country code (default CHN)\n"
    "  --offset +HH:MM     TOT local time offset (default +08:00)\n"
    "  --ttl N             udp:// multicast TTL (default 1)\n"
    "  --loop              udp:// only: start again at the end until interrupted\n";

std::atomic<bool> g_stop{false};
void onSignal(int) {
  g_stop = true;
}

const std::set<std::string> kStreamOptions = {
    "--pid",      "--bitrate", "--from",    "--to",     "--tdt-every", "--repeat", "--step-time",
    "--duration", "--period",  "--country", "--offset", "--ttl",       "--loop"};

bool isStreamOption(const ArgCursor& a) {
  for (const std::string& name : kStreamOptions)
    if (a.is(name.c_str())) return true;
  return false;
}

// One stream option with its value; false (and *why) when the value is bad.
bool streamOption(ArgCursor& a, BuildOptions* o, bool* tdt_given, std::string* why) {
  std::string v;
  StreamOptions& s = o->stream;
  auto fail = [&](const char* text) {
    *why = text;
    return false;
  };
  if (a.option("--pid", &v)) {
    const auto pid = parseUnsigned(v, 0x0020, 0x1FFE);
    if (!pid) return fail("--pid must be 0x0020..0x1FFE");
    s.pid = static_cast<uint16_t>(*pid);
  } else if (a.option("--bitrate", &v)) {
    const auto bps = parseUnsigned(v, 100'000, 1'000'000'000);
    if (!bps) return fail("--bitrate must be 100000..1000000000 bit/s");
    s.bitrate_bps = *bps;
  } else if (a.option("--from", &v)) {
    const auto t = parseUtc(v);
    if (!t) return fail("--from wants UTC like 2026-11-29T00:00:00Z");
    s.from = *t;
  } else if (a.option("--to", &v)) {
    s.to = parseUtc(v);
    if (!s.to) return fail("--to wants UTC like 2026-11-30T00:00:00Z");
  } else if (a.option("--tdt-every", &v)) {
    const auto ms = dvb::parseDurationMs(v);
    if (!ms) return fail("--tdt-every wants a duration like 30s, 5m, 1h or 500ms");
    s.tdt_every_ms = *ms;
    *tdt_given = true;
  } else if (a.option("--repeat", &v)) {
    const auto n = parseUnsigned(v, 1, 1000);
    if (!n) return fail("--repeat must be 1..1000");
    s.repetitions = static_cast<uint32_t>(*n);
  } else if (a.option("--step-time", &v)) {
    const auto ms = dvb::parseDurationMs(v);
    if (!ms || *ms > 3'600'000) return fail("--step-time wants a duration up to 1h, like 100ms");
    s.min_step_ms = *ms;
  } else if (a.option("--duration", &v)) {
    const auto ms = dvb::parseDurationMs(v);
    if (!ms || *ms > 7 * 86'400'000ull) return fail("--duration wants a duration up to 168h");
    s.duration_ms = *ms;
  } else if (a.option("--period", &v)) {
    const auto ms = dvb::parseDurationMs(v);
    if (!ms || *ms > 3'600'000) return fail("--period wants a duration up to 1h, like 1s");
    s.period_ms = static_cast<uint32_t>(*ms);
  } else if (a.option("--country", &v)) {
    s.country = v;
  } else if (a.option("--offset", &v)) {
    const auto minutes = parseUtcOffset(v);
    if (!minutes) return fail("--offset wants +HH:MM or -HH:MM, at most 14 h");
    s.offset_minutes = *minutes;
  } else if (a.option("--ttl", &v)) {
    const auto ttl = parseUnsigned(v, 1, 255);
    if (!ttl) return fail("--ttl must be 1..255");
    o->ttl = static_cast<int>(*ttl);
  } else if (a.flag("--loop")) {
    o->loop = true;
  } else {
    *why = a.unexpected();
    return false;
  }
  return true;
}

// Rules between options, once all are read; "" when they agree.
std::string checkCombination(const BuildOptions& o, bool from_given, bool stream_options) {
  if (o.inputs.empty()) return "no INPUT.json given";
  if (o.key_path.empty()) return "--key PRIV.pem is required";
  if (o.target.empty()) return "--out TARGET is required";
  const auto kind = targetKindOf(o.target);
  if (!kind) return "--out must be FILE.bin, FILE.ts or udp://ADDR:PORT";
  if (*kind == TargetKind::kSections && stream_options)
    return "stream options (--pid, --from, ...) need a FILE.ts or udp:// target";
  if (o.loop && *kind != TargetKind::kUdp) return "--loop needs a udp:// target";
  if (o.stream.to && !from_given) return "--to needs --from";
  return "";
}

}  // namespace

int runBuildCli(const std::vector<std::string>& args, std::FILE* out, std::FILE* err) {
  BuildOptions o;
  const dvb::UtcSeconds now = static_cast<dvb::UtcSeconds>(std::time(nullptr));
  o.issued = now;
  o.stream.from = now;
  bool from_given = false, stream_options = false, tdt_given = false;
  ArgCursor a(args);
  while (!a.done()) {
    std::string v;
    if (a.flag("--help") || a.flag("-h")) {
      std::fputs(kBuildUsage, out);
      return kExitOk;
    } else if (a.option("--key", &v)) {
      o.key_path = v;
    } else if (a.option("--root-key", &v)) {
      o.root_key_path = v;
    } else if (a.option("--out", &v)) {
      o.target = v;
    } else if (a.option("--issued", &v)) {
      const auto t = parseUtc(v);
      if (!t) return usageError(err, "--issued wants UTC like 2026-11-28T08:00:00Z", kBuildUsage);
      o.issued = *t;
    } else if (crawlOption(a, &o.crossing, &v)) {
      if (!v.empty()) return usageError(err, v, kBuildUsage);
    } else if (isStreamOption(a)) {
      from_given = from_given || a.is("--from");
      stream_options = true;
      std::string why;
      if (!streamOption(a, &o, &tdt_given, &why)) return usageError(err, why, kBuildUsage);
    } else if (a.positional(&v)) {
      o.inputs.push_back(v);
    } else {
      return usageError(err, a.unexpected(), kBuildUsage);
    }
  }
  if (std::string why = checkCombination(o, from_given, stream_options); !why.empty())
    return usageError(err, why, kBuildUsage);
  if (o.stream.to && !tdt_given) o.stream.tdt_every_ms = 30'000;
  if (targetKindOf(o.target) == TargetKind::kUdp) {
    // Ctrl-C ends a --loop: the handler only sets the flag the sender polls.
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    o.stop = &g_stop;
  }
  std::string summary;
  std::vector<std::string> problems;
  if (!runBuild(o, &summary, &problems)) {
    for (const std::string& p : problems) std::fprintf(err, "%s\n", p.c_str());
    if (targetKindOf(o.target) != TargetKind::kUdp)
      std::fprintf(err, "stb-notice: nothing was written\n");
    return kExitFailure;
  }
  std::fputs(summary.c_str(), out);
  return kExitOk;
}

}  // namespace tools::notice
