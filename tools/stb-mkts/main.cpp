// stb-mkts: writes the project's sample transport stream (see sample_stream.h).
#include <cstdint>
#include <cstdio>
#include <string>

#include "platform/arg_cursor.h"
#include "platform/arg_values.h"
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
  platform::ArgCursor a(argc, argv);
  while (!a.done()) {
    std::string v;
    if (a.flag("--help") || a.flag("-h")) {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (a.option("--out", &out)) {
      // the file name is in out
    } else if (a.option("--start", &v)) {
      const auto t = dvb::parseIso8601(v);
      if (!t) return usage("--start wants YYYY-MM-DDThh:mm:ssZ");
      options.start_utc = *t;
    } else if (a.option("--duration", &v)) {
      const auto seconds = platform::parseSeconds(v, 86400);
      if (!seconds) return usage("--duration must be 0 < s <= 86400");
      options.duration_ms = static_cast<uint64_t>(*seconds * 1000);
    } else if (a.option("--bitrate", &v)) {
      const auto bps = platform::parseUnsigned(v, 100'000, UINT64_MAX);
      if (!bps) return usage("--bitrate must be at least 100000");
      options.bitrate_bps = *bps;
    } else if (a.option("--packet-size", &v)) {
      const auto size = platform::parseUnsigned(v, 188, 204);
      if (!size || (*size != 188 && *size != 192 && *size != 204))
        return usage("--packet-size must be 188, 192 or 204");
      options.packet_size = static_cast<size_t>(*size);
    } else {
      return usage(a.unexpected());
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
