#include "stbd/stbd_options.h"

#include "dvb/duration.h"
#include "platform/arg_cursor.h"
#include "platform/box/dvb_source.h"
#include "platform/log_sinks.h"

namespace stbd {

const char kUsage[] =
    "usage: stbd --config FILE --source SOURCE [--replay fast|realtime]\n"
    "            [--snapshot-dir DIR --snapshot-every DURATION] [--keys FILE]\n"
    "            [--log-level LEVEL]\n"
    "       stbd --version | --help\n"
    "  --config          the box's configuration (docs/stbd.md)\n"
    "  --source          a TS file, udp://GROUP:PORT (multicast or unicast, RTP or not),\n"
    "                    or dvb://adapterN[?demux=M&frontend=K] (Linux DVB section filters)\n"
    "  --replay fast     a file as fast as it goes, time from its TDT/TOT; exits at its end\n"
    "  --replay realtime a file paced by its TDTs, as if it were on air; exits at its end\n"
    "  --snapshot-dir    write screenshots (overlay over a test picture) here, named by\n"
    "                    the stream's UTC time, e.g. 20261130T020000Z.png\n"
    "  --snapshot-every  how often, in stream time: 30s, 15m, 1h ...\n"
    "  --keys            remote-control keys from a script, on stream time: lines such as\n"
    "                    '2026-11-30T10:00:00Z BACK' and '+2s EXIT'\n"
    "  --log-level       error, warning, info or debug (overrides the config)\n";

namespace {

// One option with its value, when the current argument is one; false with
// *error when it is not, or its value is bad.
bool readOption(platform::ArgCursor& a, StbdOptions* o, std::string* error) {
  std::string v;
  if (a.flag("--help") || a.flag("-h")) {
    o->help = true;
  } else if (a.flag("--version")) {
    o->version = true;
  } else if (a.option("--config", &o->config_path) || a.option("--source", &o->source) ||
             a.option("--snapshot-dir", &o->snapshot_dir) || a.option("--keys", &o->keys_path)) {
    // the value is in *o
  } else if (a.option("--replay", &v)) {
    if (v != "fast" && v != "realtime") {
      *error = "--replay is fast or realtime, not '" + v + "'";
      return false;
    }
    o->replay = v == "fast" ? Replay::kFast : Replay::kRealtime;
  } else if (a.option("--snapshot-every", &v)) {
    const std::optional<uint64_t> ms = dvb::parseDurationMs(v);
    if (!ms || *ms < 1000) {
      *error = "--snapshot-every takes a duration of at least 1s (30s, 15m, 1h), not '" + v + "'";
      return false;
    }
    o->snapshot_every_ms = *ms;
  } else if (a.option("--log-level", &v)) {
    stb::LogLevel level;
    if (!platform::parseLogLevel(v, &level)) {
      *error = "--log-level is error, warning, info or debug, not '" + v + "'";
      return false;
    }
    o->log_level = v;
  } else {
    *error = a.unknownOption();
    return false;
  }
  return true;
}

// Rules between options, once all are read.
bool checkCombination(const StbdOptions& o, std::string* error) {
  if (o.config_path.empty() || o.source.empty()) {
    *error = "--config and --source are required";
    return false;
  }
  if (o.snapshot_dir.empty() != (o.snapshot_every_ms == 0)) {
    *error = "--snapshot-dir and --snapshot-every go together";
    return false;
  }
  const bool udp = o.source.rfind("udp://", 0) == 0;
  const bool dvb = o.source.rfind("dvb://", 0) == 0;
  if ((udp || dvb) && o.replay != Replay::kNone) {
    *error =
        std::string("--replay is for file sources; a ") + (udp ? "UDP" : "DVB") + " source is live";
    return false;
  }
  platform::box::DvbSourceSpec spec;
  if (dvb && !platform::box::parseDvbSource(o.source, &spec, error)) return false;
  if (!udp && !dvb && o.replay == Replay::kNone) {
    *error = "a file source needs --replay fast or --replay realtime";
    return false;
  }
  return true;
}

}  // namespace

bool parseStbdOptions(int argc, const char* const* argv, StbdOptions* o, std::string* error) {
  platform::ArgCursor a(argc, argv);
  while (!a.done())
    if (!readOption(a, o, error)) return false;
  if (o->help || o->version) return true;
  return checkCombination(*o, error);
}

}  // namespace stbd
