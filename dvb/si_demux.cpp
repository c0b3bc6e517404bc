#include "dvb/si_demux.h"

#include <utility>

#include "dvb/table_ids.h"

namespace dvb {

bool operator==(const SectionWant& a, const SectionWant& b) {
  return a.pid == b.pid && a.table_id == b.table_id && a.table_id_mask == b.table_id_mask &&
         a.max_section_size == b.max_section_size;
}

SiDemux::SiDemux(SiListener& listener, SiDemuxOptions options)
    : listener_(listener),
      options_(std::move(options)),
      assembler_([this](uint16_t pid, Section s) { onSection(pid, std::move(s)); }),
      gatherer_([this](uint16_t pid, const std::vector<Section>& t) { onTable(pid, t); }),
      wanted_(kPidCount, false) {
  want(pid::kPat, kMaxPsiSectionSize);
  want(pid::kTdt, kMaxPsiSectionSize);
  if (options_.nit) want(pid::kNit, kMaxPsiSectionSize);
  if (options_.sdt) want(pid::kSdt, kMaxPsiSectionSize);
  if (options_.eit) want(pid::kEit, kMaxPrivateSectionSize);
}

void SiDemux::want(uint16_t pid, size_t max_section_size) {
  assembler_.addPid(pid, max_section_size);
  wanted_[pid] = true;
  max_section_size_[pid] = max_section_size;
  ++wants_generation_;
}

void SiDemux::unwant(uint16_t pid) {
  assembler_.removePid(pid);
  wanted_[pid] = false;
  max_section_size_.erase(pid);
  ++wants_generation_;
}

void SiDemux::addSectionPid(uint16_t pid, size_t max_section_size) {
  want(pid, max_section_size);
  other_pids_.insert(pid);
}

std::vector<SectionWant> SiDemux::sectionWants() const {
  // One filter per PID: a PID delivered raw takes every table on it.
  std::map<uint16_t, SectionWant> by_pid;
  auto add = [&](uint16_t pid, uint8_t table_id, uint8_t mask) {
    const auto max = max_section_size_.find(pid);
    if (max == max_section_size_.end()) return;
    by_pid[pid] = SectionWant{pid, table_id, mask, max->second};
  };
  add(pid::kPat, table_id::kPat, 0xFF);
  add(pid::kTdt, table_id::kTdt, 0xFC);  // 0x70..0x73: TDT and TOT (RST, ST ignored)
  if (options_.nit) add(pid::kNit, table_id::kNitActual, 0xFE);  // 0x40, 0x41
  if (options_.sdt) add(pid::kSdt, table_id::kSdtActual, 0xFB);  // 0x42, 0x46 (not BAT)
  if (options_.eit) add(pid::kEit, table_id::kEitFirst, 0xC0);   // 0x40..0x7F
  for (uint16_t pid : pmt_pids_) add(pid, table_id::kPmt, 0xFF);
  for (uint16_t pid : other_pids_) add(pid, 0x00, 0x00);
  std::vector<SectionWant> wants;
  for (const auto& [pid, w] : by_pid) wants.push_back(w);
  return wants;
}

SectionErrors SiDemux::sectionErrors(uint16_t pid) const {
  SectionErrors e = assembler_.errors(pid);
  const auto pushed = pushed_errors_.find(pid);
  if (pushed != pushed_errors_.end()) {
    e.crc_errors += pushed->second.crc_errors;
    e.malformed += pushed->second.malformed;
  }
  return e;
}

SectionErrors SiDemux::sectionErrors() const {
  SectionErrors e = assembler_.totalErrors();
  for (const auto& [pid, pushed] : pushed_errors_) {
    e.crc_errors += pushed.crc_errors;
    e.malformed += pushed.malformed;
  }
  return e;
}

void SiDemux::pushPacket(const uint8_t* packet) {
  ++packets_;
  const auto header = parseTsHeader(packet);
  if (!header) {
    ++malformed_packets_;
    return;
  }
  health_.onPacket(*header);
  if (!wanted_[header->pid]) return;
  assembler_.push(packet, *header);
}

void SiDemux::pushSection(uint16_t pid, Section section) {
  // A filter stopped after the PAT changed may still hand over what it held.
  if (pid >= kPidCount || !wanted_[pid]) return;
  ++sections_pushed_;
  const auto max = max_section_size_.find(pid);
  if (max != max_section_size_.end() && section.bytes().size() > max->second) {
    ++pushed_errors_[pid].malformed;
    return;
  }
  if (section.longSyntax() && !section.crcValid()) {
    ++pushed_errors_[pid].crc_errors;
    return;
  }
  onSection(pid, std::move(section));
}

void SiDemux::onSection(uint16_t pid, Section section) {
  const uint8_t tid = section.tableId();
  std::string error;
  if (other_pids_.count(pid)) return onPrivateSection(pid, std::move(section));
  if (pid == pid::kEit && options_.eit) return listener_.onOtherSection(pid, section);
  if (pid == pid::kTdt) {
    if (tid == table_id::kTdt) {
      health_.onTable(RepeatedTable::kTdt, pid);
      if (auto tdt = Tdt::decode({section}, &error)) return listener_.onTdt(*tdt);
    } else if (tid == table_id::kTot) {
      if (auto tot = Tot::decode({section}, &error)) return listener_.onTot(*tot);
    } else {
      return;  // ST (0x72) stuffing and other short tables: nothing for a box
    }
    listener_.onTableError(pid, tid, error);
    return;
  }
  if (pid == pid::kPat && tid == table_id::kPat) health_.onTable(RepeatedTable::kPat, pid);
  if (tid == table_id::kPmt && pmt_pids_.count(pid)) health_.onTable(RepeatedTable::kPmt, pid);
  gatherer_.push(pid, std::move(section));
}

// The owner's filter says which tables to gather; the gatherer keeps the
// same rules as for the PSI (one delivery per version, current sections only).
void SiDemux::onPrivateSection(uint16_t pid, Section section) {
  const uint8_t tid = section.tableId();
  if (!options_.gather || !options_.gather(pid, tid, section.extension()))
    return listener_.onOtherSection(pid, section);
  if (!section.longSyntax())
    return listener_.onTableError(pid, tid, "short-syntax section where a table is gathered");
  gatherer_.push(pid, std::move(section));
}

void SiDemux::onTable(uint16_t pid, const std::vector<Section>& sections) {
  const uint8_t tid = sections[0].tableId();
  if (other_pids_.count(pid)) return listener_.onPrivateTable(pid, sections);
  std::string error = "unexpected table on this PID";
  if (pid == pid::kPat && tid == table_id::kPat) {
    if (auto pat = Pat::decode(sections, &error)) {
      updatePmtPids(*pat);
      return listener_.onPat(*pat);
    }
  } else if (pmt_pids_.count(pid) && tid == table_id::kPmt) {
    if (auto pmt = Pmt::decode(sections, &error)) {
      if (options_.follow_registration)
        for (uint16_t stream : registeredStreams(*pmt, *options_.follow_registration))
          if (!pmt_pids_.count(stream) && !other_pids_.count(stream) && stream >= 0x0020 &&
              stream < kNullPid)
            addSectionPid(stream);
      return listener_.onPmt(pid, *pmt);
    }
  } else if (pid == pid::kNit && (tid == table_id::kNitActual || tid == table_id::kNitOther)) {
    if (auto nit = Nit::decode(sections, &error)) return listener_.onNit(*nit);
  } else if (pid == pid::kSdt && (tid == table_id::kSdtActual || tid == table_id::kSdtOther)) {
    if (auto sdt = Sdt::decode(sections, &error)) return listener_.onSdt(*sdt);
  } else {
    return;  // BAT, CAT and the like: not decoded, not an error
  }
  listener_.onTableError(pid, tid, error);
}

// PMT PIDs follow the current PAT; PIDs the PAT no longer names are dropped
// so a stale PMT cannot linger. Reserved PIDs are never taken as PMT PIDs.
void SiDemux::updatePmtPids(const Pat& pat) {
  std::set<uint16_t> next;
  for (const auto& p : pat.programs)
    if (p.pmt_pid >= 0x0020 && p.pmt_pid < kNullPid && !other_pids_.count(p.pmt_pid))
      next.insert(p.pmt_pid);
  for (uint16_t pid : pmt_pids_) {
    if (next.count(pid)) continue;
    unwant(pid);
    gatherer_.forgetPid(pid);
  }
  for (uint16_t pid : next)
    if (!pmt_pids_.count(pid)) want(pid, kMaxPsiSectionSize);
  pmt_pids_ = std::move(next);
}

}  // namespace dvb
