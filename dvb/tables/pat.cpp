#include "dvb/tables/pat.h"

#include <cstdio>

#include "dvb/byte_reader.h"
#include "dvb/byte_writer.h"
#include "dvb/decode_error.h"
#include "dvb/table_ids.h"
#include "dvb/tables/table_codec.h"

namespace dvb {

// ---- decode -----------------------------------------------------------------
std::optional<Pat> Pat::decode(const std::vector<Section>& sections, std::string* error) {
  if (!checkTableSections(sections, "PAT", table_id::kPat, error)) return std::nullopt;
  Pat pat;
  pat.transport_stream_id = sections[0].extension();
  pat.version = sections[0].version();
  for (const Section& s : sections) {
    if (s.payloadSize() % 4 != 0)
      return decodeError(error, "PAT", "loop is not a multiple of 4 bytes");
    ByteReader r(s.payload(), s.payloadSize());
    while (!r.atEnd()) {
      const uint16_t number = r.u16();
      const uint16_t pid = r.u16() & 0x1FFF;
      if (number == 0)
        pat.network_pid = pid;
      else
        pat.programs.push_back({number, pid});
    }
  }
  return pat;
}

// ---- encode -----------------------------------------------------------------
std::vector<Section> Pat::encode() const {
  std::vector<std::vector<uint8_t>> entries;
  auto entry = [](uint16_t number, uint16_t pid) {
    ByteWriter w;
    w.u16(number);
    w.u16(static_cast<uint16_t>(0xE000 | pid));
    return w.take();
  };
  if (network_pid) entries.push_back(entry(0, *network_pid));
  for (const Program& p : programs) entries.push_back(entry(p.program_number, p.pmt_pid));
  return makeTable(table_id::kPat, transport_stream_id, version,
                   packPayloads({}, entries, payloadCapacity(kMaxPsiSectionSize)), false);
}

// ---- describe ---------------------------------------------------------------
std::string Pat::describe() const {
  std::string out = "PAT tsid " + std::to_string(transport_stream_id) + " version " +
                    std::to_string(version) + ", " + std::to_string(programs.size()) +
                    " programs\n";
  char line[80];
  if (network_pid) {
    std::snprintf(line, sizeof line, "  network PID 0x%04X\n", *network_pid);
    out += line;
  }
  for (const Program& p : programs) {
    std::snprintf(line, sizeof line, "  program %5u -> PMT PID 0x%04X\n", p.program_number,
                  p.pmt_pid);
    out += line;
  }
  return out;
}

}  // namespace dvb
