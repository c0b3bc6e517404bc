#include "dvb/descriptors/service_descriptor.h"

namespace dvb {

std::optional<ServiceDescriptor> ServiceDescriptor::decode(const Descriptor& d,
                                                           const text::DecodeOptions& options) {
  if (d.tag != kTag) return std::nullopt;
  ByteReader r(d.data.data(), d.data.size());
  ServiceDescriptor sd;
  sd.service_type = r.u8();
  const uint8_t provider_length = r.u8();
  const uint8_t* provider = r.bytes(provider_length);
  const uint8_t name_length = r.u8();
  const uint8_t* name = r.bytes(name_length);
  if (!r.ok()) return std::nullopt;
  sd.provider_name = DvbText::fromRaw(provider, provider_length, options);
  sd.service_name = DvbText::fromRaw(name, name_length, options);
  return sd;
}

Descriptor ServiceDescriptor::encode() const {
  ByteWriter w;
  w.u8(service_type);
  w.u8(static_cast<uint8_t>(provider_name.raw.size()));
  w.bytes(provider_name.raw);
  w.u8(static_cast<uint8_t>(service_name.raw.size()));
  w.bytes(service_name.raw);
  return Descriptor{kTag, w.take()};
}

}  // namespace dvb
