#include "dvb/si_demux.h"

#include "dvb/table_ids.h"

namespace dvb {

SiDemux::SiDemux(SiListener& listener, SiDemuxOptions options)
    : listener_(listener),
      options_(options),
      assembler_([this](uint16_t pid, Section s) { onSection(pid, std::move(s)); }),
      gatherer_([this](uint16_t pid, const std::vector<Section>& t) { onTable(pid, t); }),
      wanted_(kPidCount, false) {
  auto want = [this](uint16_t pid, size_t max) {
    assembler_.addPid(pid, max);
    wanted_[pid] = true;
  };
  want(pid::kPat, kMaxPsiSectionSize);
  want(pid::kTdt, kMaxPsiSectionSize);
  if (options_.nit) want(pid::kNit, kMaxPsiSectionSize);
  if (options_.sdt) want(pid::kSdt, kMaxPsiSectionSize);
  if (options_.eit) want(pid::kEit, kMaxPrivateSectionSize);
}

void SiDemux::addSectionPid(uint16_t pid, size_t max_section_size) {
  assembler_.addPid(pid, max_section_size);
  wanted_[pid] = true;
  other_pids_.insert(pid);
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

void SiDemux::onSection(uint16_t pid, Section section) {
  const uint8_t tid = section.tableId();
  std::string error;
  if (other_pids_.count(pid) || (pid == pid::kEit && options_.eit)) {
    listener_.onOtherSection(pid, section);
    return;
  }
  if (pid == pid::kTdt) {
    if (tid == table_id::kTdt) {
      health_.onTable(RepeatedTable::kTdt, pid);
      if (auto tdt = Tdt::decode(section, &error)) return listener_.onTdt(*tdt);
    } else if (tid == table_id::kTot) {
      if (auto tot = Tot::decode(section, &error)) return listener_.onTot(*tot);
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

void SiDemux::onTable(uint16_t pid, const std::vector<Section>& sections) {
  const uint8_t tid = sections[0].tableId();
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
          if (!pmt_pids_.count(stream) && stream >= 0x0020 && stream < kNullPid)
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
    assembler_.removePid(pid);
    gatherer_.forgetPid(pid);
    wanted_[pid] = false;
  }
  for (uint16_t pid : next) {
    assembler_.addPid(pid, kMaxPsiSectionSize);
    wanted_[pid] = true;
  }
  pmt_pids_ = std::move(next);
}

}  // namespace dvb
