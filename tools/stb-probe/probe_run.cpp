#include "tools/stb-probe/probe_run.h"

#include <poll.h>

#include <chrono>
#include <vector>

#include "dvb/notice/signed_object.h"
#include "tools/stb-probe/probe_collector.h"

namespace tools {

bool runProbe(platform::TsSource& source, const ProbeOptions& options, ProbeReport* report,
              std::string* error) {
  ProbeCollector collector(options.text, options.keys);
  dvb::SiDemuxOptions demux_options;
  demux_options.eit = true;  // a probe CRC-checks EIT too, to report its damage
  demux_options.follow_registration = dvb::notice::kRegistrationFormat;
  dvb::SiDemux demux(collector, demux_options);
  for (uint16_t pid : options.extra_pids) demux.addSectionPid(pid);
  dvb::TsFramer framer;
  std::vector<uint8_t> buffer(1 << 20);

  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                           std::chrono::duration<double>(options.max_seconds));
  bool ok = true;
  for (;;) {
    if (options.stop && options.stop->load()) break;
    if (options.max_seconds > 0 && Clock::now() >= deadline) break;
    const platform::ReadResult r = source.read(buffer.data(), buffer.size());
    if (r.status == platform::ReadResult::Status::kData) {
      framer.push(buffer.data(), r.bytes, [&](const uint8_t* p) { demux.pushPacket(p); });
    } else if (r.status == platform::ReadResult::Status::kWouldBlock) {
      pollfd pfd{source.fd(), POLLIN, 0};
      poll(&pfd, 1, 200);  // wake regularly to honour the deadline and stop flag
    } else if (r.status == platform::ReadResult::Status::kEnd) {
      break;
    } else {
      if (error) *error = r.error;  // names the source already
      ok = false;
      break;
    }
  }
  framer.finish();
  collector.finish(framer, demux);
  collector.report().source = source.describe();
  *report = std::move(collector.report());
  return ok;
}

}  // namespace tools
