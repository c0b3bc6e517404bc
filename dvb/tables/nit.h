#pragma once
// Network Information Table (EN 300 468, 5.2.1): table_id 0x40 (actual
// network) or 0x41 (other), on PID 0x0010. The network name comes from the
// network_name_descriptor (6.2.27, tag 0x40).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dvb/descriptor.h"
#include "dvb/dvb_text.h"
#include "dvb/section.h"

namespace dvb {

struct Nit {
  struct TransportStream {
    uint16_t transport_stream_id = 0;
    uint16_t original_network_id = 0;
    DescriptorList descriptors;
  };
  bool actual = true;  // table_id 0x40
  uint16_t network_id = 0;
  uint8_t version = 0;
  DescriptorList descriptors;
  std::vector<TransportStream> transport_streams;

  // From the network_name_descriptor; nullopt when there is none.
  std::optional<DvbText> networkName(const text::DecodeOptions& options) const;

  static std::optional<Nit> decode(const std::vector<Section>& sections, std::string* error);
  std::vector<Section> encode() const;
  std::string describe(const text::DecodeOptions& options) const;
};

}  // namespace dvb
