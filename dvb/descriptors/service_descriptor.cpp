#include "dvb/descriptors/service_descriptor.h"

#include <cstdio>

#include "dvb/decode_error.h"

namespace dvb {

// ---- decode -----------------------------------------------------------------
std::optional<ServiceDescriptor> ServiceDescriptor::decode(const Descriptor& d,
                                                           const text::DecodeOptions& options,
                                                           std::string* error) {
  constexpr const char* kName = "service_descriptor";
  if (d.tag != kTag) return decodeError(error, kName, "tag is not 0x48");
  ByteReader r(d.data.data(), d.data.size());
  ServiceDescriptor sd;
  sd.service_type = r.u8();
  const uint8_t provider_length = r.u8();
  const uint8_t* provider = r.bytes(provider_length);
  const uint8_t name_length = r.u8();
  const uint8_t* name = r.bytes(name_length);
  if (!r.ok()) return decodeError(error, kName, "names overrun the descriptor");
  sd.provider_name = DvbText::fromRaw(provider, provider_length, options);
  sd.service_name = DvbText::fromRaw(name, name_length, options);
  return sd;
}

// ---- encode -----------------------------------------------------------------
std::optional<Descriptor> ServiceDescriptor::encode() const {
  if (3 + provider_name.raw.size() + service_name.raw.size() > 255) return std::nullopt;
  ByteWriter w;
  w.u8(service_type);
  w.u8(static_cast<uint8_t>(provider_name.raw.size()));
  w.bytes(provider_name.raw);
  w.u8(static_cast<uint8_t>(service_name.raw.size()));
  w.bytes(service_name.raw);
  return Descriptor{kTag, w.take()};
}

// ---- describe ---------------------------------------------------------------
std::string ServiceDescriptor::describe() const {
  char type[16];
  std::snprintf(type, sizeof type, "type 0x%02X ", service_type);
  return type + ("\"" + service_name.utf8 + "\" provider \"" + provider_name.utf8 + "\"");
}

}  // namespace dvb
