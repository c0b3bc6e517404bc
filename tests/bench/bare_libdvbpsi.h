#pragma once
// The comparison baseline: a bare libdvbpsi loop that decodes PAT, NIT, SDT,
// EIT and TDT/TOT with libdvbpsi's own decoders and prints nothing.
#include <cstdint>
#include <string>

namespace bench {

struct BareCounts {
  uint64_t pats = 0, nits = 0, sdts = 0, eits = 0, times = 0;  // times: TDT and TOT
};

// Reads the whole file; false with *error when it cannot.
bool runBareLibdvbpsi(const std::string& path, BareCounts* counts, std::string* error);

}  // namespace bench
