#include "tools/stb-notice/notice_stream.h"

#include "dvb/descriptors/local_time_offset_descriptor.h"
#include "dvb/notice/signed_object.h"
#include "dvb/table_ids.h"
#include "dvb/tables/pat.h"
#include "dvb/tables/pmt.h"
#include "dvb/tables/tot.h"

namespace tools::notice {
namespace {

constexpr uint32_t kPsiPeriodMs = 100;  // PAT/PMT in real time (EN 300 468 allows up to 100 ms)

bool encodable(dvb::UtcSeconds t) {
  uint8_t bytes[5];
  return dvb::encodeUtcTime(t, bytes);
}

std::string checkOptions(const StreamOptions& o) {
  if (o.pid < 0x0020 || o.pid > 0x1FFE || o.pid == kPmtPid || o.pid == kPcrPid)
    return "--pid must be 0x0020..0x1FFE and not 0x1000 (PMT) or 0x1001 (PCR)";
  if (o.bitrate_bps < 100'000 || o.bitrate_bps > 1'000'000'000)
    return "--bitrate must be 100000..1000000000 bit/s";
  if (o.tdt_every_ms == 0) return "--tdt-every must be positive";
  if (!encodable(o.from)) return "--from is outside the years a TDT can carry (1949-2127)";
  if (o.country.size() != 3) return "--country must be 3 letters (ISO 3166, e.g. CHN)";
  for (char c : o.country)
    if (c < 'A' || c > 'Z') return "--country must be 3 upper-case letters (ISO 3166, e.g. CHN)";
  if (!o.to) return o.duration_ms ? "" : "--duration must be positive";
  if (*o.to < o.from) return "--to is before --from";
  if (!encodable(*o.to)) return "--to is outside the years a TDT can carry (1949-2127)";
  if (o.tdt_every_ms % 1000)
    return "--tdt-every must be whole seconds with --to (a TDT counts seconds)";
  if (o.repetitions == 0 || o.repetitions > 1000) return "--repeat must be 1..1000";
  return "";
}

dvb::Tot makeTot(const StreamOptions& o, dvb::UtcSeconds last) {
  dvb::LocalTimeOffsetDescriptor lto;
  // No change of offset is announced: the next offset is the current one.
  lto.entries.push_back({o.country, 0, o.offset_minutes, last, o.offset_minutes});
  dvb::Tot tot;
  if (auto d = lto.encode()) tot.descriptors.push_back(*d);
  return tot;
}

}  // namespace

std::optional<CarouselMux> makeNoticeMux(const std::vector<dvb::Section>& sections,
                                         const StreamOptions& options, StreamPlan* plan,
                                         std::string* error) {
  if (std::string why = checkOptions(options); !why.empty()) {
    *error = why;
    return std::nullopt;
  }
  dvb::Pat pat;
  pat.transport_stream_id = kTsid;
  pat.programs.push_back({kProgram, kPmtPid});
  dvb::Pmt pmt;
  pmt.program_number = kProgram;
  pmt.pcr_pid = kPcrPid;
  const uint32_t f = dvb::notice::kRegistrationFormat;
  const dvb::Descriptor registration{
      0x05, {uint8_t(f >> 24), uint8_t(f >> 16), uint8_t(f >> 8), uint8_t(f)}};
  pmt.streams.push_back({0x05, options.pid, {registration}});

  MuxOptions mux;
  mux.bitrate_bps = options.bitrate_bps;
  mux.start_utc = options.from;
  mux.pcr_pid = kPcrPid;
  mux.tdt_period_ms = static_cast<uint32_t>(options.tdt_every_ms);
  mux.tot_period_ms = mux.tdt_period_ms;
  mux.duration_ms = options.duration_ms;
  *plan = StreamPlan{};
  if (options.to) {
    SimulatedClock sim;
    sim.step_s = static_cast<uint32_t>(options.tdt_every_ms / 1000);
    sim.steps = static_cast<uint64_t>(*options.to - options.from) / sim.step_s + 1;
    sim.repetitions = options.repetitions;
    sim.min_step_ms = options.min_step_ms;
    mux.simulated = sim;
  }
  const dvb::UtcSeconds last =
      options.to ? *options.to
                 : options.from + static_cast<dvb::UtcSeconds>(options.duration_ms / 1000);
  mux.tot = makeTot(options, encodable(last) ? last : options.from);

  CarouselMux m(mux);
  m.add({dvb::pid::kPat, pat.encode(), kPsiPeriodMs});
  m.add({kPmtPid, pmt.encode(), kPsiPeriodMs});
  m.add({options.pid, sections, options.period_ms});
  if (mux.simulated) {
    plan->tdt_count = mux.simulated->steps;
    plan->step_packets = m.stepPackets();
    plan->packets = plan->tdt_count * plan->step_packets;
  } else {
    plan->tdt_count = (options.duration_ms + options.tdt_every_ms - 1) / options.tdt_every_ms;
    plan->packets = options.duration_ms * options.bitrate_bps / (188 * 8 * 1000);
  }
  return m;
}

}  // namespace tools::notice
