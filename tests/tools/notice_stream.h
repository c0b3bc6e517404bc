#pragma once
// A small stream for the tools' tests, as a headend would lay it out: two
// seconds from 2026-11-29T02:00:00Z with a PAT, one program whose PMT
// announces each of STBN_PIDS as a notice PID ('STBN'), and the carousels
// given (notice objects, or anything a test wants on a PID), written to PATH.
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "dvb/mjd_time.h"
#include "dvb/tables/pat.h"
#include "dvb/tables/pmt.h"
#include "tools/common/carousel_mux.h"

namespace tools_test {

inline void writeNoticeStream(const std::string& path, const std::vector<uint16_t>& stbn_pids,
                              const std::vector<tools::Carousel>& carousels) {
  tools::MuxOptions options;
  options.start_utc = *dvb::parseIso8601("2026-11-29T02:00:00Z");
  options.duration_ms = 2000;
  tools::CarouselMux mux(options);
  dvb::Pat pat;
  pat.transport_stream_id = 1;
  pat.programs = {{1, 0x1000}};
  dvb::Pmt pmt;
  pmt.program_number = 1;
  pmt.pcr_pid = 0x1FFF;
  for (uint16_t pid : stbn_pids) pmt.streams.push_back({0x05, pid, {{0x05, {'S', 'T', 'B', 'N'}}}});
  mux.add({0x0000, pat.encode(), 100});
  mux.add({0x1000, pmt.encode(), 100});
  for (const tools::Carousel& c : carousels) mux.add(c);
  std::ofstream out(path, std::ios::binary);
  mux.run([&](const std::vector<uint8_t>& chunk) {
    out.write(reinterpret_cast<const char*>(chunk.data()),
              static_cast<std::streamsize>(chunk.size()));
  });
}

}  // namespace tools_test
