#pragma once
// TS packets -> complete, CRC-checked sections, one libdvbpsi raw decoder per
// PID. libdvbpsi does the reassembly across packets and the CRC_32 check of
// long-syntax sections and TOT; this class adds what it lacks:
// - packets whose adaptation field overruns the packet never reach it;
// - a section still incomplete when the next one starts (pointer_field) is
//   dropped instead of swallowing the next section (junk after a section);
// - CRC failures and oversize sections are counted per PID;
// - a section carried in part by a packet with transport_error_indicator set
//   is kept only if a CRC_32 vouches for it (a TDT has none).
// Sections are delivered in stream order, every repetition included;
// version logic is TableGatherer's job.
#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>

#include "dvb/section.h"
#include "dvb/ts_packet.h"

namespace dvb {

struct SectionErrors {
  uint64_t crc_errors = 0;
  uint64_t malformed = 0;  // too long, cut by the next section start, bad length
};

struct SectionAssemblerPid;  // one libdvbpsi handle; defined in the .cpp

class SectionAssembler {
 public:
  using OnSection = std::function<void(uint16_t pid, Section section)>;

  explicit SectionAssembler(OnSection on_section);
  ~SectionAssembler();
  SectionAssembler(const SectionAssembler&) = delete;
  SectionAssembler& operator=(const SectionAssembler&) = delete;

  // Start assembling sections on PID, up to max_section_size bytes each.
  void addPid(uint16_t pid, size_t max_section_size = kMaxPsiSectionSize);
  void removePid(uint16_t pid);
  bool hasPid(uint16_t pid) const { return decoders_.count(pid) != 0; }

  // Feed one packet of a PID added before (others are ignored). The header
  // must come from parseTsHeader on the same packet.
  void push(const uint8_t* packet, const TsHeader& header);

  SectionErrors errors(uint16_t pid) const;
  SectionErrors totalErrors() const;

 private:
  OnSection on_section_;
  std::unordered_map<uint16_t, std::unique_ptr<SectionAssemblerPid>> decoders_;
};

}  // namespace dvb
