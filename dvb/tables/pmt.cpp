#include "dvb/tables/pmt.h"

#include <cstdio>

#include "dvb/byte_reader.h"
#include "dvb/byte_writer.h"
#include "dvb/decode_error.h"
#include "dvb/table_ids.h"
#include "dvb/tables/table_codec.h"

namespace dvb {

// ---- decode -----------------------------------------------------------------
std::optional<Pmt> Pmt::decode(const std::vector<Section>& sections, std::string* error) {
  if (!checkTableSections(sections, "PMT", table_id::kPmt, error)) return std::nullopt;
  if (sections.size() != 1) return decodeError(error, "PMT", "not exactly one section");
  const Section& s = sections[0];
  Pmt pmt;
  pmt.program_number = s.extension();
  pmt.version = s.version();
  ByteReader r(s.payload(), s.payloadSize());
  pmt.pcr_pid = r.u16() & 0x1FFF;
  readDescriptorLoopWithLength(r, &pmt.descriptors);
  while (r.ok() && !r.atEnd()) {
    Stream stream;
    stream.stream_type = r.u8();
    stream.elementary_pid = r.u16() & 0x1FFF;
    readDescriptorLoopWithLength(r, &stream.descriptors);
    pmt.streams.push_back(std::move(stream));
  }
  if (!r.ok()) return decodeError(error, "PMT", "descriptor or stream loop overruns the section");
  return pmt;
}

// ---- encode -----------------------------------------------------------------
std::vector<Section> Pmt::encode() const {
  ByteWriter w;
  w.u16(static_cast<uint16_t>(0xE000 | pcr_pid));
  writeDescriptorLoopWithLength(w, descriptors);
  for (const Stream& s : streams) {
    w.u8(s.stream_type);
    w.u16(static_cast<uint16_t>(0xE000 | s.elementary_pid));
    writeDescriptorLoopWithLength(w, s.descriptors);
  }
  return makeTable(table_id::kPmt, program_number, version, {w.take()}, false);
}

// ---- describe ---------------------------------------------------------------
std::string Pmt::describe() const {
  char line[120];
  std::snprintf(line, sizeof line, "PMT program %u version %u, PCR PID 0x%04X, %zu streams\n",
                program_number, version, pcr_pid, streams.size());
  std::string out = line;
  for (const Stream& s : streams) {
    std::snprintf(line, sizeof line, "  PID 0x%04X type 0x%02X (%s), %zu descriptors\n",
                  s.elementary_pid, s.stream_type, streamTypeName(s.stream_type),
                  s.descriptors.size());
    out += line;
  }
  return out;
}

std::vector<uint16_t> registeredStreams(const Pmt& pmt, uint32_t format_identifier) {
  std::vector<uint16_t> pids;
  for (const Pmt::Stream& s : pmt.streams) {
    for (const Descriptor& d : s.descriptors) {
      if (d.tag != 0x05 || d.data.size() < 4) continue;
      const uint32_t format = (uint32_t{d.data[0]} << 24) | (uint32_t{d.data[1]} << 16) |
                              (uint32_t{d.data[2]} << 8) | d.data[3];
      if (format == format_identifier) {
        pids.push_back(s.elementary_pid);
        break;
      }
    }
  }
  return pids;
}

const char* streamTypeName(uint8_t t) {
  switch (t) {
    case 0x01:
      return "MPEG-1 video";
    case 0x02:
      return "MPEG-2 video";
    case 0x03:
      return "MPEG-1 audio";
    case 0x04:
      return "MPEG-2 audio";
    case 0x05:
      return "private sections";
    case 0x06:
      return "PES private data";
    case 0x0B:
      return "DSM-CC sections";
    case 0x0F:
      return "AAC audio";
    case 0x11:
      return "LATM AAC audio";
    case 0x1B:
      return "H.264 video";
    case 0x24:
      return "HEVC video";
    case 0x81:
      return "AC-3 audio (ATSC)";
    case 0x86:
      return "SCTE-35 splice";
    default:
      return t >= 0x80 ? "user private" : "other";
  }
}

}  // namespace dvb
