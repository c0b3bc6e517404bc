#pragma once
// service_descriptor (EN 300 468, 6.2.33, tag 0x48): service type, provider
// name and service name.
#include <cstdint>
#include <optional>
#include <string>

#include "dvb/descriptor.h"
#include "dvb/dvb_text.h"

namespace dvb {

struct ServiceDescriptor {
  static constexpr uint8_t kTag = 0x48;
  uint8_t service_type = 0;  // 0x01 digital TV, 0x02 radio, 0x0C data, ...
  DvbText provider_name;
  DvbText service_name;

  // nullopt (and why in *error) on a wrong tag or names overrunning the body.
  static std::optional<ServiceDescriptor> decode(const Descriptor& d,
                                                 const text::DecodeOptions& options,
                                                 std::string* error);
  // nullopt when the names do not fit the 255-byte body.
  std::optional<Descriptor> encode() const;
  // type 0x01 "name" provider "provider" (names in UTF-8)
  std::string describe() const;
};

}  // namespace dvb
