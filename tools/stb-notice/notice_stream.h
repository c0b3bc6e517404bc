#pragma once
// The transport stream `stb-notice build` writes: PAT (tsid 1, program 1 ->
// PMT PID 0x1000), PMT (PCR PID 0x1001, one stream of type 0x05 on the notice
// PID with a registration_descriptor "STBN"), the objects' sections as a
// carousel, TDT and TOT, PCR, and null packets up to the bitrate.
//
// Two clocks (tools/common/carousel_mux.h):
// - real time: TDT every tdt_every_ms of stream time from `from`, for
//   duration_ms; the notice carousel repeats every period_ms;
// - simulated (`to` set): the k-th TDT says from + k * tdt_every_ms, for
//   every k with from + k * step <= to, and each TDT interval carries
//   `repetitions` complete repetitions of PAT, PMT and every object.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dvb/mjd_time.h"
#include "dvb/section.h"
#include "tools/common/carousel_mux.h"

namespace tools::notice {

constexpr uint16_t kTsid = 1;
constexpr uint16_t kProgram = 1;
constexpr uint16_t kPmtPid = 0x1000;
constexpr uint16_t kPcrPid = 0x1001;
constexpr uint16_t kDefaultNoticePid = 0x1F00;

struct StreamOptions {
  uint16_t pid = kDefaultNoticePid;
  uint64_t bitrate_bps = 2'000'000;
  dvb::UtcSeconds from = 0;
  std::optional<dvb::UtcSeconds> to;  // set: simulated span
  uint64_t tdt_every_ms = 1000;       // simulated: whole seconds
  uint64_t duration_ms = 10'000;      // real time only
  uint32_t period_ms = 1000;          // real time: notice carousel period
  uint32_t repetitions = 1;           // simulated: per TDT interval
  uint64_t min_step_ms = 0;           // simulated: stream time per step, at least
  std::string country = "CHN";        // TOT local_time_offset_descriptor
  int offset_minutes = 480;
};

// What the stream will hold, for the operator's summary.
struct StreamPlan {
  uint64_t tdt_count = 0;
  uint64_t packets = 0;
  uint64_t step_packets = 0;  // simulated only
};

// The multiplexer for `sections`; nullopt with *error on options that cannot
// make a valid stream (PID clash, span outside the MJD window, ...).
std::optional<CarouselMux> makeNoticeMux(const std::vector<dvb::Section>& sections,
                                         const StreamOptions& options, StreamPlan* plan,
                                         std::string* error);

}  // namespace tools::notice
