#include "stbd/stbd_options.h"

#include "dvb/duration.h"
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

bool parseStbdOptions(int argc, const char* const* argv, StbdOptions* o, std::string* error) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) {
        *error = arg + " needs a value";
        return false;
      }
      *out = argv[++i];
      return true;
    };
    std::string v;
    if (arg == "--help" || arg == "-h") {
      o->help = true;
    } else if (arg == "--version") {
      o->version = true;
    } else if (arg == "--config") {
      if (!value(&o->config_path)) return false;
    } else if (arg == "--source") {
      if (!value(&o->source)) return false;
    } else if (arg == "--replay") {
      if (!value(&v)) return false;
      if (v == "fast") {
        o->replay = Replay::kFast;
      } else if (v == "realtime") {
        o->replay = Replay::kRealtime;
      } else {
        *error = "--replay is fast or realtime, not '" + v + "'";
        return false;
      }
    } else if (arg == "--snapshot-dir") {
      if (!value(&o->snapshot_dir)) return false;
    } else if (arg == "--snapshot-every") {
      if (!value(&v)) return false;
      const std::optional<uint64_t> ms = dvb::parseDurationMs(v);
      if (!ms || *ms < 1000) {
        *error = "--snapshot-every takes a duration of at least 1s (30s, 15m, 1h), not '" + v + "'";
        return false;
      }
      o->snapshot_every_ms = *ms;
    } else if (arg == "--keys") {
      if (!value(&o->keys_path)) return false;
    } else if (arg == "--log-level") {
      if (!value(&v)) return false;
      stb::LogLevel level;
      if (!platform::parseLogLevel(v, &level)) {
        *error = "--log-level is error, warning, info or debug, not '" + v + "'";
        return false;
      }
      o->log_level = v;
    } else {
      *error = "unknown option " + arg;
      return false;
    }
  }
  if (o->help || o->version) return true;
  if (o->config_path.empty() || o->source.empty()) {
    *error = "--config and --source are required";
    return false;
  }
  if (o->snapshot_dir.empty() != (o->snapshot_every_ms == 0)) {
    *error = "--snapshot-dir and --snapshot-every go together";
    return false;
  }
  const bool udp = o->source.rfind("udp://", 0) == 0;
  const bool dvb = o->source.rfind("dvb://", 0) == 0;
  if ((udp || dvb) && o->replay != Replay::kNone) {
    *error =
        std::string("--replay is for file sources; a ") + (udp ? "UDP" : "DVB") + " source is live";
    return false;
  }
  platform::box::DvbSourceSpec spec;
  if (dvb && !platform::box::parseDvbSource(o->source, &spec, error)) return false;
  if (!udp && !dvb && o->replay == Replay::kNone) {
    *error = "a file source needs --replay fast or --replay realtime";
    return false;
  }
  return true;
}

}  // namespace stbd
