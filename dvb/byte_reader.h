#pragma once
// Big-endian reader over a byte range with a sticky error flag: a read past
// the end returns zeros and sets the flag, which stays set. Decoders read all
// fields, then check ok() once (the TSDuck way), so no field is ever read
// from outside the buffer.
#include <cstddef>
#include <cstdint>

namespace dvb {

class ByteReader {
 public:
  ByteReader(const uint8_t* data, size_t size) : data_(data), size_(size) {}

  bool ok() const { return ok_; }
  size_t remaining() const { return ok_ ? size_ - pos_ : 0; }
  bool atEnd() const { return remaining() == 0; }
  const uint8_t* current() const { return data_ + pos_; }

  uint8_t u8() { return need(1) ? data_[pos_++] : 0; }
  uint16_t u16() {
    if (!need(2)) return 0;
    const uint16_t v = static_cast<uint16_t>((data_[pos_] << 8) | data_[pos_ + 1]);
    pos_ += 2;
    return v;
  }
  uint32_t u24() { return (uint32_t{u16()} << 8) | u8(); }
  uint32_t u32() { return (uint32_t{u16()} << 16) | u16(); }

  // Returns a pointer to the next n bytes and skips them; nullptr (and the
  // error flag) when fewer remain.
  const uint8_t* bytes(size_t n) {
    if (!need(n)) return nullptr;
    const uint8_t* p = data_ + pos_;
    pos_ += n;
    return p;
  }
  void skip(size_t n) { bytes(n); }

  // A sub-reader over the next n bytes (e.g. a descriptor loop whose length
  // the stream gives); sets the error flag here when n is too large.
  ByteReader sub(size_t n) {
    const uint8_t* p = bytes(n);
    ByteReader r(p, p ? n : 0);
    if (!p) r.ok_ = false;
    return r;
  }

 private:
  bool need(size_t n) {
    if (!ok_ || n > size_ - pos_) {
      ok_ = false;
      return false;
    }
    return true;
  }

  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace dvb
