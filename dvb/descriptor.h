#pragma once
// Raw descriptors and descriptor loops (ISO/IEC 13818-1, 2.6; EN 300 468, 6.1):
// tag, length, body. Tables keep descriptors raw; typed views decode the few
// the box needs (service, local_time_offset, network_name).
#include <cstdint>
#include <vector>

#include "dvb/byte_reader.h"
#include "dvb/byte_writer.h"

namespace dvb {

struct Descriptor {
  uint8_t tag = 0;
  std::vector<uint8_t> data;  // at most 255 bytes
  bool operator==(const Descriptor& o) const { return tag == o.tag && data == o.data; }
};
using DescriptorList = std::vector<Descriptor>;

// Reads descriptors filling exactly `length` bytes; false (and r's error
// flag) if a descriptor overruns the loop or the buffer.
bool readDescriptorLoop(ByteReader& r, size_t length, DescriptorList* out);
// Reads a 4-bit reserved + 12-bit length, then the loop.
bool readDescriptorLoopWithLength(ByteReader& r, DescriptorList* out);

size_t descriptorLoopSize(const DescriptorList& list);
void writeDescriptorLoop(ByteWriter& w, const DescriptorList& list);
// Writes 0xF000 | length, then the loop.
void writeDescriptorLoopWithLength(ByteWriter& w, const DescriptorList& list);

const Descriptor* findDescriptor(const DescriptorList& list, uint8_t tag);

}  // namespace dvb
