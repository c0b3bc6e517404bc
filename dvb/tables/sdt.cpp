#include "dvb/tables/sdt.h"

#include <cstdio>

#include "dvb/byte_reader.h"
#include "dvb/byte_writer.h"
#include "dvb/decode_error.h"
#include "dvb/table_ids.h"
#include "dvb/tables/table_codec.h"

namespace dvb {

std::optional<ServiceDescriptor> Sdt::Service::serviceDescriptor(
    const text::DecodeOptions& options) const {
  const Descriptor* d = findDescriptor(descriptors, ServiceDescriptor::kTag);
  if (!d) return std::nullopt;
  return ServiceDescriptor::decode(*d, options, nullptr);
}

// ---- decode -----------------------------------------------------------------
std::optional<Sdt> Sdt::decode(const std::vector<Section>& sections, std::string* error) {
  if (!checkTableSections(sections, "SDT", table_id::kSdtActual, error, table_id::kSdtOther))
    return std::nullopt;
  const uint8_t tid = sections[0].tableId();
  Sdt sdt;
  sdt.actual = tid == table_id::kSdtActual;
  sdt.transport_stream_id = sections[0].extension();
  sdt.version = sections[0].version();
  for (const Section& s : sections) {
    ByteReader r(s.payload(), s.payloadSize());
    sdt.original_network_id = r.u16();
    r.skip(1);  // reserved_future_use
    while (r.ok() && !r.atEnd()) {
      Service svc;
      svc.service_id = r.u16();
      const uint8_t flags = r.u8();
      svc.eit_schedule = flags & 0x02;
      svc.eit_present_following = flags & 0x01;
      const uint16_t status = r.u16();
      svc.running_status = static_cast<uint8_t>(status >> 13);
      svc.free_ca_mode = status & 0x1000;
      readDescriptorLoop(r, status & 0x0FFF, &svc.descriptors);
      sdt.services.push_back(std::move(svc));
    }
    if (!r.ok()) return decodeError(error, "SDT", "service loop overruns the section");
  }
  return sdt;
}

// ---- encode -----------------------------------------------------------------
std::vector<Section> Sdt::encode() const {
  std::vector<std::vector<uint8_t>> entries;
  for (const Service& svc : services) {
    ByteWriter w;
    w.u16(svc.service_id);
    w.u8(static_cast<uint8_t>(0xFC | (svc.eit_schedule ? 0x02 : 0) |
                              (svc.eit_present_following ? 0x01 : 0)));
    w.u16(static_cast<uint16_t>((svc.running_status << 13) | (svc.free_ca_mode ? 0x1000 : 0) |
                                (descriptorLoopSize(svc.descriptors) & 0x0FFF)));
    writeDescriptorLoop(w, svc.descriptors);
    entries.push_back(w.take());
  }
  ByteWriter prefix;
  prefix.u16(original_network_id);
  prefix.u8(0xFF);
  return makeTable(actual ? table_id::kSdtActual : table_id::kSdtOther, transport_stream_id,
                   version,
                   packPayloads(prefix.take(), entries, payloadCapacity(kMaxPsiSectionSize)), true);
}

// ---- describe ---------------------------------------------------------------
std::string Sdt::describe(const text::DecodeOptions& options) const {
  char line[160];
  std::snprintf(line, sizeof line, "SDT %s onid %u tsid %u version %u, %zu services\n",
                actual ? "actual" : "other", original_network_id, transport_stream_id, version,
                services.size());
  std::string out = line;
  for (const Service& svc : services) {
    // A service without a (valid) service_descriptor shows type 0 and no names.
    const auto sd = svc.serviceDescriptor(options).value_or(ServiceDescriptor{});
    std::snprintf(line, sizeof line, "  service %5u ", svc.service_id);
    out += line + sd.describe() + "\n";
  }
  return out;
}

}  // namespace dvb
