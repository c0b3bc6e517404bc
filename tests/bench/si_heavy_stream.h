#pragma once
// Generates the benchmark's stream at run time (never committed): the sample
// multiplex grown to `services` services, with EIT present/following and
// 8 days of schedule for each, TDT/TOT, and filler standing in for video so
// SI is `si_percent` of the packets.
#include <cstdint>
#include <string>

namespace bench {

struct SiHeavyOptions {
  uint64_t target_bytes = 200ull << 20;
  int services = 60;
  int si_percent = 20;
};

// Writes the stream to path; false with *error on failure.
bool writeSiHeavyStream(const std::string& path, const SiHeavyOptions& options, std::string* error);

}  // namespace bench
