#pragma once
// The project's own sample stream: a small cable multiplex of the
// "Jiangxi Cable" network with Chinese (GB2312) and Spanish (ISO 6937)
// service names, PAT/PMT/NIT/SDT carousels, TDT every second and a TOT for
// China (+08:00). The demo and the tests read it; nothing here comes from a
// real broadcast.
#include <cstdint>
#include <string>
#include <vector>

#include "tools/common/carousel_mux.h"

namespace tools {

struct SampleStreamOptions {
  dvb::UtcSeconds start_utc = 0;
  uint64_t duration_ms = 20'000;
  uint64_t bitrate_bps = 1'500'000;
  size_t packet_size = 188;  // 188, 192 (M2TS prefix) or 204 (16 parity bytes)
};

// Writes the stream to `path`; false with *error on an I/O failure or bad options.
bool writeSampleStream(const std::string& path, const SampleStreamOptions& options,
                       std::string* error);

// The multiplexer loaded with the sample's tables (for tests and benchmarks).
CarouselMux makeSampleMux(const SampleStreamOptions& options);

}  // namespace tools
