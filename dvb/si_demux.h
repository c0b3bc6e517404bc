#pragma once
// The box's view of a transport stream: 188-byte packets in, typed tables out.
//
// Every packet feeds StreamHealth; only the PIDs that carry what a box needs
// go further (PAT, the PMTs it announces, NIT, SDT, TDT/TOT, optionally EIT
// and private-section PIDs added by the caller), through SectionAssembler
// (libdvbpsi) and TableGatherer, into the table decoders. A table that fails
// to decode is reported and dropped; nothing from the stream is trusted before
// its decoder has checked it. No I/O, no clock.
//
// On private-section PIDs the demux decodes nothing: the tables its owner's
// filter (SiDemuxOptions::gather) accepts are gathered by the same
// TableGatherer and handed over whole, the other sections one by one.
//
// A box whose hardware demux hands over whole sections (Linux DVB section
// filters) feeds pushSection instead of pushPacket, and asks sectionWants()
// which filters to run: the answer changes (wantsGeneration) when the PAT
// names other PMTs or a PMT registers a stream to follow.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dvb/section_assembler.h"
#include "dvb/stream_health.h"
#include "dvb/table_gatherer.h"
#include "dvb/tables/nit.h"
#include "dvb/tables/pat.h"
#include "dvb/tables/pmt.h"
#include "dvb/tables/sdt.h"
#include "dvb/tables/tdt.h"
#include "dvb/tables/tot.h"

namespace dvb {

class SiListener {
 public:
  virtual ~SiListener() = default;
  virtual void onPat(const Pat&) {}
  virtual void onPmt(uint16_t /*pid*/, const Pmt&) {}
  virtual void onNit(const Nit&) {}
  virtual void onSdt(const Sdt&) {}
  virtual void onTdt(const Tdt&) {}
  virtual void onTot(const Tot&) {}
  // A whole table on a private-section PID that SiDemuxOptions::gather
  // accepted: every section of one version, in order; once per version, as
  // the PSI are.
  virtual void onPrivateTable(uint16_t /*pid*/, const std::vector<Section>& /*sections*/) {}
  // Sections on private-section PIDs that are not gathered (and EIT when
  // enabled), every repetition, CRC already checked for long syntax.
  virtual void onOtherSection(uint16_t /*pid*/, const Section&) {}
  // A complete table or section that does not decode.
  virtual void onTableError(uint16_t /*pid*/, uint8_t /*table_id*/, const std::string& /*why*/) {}
};

struct SiDemuxOptions {
  bool nit = true;
  bool sdt = true;
  bool eit = false;  // assemble (and CRC-check) EIT sections; delivered raw
  // Streams a PMT announces with a registration_descriptor of this
  // format_identifier are read as private-section PIDs (the notice
  // protocol's "STBN"), as if added with addSectionPid.
  std::optional<uint32_t> follow_registration;
  // Which tables on private-section PIDs to gather and hand over whole
  // through onPrivateTable; the sections it refuses (all of them, without a
  // filter) go to onOtherSection. Asked for every section, so the answer may
  // follow what the owner learns: a refused section never reaches the
  // gatherer, and a version already delivered is not delivered again for
  // being refused and then accepted. table_id_extension is 0 for a
  // short-syntax section, which no table can hold: one the filter accepts is
  // reported through onTableError and dropped.
  std::function<bool(uint16_t pid, uint8_t table_id, uint16_t table_id_extension)> gather;
};

// One section filter's worth of what the demux wants: sections on PID whose
// table_id matches TABLE_ID under TABLE_ID_MASK (as a hardware filter
// compares them), at most MAX_SECTION_SIZE bytes.
struct SectionWant {
  uint16_t pid = 0;
  uint8_t table_id = 0;
  uint8_t table_id_mask = 0xFF;
  size_t max_section_size = kMaxPsiSectionSize;
};

bool operator==(const SectionWant& a, const SectionWant& b);

class SiDemux {
 public:
  SiDemux(SiListener& listener, SiDemuxOptions options = {});

  // One packet beginning with 0x47.
  void pushPacket(const uint8_t* packet);

  // One whole section that arrived on PID without packets (a hardware
  // section filter), handled as if assembled here. Dropped unless PID is one
  // this demux wants; a section longer than the PID allows, or a long-syntax
  // one whose CRC_32 fails, is counted in sectionErrors(PID) and dropped
  // (not every demux checks CRCs).
  void pushSection(uint16_t pid, Section section);

  // Also assemble sections on PID (a private-section PID) and deliver them
  // through onPrivateTable or onOtherSection, as SiDemuxOptions::gather says.
  void addSectionPid(uint16_t pid, size_t max_section_size = kMaxPrivateSectionSize);

  // The filters that deliver everything this demux wants now, by PID.
  std::vector<SectionWant> sectionWants() const;
  // Changes whenever sectionWants() does.
  uint64_t wantsGeneration() const { return wants_generation_; }

  const StreamHealth& health() const { return health_; }
  // From packets and pushed sections together.
  SectionErrors sectionErrors(uint16_t pid) const;
  SectionErrors sectionErrors() const;
  uint64_t sectionsPushed() const { return sections_pushed_; }
  uint64_t packets() const { return packets_; }
  uint64_t malformedPackets() const { return malformed_packets_; }

 private:
  void onSection(uint16_t pid, Section section);
  void onPrivateSection(uint16_t pid, Section section);
  void onTable(uint16_t pid, const std::vector<Section>& sections);
  void updatePmtPids(const Pat& pat);
  void want(uint16_t pid, size_t max_section_size);
  void unwant(uint16_t pid);

  SiListener& listener_;
  SiDemuxOptions options_;
  StreamHealth health_;
  SectionAssembler assembler_;
  TableGatherer gatherer_;
  std::vector<bool> wanted_;  // by PID: sections assembled
  std::set<uint16_t> pmt_pids_;
  std::set<uint16_t> other_pids_;
  std::map<uint16_t, size_t> max_section_size_;  // by wanted PID
  std::map<uint16_t, SectionErrors> pushed_errors_;
  uint64_t wants_generation_ = 0;
  uint64_t sections_pushed_ = 0;
  uint64_t packets_ = 0;
  uint64_t malformed_packets_ = 0;
};

}  // namespace dvb
