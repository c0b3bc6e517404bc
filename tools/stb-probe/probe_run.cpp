#include "tools/stb-probe/probe_run.h"

#include <poll.h>

#include <chrono>
#include <vector>

#include "dvb/notice/signed_object.h"
#include "tools/stb-probe/probe_collector.h"
#include "tools/stb-probe/probe_sections.h"

namespace tools {
namespace {

// The most of a file kept while no packet has been found, in case it is a
// file of sections (a signed notice .bin is a few hundred KiB at most).
constexpr size_t kMaxSectionFile = 16 << 20;

// A file with no packets at all: either a file of sections, read as such, or
// not something the probe can read (false with *error).
bool readWithoutPackets(const std::vector<uint8_t>& head, bool whole, const std::string& source,
                        dvb::SiDemux& demux, ProbeCollector& collector, std::string* error) {
  std::vector<dvb::Section> sections;
  if (head.empty()) {
    *error = source + " is empty";
    return false;
  }
  if (!whole || !splitSectionFile(head, &sections)) {
    *error = source +
             " is neither a transport stream (no run of 0x47 sync bytes every 188, 192 or 204 "
             "bytes) nor a file of sections";
    return false;
  }
  // Every length a section_length can say, as the file holds them.
  demux.addSectionPid(kFileObjectPid, 3 + 0x0FFF);
  for (dvb::Section& s : sections) {
    const uint16_t pid = standardPidOf(s.tableId());
    if (pid != 0xFFFF)
      demux.pushSection(pid, std::move(s));
    else if (dvb::notice::isObjectTableId(s.tableId()))
      demux.pushSection(kFileObjectPid, std::move(s));
  }
  collector.report().file_sections = sections.size();
  return true;
}

}  // namespace

bool runProbe(platform::TsSource& source, const ProbeOptions& options, ProbeReport* report,
              std::string* error) {
  ProbeCollector collector(options.text, options.keys);
  dvb::SiDemuxOptions demux_options;
  demux_options.eit = true;  // a probe CRC-checks EIT too, to report its damage
  demux_options.follow_registration = dvb::notice::kRegistrationFormat;
  demux_options.gather = [&collector](uint16_t pid, uint8_t table_id, uint16_t) {
    return collector.gathers(pid, table_id);
  };
  dvb::SiDemux demux(collector, demux_options);
  for (uint16_t pid : options.extra_pids) demux.addSectionPid(pid);
  dvb::TsFramer framer;
  std::vector<uint8_t> buffer(1 << 20);

  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                           std::chrono::duration<double>(options.max_seconds));
  bool ok = true;
  bool ended = false;
  std::vector<uint8_t> head;  // what was read before the first packet
  bool head_whole = true;
  for (;;) {
    if (options.stop && options.stop->load()) break;
    if (options.max_seconds > 0 && Clock::now() >= deadline) break;
    const platform::ReadResult r = source.read(buffer.data(), buffer.size());
    if (r.status == platform::ReadResult::Status::kData) {
      framer.push(buffer.data(), r.bytes, [&](const uint8_t* p) { demux.pushPacket(p); });
      if (framer.packets() != 0) {
        head.clear();
      } else if (head.size() + r.bytes > kMaxSectionFile) {
        head_whole = false;
        head.clear();
      } else if (head_whole) {
        head.insert(head.end(), buffer.data(), buffer.data() + r.bytes);
      }
    } else if (r.status == platform::ReadResult::Status::kWouldBlock) {
      pollfd pfd{source.fd(), POLLIN, 0};
      poll(&pfd, 1, 200);  // wake regularly to honour the deadline and stop flag
    } else if (r.status == platform::ReadResult::Status::kEnd) {
      ended = true;
      break;
    } else {
      if (error) *error = r.error;  // names the source already
      ok = false;
      break;
    }
  }
  // A short capture (fewer than five packets) is read when its slots agree.
  framer.finish([&](const uint8_t* p) { demux.pushPacket(p); });
  // At the end of a file, no packets means sections or nothing readable: never
  // an empty report that looks like success.
  if (ok && ended && framer.packets() == 0) {
    std::string why;
    if (!readWithoutPackets(head, head_whole, source.describe(), demux, collector, &why)) {
      if (error) *error = why;
      ok = false;
    }
  }
  collector.finish(framer, demux);
  collector.report().source = source.describe();
  *report = std::move(collector.report());
  return ok;
}

}  // namespace tools
