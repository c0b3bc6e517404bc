#pragma once
// A small headend multiplexer: section carousels (each PID repeated at its
// own period), TDT/TOT at a fixed interval, PCR on one PID, and filler
// packets, paced for a constant bitrate in stream time. Output is plain
// 188-byte packets. Used by the sample-stream tool, the benchmarks and the
// headend notice tool. A second mode, SimulatedClock, decouples the time the
// TDTs announce from stream time so that a long span replays in seconds.
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "dvb/mjd_time.h"
#include "dvb/section.h"
#include "dvb/section_packetizer.h"
#include "dvb/tables/tot.h"

namespace tools {

struct Carousel {
  uint16_t pid = 0;
  std::vector<dvb::Section> sections;
  uint32_t period_ms = 100;
};

// Simulated time. Step k of the stream opens with the TDT (and the TOT, when
// set) saying start_utc + k * step_s, then carries `repetitions` complete
// repetitions of every carousel, in the order they were added, then filler
// up to the same packet count in every step, so TDTs are evenly spaced in
// stream time. Every TDT interval therefore holds every table however short
// the step is, which is what lets a box replay a day of TDTs in seconds and
// still see each table at each simulated moment. PCR, when enabled, keeps
// following the packet count and the bitrate.
struct SimulatedClock {
  uint32_t step_s = 30;
  uint64_t steps = 1;        // TDTs in the stream
  uint32_t repetitions = 1;  // complete repetitions of every carousel per step
  uint64_t min_step_ms = 0;  // a step lasts at least this much stream time
};

struct MuxOptions {
  uint64_t bitrate_bps = 1'000'000;
  dvb::UtcSeconds start_utc = 0;  // UTC at stream time 0
  uint64_t duration_ms = 10'000;  // stream time to produce
  uint32_t tdt_period_ms = 1000;  // 0: no TDT
  std::optional<dvb::Tot> tot;    // its utc is replaced at each emission
  uint32_t tot_period_ms = 5000;
  std::optional<uint16_t> pcr_pid;  // PCR-only packets every 40 ms
  // Filler packets: null by default; a non-null PID with a payload stands in
  // for audio/video so a stream has the bulk of a real one.
  uint16_t filler_pid = 0x1FFF;
  // When set, the stream follows the simulated clock above and duration_ms,
  // tdt_period_ms, tot_period_ms and the carousels' period_ms are unused.
  std::optional<SimulatedClock> simulated;
};

class CarouselMux {
 public:
  explicit CarouselMux(MuxOptions options) : options_(std::move(options)) {}
  void add(Carousel carousel);
  // Produces the whole stream, calling sink with chunks of packets.
  void run(const std::function<void(const std::vector<uint8_t>&)>& sink);

  // Simulated clock only: packets in every step (TDT/TOT, the repetitions,
  // PCR and filler); 0 without a simulated clock.
  uint64_t stepPackets() const;

 private:
  struct Slot {
    Carousel carousel;
    dvb::SectionPacketizer packetizer;
    uint64_t next_due_ms = 0;
    std::vector<uint8_t> pending;  // packets of the current repetition
    size_t pending_pos = 0;
  };
  void emitTime(uint64_t now_ms, std::vector<uint8_t>* out);
  void emitTimeAt(dvb::UtcSeconds utc, bool tdt, bool tot, std::vector<uint8_t>* out);
  void runSimulated(const std::function<void(const std::vector<uint8_t>&)>& sink);
  void emitPcr(uint64_t now_27mhz, std::vector<uint8_t>* out);
  void emitFiller(std::vector<uint8_t>* out);

  MuxOptions options_;
  std::vector<Slot> slots_;
  dvb::SectionPacketizer time_{0x0014};
  uint8_t pcr_cc_ = 0, filler_cc_ = 0;
  uint64_t next_tdt_ms_ = 0, next_tot_ms_ = 0, next_pcr_ms_ = 0;
};

}  // namespace tools
