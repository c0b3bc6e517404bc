#pragma once
// Service Description Table (EN 300 468, 5.2.3): table_id 0x42 (actual
// transport stream) or 0x46 (other), on PID 0x0011.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dvb/descriptor.h"
#include "dvb/descriptors/service_descriptor.h"
#include "dvb/section.h"

namespace dvb {

struct Sdt {
  struct Service {
    uint16_t service_id = 0;
    bool eit_schedule = false;
    bool eit_present_following = false;
    uint8_t running_status = 0;
    bool free_ca_mode = false;
    DescriptorList descriptors;

    std::optional<ServiceDescriptor> serviceDescriptor(const text::DecodeOptions& options) const;
  };
  bool actual = true;  // table_id 0x42
  uint16_t transport_stream_id = 0;
  uint16_t original_network_id = 0;
  uint8_t version = 0;
  std::vector<Service> services;

  static std::optional<Sdt> decode(const std::vector<Section>& sections, std::string* error);
  std::vector<Section> encode() const;
  std::string describe(const text::DecodeOptions& options) const;
};

}  // namespace dvb
