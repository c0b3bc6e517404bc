#include "dvb/descriptor.h"

namespace dvb {

bool readDescriptorLoop(ByteReader& r, size_t length, DescriptorList* out) {
  ByteReader loop = r.sub(length);
  while (loop.ok() && !loop.atEnd()) {
    Descriptor d;
    d.tag = loop.u8();
    const uint8_t size = loop.u8();
    const uint8_t* body = loop.bytes(size);
    if (!body) break;
    d.data.assign(body, body + size);
    out->push_back(std::move(d));
  }
  return r.ok() && loop.ok();
}

bool readDescriptorLoopWithLength(ByteReader& r, DescriptorList* out) {
  const size_t length = r.u16() & 0x0FFF;
  return r.ok() && readDescriptorLoop(r, length, out);
}

size_t descriptorLoopSize(const DescriptorList& list) {
  size_t size = 0;
  for (const auto& d : list) size += 2 + d.data.size();
  return size;
}

void writeDescriptorLoop(ByteWriter& w, const DescriptorList& list) {
  for (const auto& d : list) {
    w.u8(d.tag);
    w.u8(static_cast<uint8_t>(d.data.size()));
    w.bytes(d.data);
  }
}

void writeDescriptorLoopWithLength(ByteWriter& w, const DescriptorList& list) {
  w.u16(static_cast<uint16_t>(0xF000 | (descriptorLoopSize(list) & 0x0FFF)));
  writeDescriptorLoop(w, list);
}

const Descriptor* findDescriptor(const DescriptorList& list, uint8_t tag) {
  for (const auto& d : list)
    if (d.tag == tag) return &d;
  return nullptr;
}

}  // namespace dvb
