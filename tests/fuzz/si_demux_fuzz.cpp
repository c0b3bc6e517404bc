// libFuzzer target: arbitrary bytes as a transport stream through the framer
// and the whole SI path (libdvbpsi reassembly, gathering, every decoder).
// Packets on a few PIDs are forced to look like SI so the fuzzer reaches the
// section layer quickly. The same bytes then go in as whole sections, as a
// box's hardware section filters hand them over (SiDemux::pushSection).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "dvb/crc32.h"
#include "dvb/framing/ts_framer.h"
#include "dvb/si_demux.h"

namespace {

struct Sink : dvb::SiListener {
  size_t seen = 0;
  void onPat(const dvb::Pat& p) override { seen += p.programs.size(); }
  void onPmt(uint16_t, const dvb::Pmt& p) override { seen += p.streams.size(); }
  void onNit(const dvb::Nit& n) override {
    seen += n.networkName({}) ? n.networkName({})->utf8.size() : 0;
  }
  void onSdt(const dvb::Sdt& s) override {
    for (const auto& svc : s.services)
      if (auto sd = svc.serviceDescriptor({})) seen += sd->service_name.utf8.size();
  }
  void onTot(const dvb::Tot& t) override { seen += t.localTimeOffsets().size(); }
  void onOtherSection(uint16_t, const dvb::Section& s) override { seen += s.payloadSize(); }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Whole 188-byte packets straight in: sync bytes and PIDs forced from the data.
  Sink sink;
  dvb::SiDemuxOptions options;
  options.eit = true;
  dvb::SiDemux demux(sink, options);
  demux.addSectionPid(0x1F00);
  static const uint16_t kPids[] = {0x00, 0x10, 0x11, 0x12, 0x14, 0x1F00, 0x100, 0x200};
  std::vector<uint8_t> packet(188);
  for (size_t off = 0; off + 188 <= size; off += 188) {
    std::copy(data + off, data + off + 188, packet.begin());
    packet[0] = 0x47;
    const uint16_t pid = kPids[packet[1] & 0x07];
    packet[1] = static_cast<uint8_t>((packet[1] & 0xE0) | (pid >> 8));
    packet[2] = static_cast<uint8_t>(pid);
    demux.pushPacket(packet.data());
  }
  // The same bytes through the framer, as a file or UDP source would give them.
  dvb::TsFramer framer;
  framer.push(data, size, [&](const uint8_t* p) { demux.pushPacket(p); });
  framer.finish();

  // Sections: [pid selector, fix-CRC bit][length: 2 bytes][bytes]. The
  // section_length is made to agree with the bytes (Section refuses others)
  // and, when asked, the CRC_32 made right, so the decoders behind the
  // demux's own checks are reached.
  dvb::SiDemux sections(sink, options);
  sections.addSectionPid(0x1F00);
  for (size_t off = 0; off + 3 <= size;) {
    const uint16_t pid = kPids[data[off] & 0x07];
    const bool fix_crc = (data[off] & 0x08) != 0;
    const size_t want = static_cast<size_t>((data[off + 1] << 8) | data[off + 2]) % 4100;
    off += 3;
    const size_t len = std::min(want, size - off);
    std::vector<uint8_t> bytes(data + off, data + off + len);
    off += len;
    if (bytes.size() < 3 || bytes.size() - 3 > 0x0FFF) continue;
    const size_t section_length = bytes.size() - 3;
    bytes[1] = static_cast<uint8_t>((bytes[1] & 0xF0) | (section_length >> 8));
    bytes[2] = static_cast<uint8_t>(section_length);
    if (fix_crc && (bytes[1] & 0x80) && bytes.size() >= 12) {
      const uint32_t crc = dvb::crc32Mpeg2(bytes.data(), bytes.size() - 4);
      for (int i = 0; i < 4; ++i)
        bytes[bytes.size() - 4 + i] = static_cast<uint8_t>(crc >> (24 - 8 * i));
    }
    if (auto section = dvb::Section::fromBytes(std::move(bytes), nullptr))
      sections.pushSection(pid, std::move(*section));
  }
  return 0;
}
