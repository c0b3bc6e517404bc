#include "tools/stb-probe/probe_collector.h"

#include <cstdio>

#include "dvb/notice/object_describe.h"
#include "dvb/table_ids.h"

namespace tools {

ProbeCollector::ProbeCollector(const dvb::text::DecodeOptions& text,
                               std::shared_ptr<dvb::notice::KeyRing> keys)
    : text_(text), keys_(std::move(keys)) {
  if (keys_) verifier_ = std::make_unique<dvb::notice::ObjectVerifier>(*keys_);
}

// A section the filter takes never reaches onOtherSection: counted here.
bool ProbeCollector::gathers(uint16_t pid, uint8_t table_id) {
  if (!dvb::notice::isObjectTableId(table_id)) return false;
  if (pid != kFileObjectPid) countSection(pid, table_id);
  return true;
}

void ProbeCollector::onPat(const dvb::Pat& pat) {
  report_.pat = pat;
}

void ProbeCollector::onPmt(uint16_t pid, const dvb::Pmt& pmt) {
  report_.pmts[pmt.program_number] = ProbePmt{pid, pmt};
}

void ProbeCollector::onNit(const dvb::Nit& nit) {
  ProbeNetwork& n = report_.networks[{nit.network_id, nit.actual}];
  n.network_id = nit.network_id;
  n.actual = nit.actual;
  if (auto name = nit.networkName(text_)) {
    n.name = name->utf8;
    n.name_undecodable = name->undecodable;
  }
}

void ProbeCollector::onSdt(const dvb::Sdt& sdt) {
  for (const auto& svc : sdt.services) {
    ProbeService& s =
        report_.services[{sdt.original_network_id, sdt.transport_stream_id, svc.service_id}];
    s.onid = sdt.original_network_id;
    s.tsid = sdt.transport_stream_id;
    s.sid = svc.service_id;
    s.actual = sdt.actual;
    if (auto sd = svc.serviceDescriptor(text_)) {
      s.type = sd->service_type;
      s.name = sd->service_name.utf8;
      s.provider = sd->provider_name.utf8;
      s.name_undecodable = sd->service_name.undecodable;
    }
  }
}

void ProbeCollector::onTdt(const dvb::Tdt& tdt) {
  report_.tdts.push_back(tdt.utc);
}

void ProbeCollector::onTot(const dvb::Tot& tot) {
  size_t malformed = 0;
  report_.tots.push_back({tot.utc, tot.localTimeOffsets(&malformed)});
  if (malformed) onTableError(dvb::pid::kTdt, dvb::table_id::kTot, "malformed local_time_offset");
}

void ProbeCollector::onOtherSection(uint16_t pid, const dvb::Section& section) {
  countSection(pid, section.tableId());
}

// Every repetition of every section on a --pid (or registered) PID, and the
// EIT's.
void ProbeCollector::countSection(uint16_t pid, uint8_t table_id) {
  if (pid != dvb::pid::kEit)
    ++report_.extra_pid_sections[pid];
  else if (table_id >= dvb::table_id::kEitFirst && table_id <= dvb::table_id::kEitLast)
    ++report_.eit_sections;
}

void ProbeCollector::onPrivateTable(uint16_t pid, const std::vector<dvb::Section>& sections) {
  ProbeObject o;
  o.pid = pid == kFileObjectPid ? 0 : pid;
  o.type = dvb::notice::objectTypeName(static_cast<dvb::notice::ObjectType>(sections[0].tableId()));
  std::string why;
  std::optional<dvb::notice::SignedObject> envelope;  // parsed once, verified or not
  if (!verifier_) {
    envelope = dvb::notice::SignedObject::fromSections(sections, &why);
    o.status = envelope ? "unverified: no --trust key given" : "rejected: malformed: " + why;
  } else if (auto verified = verifier_->verify(sections, &why, nullptr, &envelope)) {
    envelope = std::move(verified->envelope);
    o.status = "verified";
    if (const auto* n = std::get_if<dvb::notice::Notice>(&verified->body))
      o.summary = dvb::notice::noticeSummary(*n);
  } else {
    o.status = "rejected: " + why;
  }
  if (envelope) {
    o.object_id = envelope->object_id;
    o.revision = envelope->revision;
  }
  report_.objects.push_back(std::move(o));
}

void ProbeCollector::onTableError(uint16_t pid, uint8_t table_id, const std::string& why) {
  // On a notice table_id (never a PSI one) only a short-syntax section, which
  // the probe counts with its PID's sections and has never called an error.
  if (dvb::notice::isObjectTableId(table_id)) return;
  char key[48];
  std::snprintf(key, sizeof key, "PID 0x%04X table 0x%02X: ", pid, table_id);
  ++report_.table_errors[key + why];
}

void ProbeCollector::finish(const dvb::TsFramer& framer, const dvb::SiDemux& demux) {
  report_.packets = demux.packets();
  report_.packet_size = framer.stride();

  ProbeHealth& h = report_.health;
  const dvb::StreamHealth& sh = demux.health();
  h.sync_errors = framer.syncErrors();
  h.bytes_skipped = framer.bytesSkipped();
  h.malformed_packets = demux.malformedPackets();
  h.total = sh.total();
  h.crc_errors = demux.sectionErrors().crc_errors;
  h.malformed_sections = demux.sectionErrors().malformed;
  h.pat = sh.repetition(dvb::RepeatedTable::kPat);
  h.pmt = sh.repetition(dvb::RepeatedTable::kPmt);
  h.tdt = sh.repetition(dvb::RepeatedTable::kTdt);
  for (uint16_t pid : sh.seenPids()) {
    const dvb::SectionErrors se = demux.sectionErrors(pid);
    h.pids.push_back({pid, sh.pid(pid), se.crc_errors, se.malformed});
  }
}

}  // namespace tools
