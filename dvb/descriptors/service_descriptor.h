#pragma once
// service_descriptor (EN 300 468, 6.2.33, tag 0x48): service type, provider
// name and service name.
#include <cstdint>
#include <optional>

#include "dvb/descriptor.h"
#include "dvb/dvb_text.h"

namespace dvb {

struct ServiceDescriptor {
  static constexpr uint8_t kTag = 0x48;
  uint8_t service_type = 0;  // 0x01 digital TV, 0x02 radio, 0x0C data, ...
  DvbText provider_name;
  DvbText service_name;

  static std::optional<ServiceDescriptor> decode(const Descriptor& d,
                                                 const text::DecodeOptions& options);
  Descriptor encode() const;
};

}  // namespace dvb
