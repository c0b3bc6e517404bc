#pragma once
// Big-endian appender used by every table encoder; lengths are patched in
// after the body is written.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace dvb {

class ByteWriter {
 public:
  void u8(uint8_t v) { out_.push_back(v); }
  void u16(uint16_t v) {
    u8(static_cast<uint8_t>(v >> 8));
    u8(static_cast<uint8_t>(v));
  }
  void u24(uint32_t v) {
    u8(static_cast<uint8_t>(v >> 16));
    u16(static_cast<uint16_t>(v));
  }
  void u32(uint32_t v) {
    u16(static_cast<uint16_t>(v >> 16));
    u16(static_cast<uint16_t>(v));
  }
  void bytes(const uint8_t* p, size_t n) { out_.insert(out_.end(), p, p + n); }
  void bytes(const std::vector<uint8_t>& v) { bytes(v.data(), v.size()); }

  size_t size() const { return out_.size(); }
  // Writes a 12-bit length into the low bits of the 16-bit field at `at`,
  // keeping its top 4 bits (reserved/flags).
  void patchLength12(size_t at, size_t length) {
    out_[at] = static_cast<uint8_t>((out_[at] & 0xF0) | ((length >> 8) & 0x0F));
    out_[at + 1] = static_cast<uint8_t>(length);
  }
  std::vector<uint8_t>& data() { return out_; }
  std::vector<uint8_t> take() { return std::move(out_); }

 private:
  std::vector<uint8_t> out_;
};

}  // namespace dvb
