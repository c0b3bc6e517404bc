#include "dvb/tables/nit.h"

#include "dvb/byte_reader.h"
#include "dvb/byte_writer.h"
#include "dvb/decode_error.h"
#include "dvb/table_ids.h"
#include "dvb/tables/table_codec.h"

namespace dvb {

constexpr uint8_t kNetworkNameDescriptor = 0x40;

std::optional<DvbText> Nit::networkName(const text::DecodeOptions& options) const {
  const Descriptor* d = findDescriptor(descriptors, kNetworkNameDescriptor);
  if (!d) return std::nullopt;
  return DvbText::fromRaw(d->data.data(), d->data.size(), options);
}

// ---- decode -----------------------------------------------------------------
std::optional<Nit> Nit::decode(const std::vector<Section>& sections, std::string* error) {
  if (!checkTableSections(sections, "NIT", table_id::kNitActual, error, table_id::kNitOther))
    return std::nullopt;
  const uint8_t tid = sections[0].tableId();
  Nit nit;
  nit.actual = tid == table_id::kNitActual;
  nit.network_id = sections[0].extension();
  nit.version = sections[0].version();
  for (const Section& s : sections) {
    ByteReader r(s.payload(), s.payloadSize());
    readDescriptorLoopWithLength(r, &nit.descriptors);
    ByteReader loop = r.sub(r.u16() & 0x0FFF);
    while (loop.ok() && !loop.atEnd()) {
      TransportStream ts;
      ts.transport_stream_id = loop.u16();
      ts.original_network_id = loop.u16();
      readDescriptorLoopWithLength(loop, &ts.descriptors);
      nit.transport_streams.push_back(std::move(ts));
    }
    if (!r.ok() || !loop.ok() || !r.atEnd())
      return decodeError(error, "NIT", "loops do not fit the section");
  }
  return nit;
}

// ---- encode -----------------------------------------------------------------
namespace {
std::vector<uint8_t> withLoopLength(const std::vector<uint8_t>& prefix, size_t loop_bytes) {
  std::vector<uint8_t> p = prefix;
  p.push_back(static_cast<uint8_t>(0xF0 | ((loop_bytes >> 8) & 0x0F)));
  p.push_back(static_cast<uint8_t>(loop_bytes));
  return p;
}
}  // namespace

std::vector<Section> Nit::encode() const {
  std::vector<std::vector<uint8_t>> entries;
  for (const TransportStream& ts : transport_streams) {
    ByteWriter w;
    w.u16(ts.transport_stream_id);
    w.u16(ts.original_network_id);
    writeDescriptorLoopWithLength(w, ts.descriptors);
    entries.push_back(w.take());
  }
  // Network descriptors go in section 0 only (decode concatenates them); every
  // section keeps room for them so section 0 never overflows.
  const std::vector<uint8_t> empty_loop = {0xF0, 0x00};
  const size_t room = payloadCapacity(kMaxPsiSectionSize) - 2 - descriptorLoopSize(descriptors);
  auto payloads = packPayloads(empty_loop, entries, room, &withLoopLength);
  ByteWriter first;
  writeDescriptorLoopWithLength(first, descriptors);
  first.bytes(payloads[0].data() + 2, payloads[0].size() - 2);
  payloads[0] = first.take();
  return makeTable(actual ? table_id::kNitActual : table_id::kNitOther, network_id, version,
                   payloads, true);
}

// ---- describe ---------------------------------------------------------------
std::string Nit::describe(const text::DecodeOptions& options) const {
  const auto name = networkName(options);
  return std::string("NIT ") + (actual ? "actual" : "other") + " network_id " +
         std::to_string(network_id) + " version " + std::to_string(version) + " name \"" +
         (name ? name->utf8 : "") + "\", " + std::to_string(transport_streams.size()) +
         " transport streams\n";
}

}  // namespace dvb
