// stb-mkts: writes the project's sample transport stream (see sample_stream.h).
#include <cstdio>
#include <cstdlib>
#include <string>

#include "tools/stb-mkts/sample_stream.h"

namespace {

const char kUsage[] =
    "usage: stb-mkts --out FILE [--start UTC] [--duration SECONDS] [--bitrate BPS]\n"
    "                [--packet-size 188|192|204]\n"
    "  --start      UTC of the first TDT, e.g. 2026-11-29T02:00:00Z (default)\n"
    "  --duration   stream time to write (default 20)\n"
    "  --bitrate    constant bitrate in bit/s (default 1500000)\n";

int usage(const std::string& why) {
  std::fprintf(stderr, "stb-mkts: %s\n%s", why.c_str(), kUsage);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  tools::SampleStreamOptions options;
  options.start_utc = *dvb::parseIso8601("2026-11-29T02:00:00Z");
  std::string out;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (arg == "--out" && has_value) {
      out = argv[++i];
    } else if (arg == "--start" && has_value) {
      const auto t = dvb::parseIso8601(argv[++i]);
      if (!t) return usage("--start wants YYYY-MM-DDThh:mm:ssZ");
      options.start_utc = *t;
    } else if (arg == "--duration" && has_value) {
      const double seconds = std::strtod(argv[++i], nullptr);
      if (seconds <= 0 || seconds > 86400) return usage("--duration must be 0 < s <= 86400");
      options.duration_ms = static_cast<uint64_t>(seconds * 1000);
    } else if (arg == "--bitrate" && has_value) {
      options.bitrate_bps = std::strtoull(argv[++i], nullptr, 10);
      if (options.bitrate_bps < 100'000) return usage("--bitrate must be at least 100000");
    } else if (arg == "--packet-size" && has_value) {
      options.packet_size = std::strtoul(argv[++i], nullptr, 10);
    } else {
      return usage("unexpected argument " + arg);
    }
  }
  if (out.empty()) return usage("--out is required");
  std::string error;
  if (!tools::writeSampleStream(out, options, &error)) {
    std::fprintf(stderr, "stb-mkts: %s\n", error.c_str());
    return 1;
  }
  return 0;
}
