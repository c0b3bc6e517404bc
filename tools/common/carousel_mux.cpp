#include "tools/common/carousel_mux.h"

#include <algorithm>

#include "dvb/tables/tdt.h"
#include "dvb/ts_packet.h"

namespace tools {
namespace {

constexpr uint64_t kPcrIntervalMs = 40;

// Packets `sections` take when packetized alone (the count does not depend
// on the continuity counter, so a scratch packetizer measures it).
uint64_t packetCount(uint16_t pid, const std::vector<dvb::Section>& sections) {
  std::vector<uint8_t> packets;
  dvb::SectionPacketizer(pid).packetize(sections, &packets);
  return packets.size() / dvb::kTsPacketSize;
}

}  // namespace

void CarouselMux::add(Carousel carousel) {
  const uint16_t pid = carousel.pid;
  slots_.push_back(Slot{std::move(carousel), dvb::SectionPacketizer(pid), 0, {}, 0});
}

void CarouselMux::emitTime(uint64_t now_ms, std::vector<uint8_t>* out) {
  const dvb::UtcSeconds utc = options_.start_utc + static_cast<int64_t>(now_ms / 1000);
  const bool tdt = options_.tdt_period_ms && now_ms >= next_tdt_ms_;
  const bool tot = options_.tot && now_ms >= next_tot_ms_;
  if (tdt) next_tdt_ms_ += options_.tdt_period_ms;
  if (tot) next_tot_ms_ += options_.tot_period_ms;
  emitTimeAt(utc, tdt, tot, out);
}

void CarouselMux::emitTimeAt(dvb::UtcSeconds utc, bool tdt, bool tot, std::vector<uint8_t>* out) {
  std::vector<dvb::Section> sections;
  if (tdt) sections = dvb::Tdt{utc}.encode();
  if (tot && options_.tot) {
    dvb::Tot t = *options_.tot;
    t.utc = utc;
    for (dvb::Section& s : t.encode()) sections.push_back(std::move(s));
  }
  time_.packetize(sections, out);
}

void CarouselMux::emitPcr(uint64_t now_27mhz, std::vector<uint8_t>* out) {
  const uint64_t base = now_27mhz / 300, ext = now_27mhz % 300;
  uint8_t p[188];
  p[0] = 0x47;
  p[1] = static_cast<uint8_t>(*options_.pcr_pid >> 8);
  p[2] = static_cast<uint8_t>(*options_.pcr_pid);
  p[3] = static_cast<uint8_t>(0x20 | pcr_cc_);  // adaptation field only
  p[4] = 183;
  p[5] = 0x10;  // PCR_flag
  p[6] = static_cast<uint8_t>(base >> 25);
  p[7] = static_cast<uint8_t>(base >> 17);
  p[8] = static_cast<uint8_t>(base >> 9);
  p[9] = static_cast<uint8_t>(base >> 1);
  p[10] = static_cast<uint8_t>(((base & 1) << 7) | 0x7E | (ext >> 8));
  p[11] = static_cast<uint8_t>(ext);
  for (int i = 12; i < 188; ++i) p[i] = 0xFF;
  out->insert(out->end(), p, p + 188);
}

void CarouselMux::emitFiller(std::vector<uint8_t>* out) {
  if (options_.filler_pid == 0x1FFF) return dvb::appendNullPacket(out);
  uint8_t p[188];
  p[0] = 0x47;
  p[1] = static_cast<uint8_t>(options_.filler_pid >> 8);
  p[2] = static_cast<uint8_t>(options_.filler_pid);
  p[3] = static_cast<uint8_t>(0x10 | filler_cc_);
  filler_cc_ = (filler_cc_ + 1) & 0x0F;
  for (int i = 4; i < 188; ++i) p[i] = static_cast<uint8_t>(i * 7);
  out->insert(out->end(), p, p + 188);
}

void CarouselMux::run(const std::function<void(const std::vector<uint8_t>&)>& sink) {
  if (options_.simulated) return runSimulated(sink);
  const uint64_t total_packets = options_.duration_ms * options_.bitrate_bps / (188 * 8 * 1000);
  std::vector<uint8_t> chunk;
  chunk.reserve(188 * 1024);
  for (uint64_t i = 0; i < total_packets; ++i) {
    // Stream time of this packet slot, in 27 MHz ticks and in ms.
    const uint64_t now_27mhz = i * 188 * 8 * 27'000'000 / options_.bitrate_bps;
    const uint64_t now_ms = now_27mhz / 27'000;
    const size_t before = chunk.size();
    if (options_.pcr_pid && now_ms >= next_pcr_ms_) {
      emitPcr(now_27mhz, &chunk);
      next_pcr_ms_ = now_ms + kPcrIntervalMs;
    } else if ((options_.tdt_period_ms && now_ms >= next_tdt_ms_) ||
               (options_.tot && now_ms >= next_tot_ms_)) {
      emitTime(now_ms, &chunk);
    } else {
      for (Slot& s : slots_) {
        if (s.pending_pos >= s.pending.size() && now_ms >= s.next_due_ms) {
          s.pending.clear();
          s.pending_pos = 0;
          s.packetizer.packetize(s.carousel.sections, &s.pending);
          s.next_due_ms = now_ms + s.carousel.period_ms;
        }
        if (s.pending_pos < s.pending.size()) {
          const auto begin = s.pending.begin() + static_cast<std::ptrdiff_t>(s.pending_pos);
          chunk.insert(chunk.end(), begin, begin + 188);
          s.pending_pos += 188;
          break;
        }
      }
    }
    if (chunk.size() == before) emitFiller(&chunk);
    if (chunk.size() >= 188 * 1000) {
      sink(chunk);
      chunk.clear();
    }
  }
  if (!chunk.empty()) sink(chunk);
}

uint64_t CarouselMux::stepPackets() const {
  if (!options_.simulated) return 0;
  const SimulatedClock& sim = *options_.simulated;
  std::vector<dvb::Section> time = dvb::Tdt{options_.start_utc}.encode();
  if (options_.tot) {
    dvb::Tot t = *options_.tot;
    t.utc = options_.start_utc;
    for (dvb::Section& s : t.encode()) time.push_back(std::move(s));
  }
  uint64_t content = packetCount(0x0014, time);
  for (const Slot& s : slots_)
    content += sim.repetitions * packetCount(s.carousel.pid, s.carousel.sections);
  uint64_t packets = content;
  if (options_.pcr_pid) {
    // PCR slots are due 40 ms apart but read on a millisecond clock, so two
    // of them can be as close as 39 ms: a step of n packets holds at most
    // n / spacing + 1 of them.
    const uint64_t spacing =
        std::max<uint64_t>(1, (kPcrIntervalMs - 1) * options_.bitrate_bps / (188 * 8 * 1000));
    while (packets < content + packets / spacing + 1) ++packets;
  }
  const uint64_t min_packets = sim.min_step_ms * options_.bitrate_bps / (188 * 8 * 1000);
  return std::max(packets, min_packets);
}

void CarouselMux::runSimulated(const std::function<void(const std::vector<uint8_t>&)>& sink) {
  const SimulatedClock& sim = *options_.simulated;
  const uint64_t step_packets = stepPackets();
  std::vector<uint8_t> chunk, content;
  chunk.reserve(188 * 1024);
  uint64_t index = 0;  // packet slots since stream time 0
  for (uint64_t k = 0; k < sim.steps; ++k) {
    content.clear();
    const dvb::UtcSeconds utc = options_.start_utc + static_cast<int64_t>(k * sim.step_s);
    emitTimeAt(utc, true, options_.tot.has_value(), &content);
    for (uint32_t r = 0; r < sim.repetitions; ++r)
      for (Slot& s : slots_) s.packetizer.packetize(s.carousel.sections, &content);
    // The step: the TDT in its first packet (so TDTs are exactly evenly
    // spaced), then PCR where due and the rest of the content in order, then
    // filler. stepPackets() always holds the content; the `pos` test is a guard.
    size_t pos = 0;
    for (uint64_t n = 0; n < step_packets || pos < content.size(); ++n, ++index) {
      const uint64_t now_27mhz = index * 188 * 8 * 27'000'000 / options_.bitrate_bps;
      const uint64_t now_ms = now_27mhz / 27'000;
      if (options_.pcr_pid && now_ms >= next_pcr_ms_ && n > 0) {
        emitPcr(now_27mhz, &chunk);
        next_pcr_ms_ = now_ms + kPcrIntervalMs;
      } else if (pos < content.size()) {
        const auto begin = content.begin() + static_cast<std::ptrdiff_t>(pos);
        chunk.insert(chunk.end(), begin, begin + 188);
        pos += 188;
      } else {
        emitFiller(&chunk);
      }
      if (chunk.size() >= 188 * 1000) {
        sink(chunk);
        chunk.clear();
      }
    }
  }
  if (!chunk.empty()) sink(chunk);
}

}  // namespace tools
