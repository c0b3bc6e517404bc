// One-character conversions through glibc iconv, between a legacy charset and Unicode code
// points. Internal to dvb_text.
#pragma once

#include <iconv.h>

#include <cstddef>
#include <cstdint>

namespace dvb::text::detail {

// An iconv conversion descriptor, closed on destruction. ok() is false when this system has no
// converter for the charset (glibc without its gconv modules, as on some stripped-down boxes).
class Iconv {
 public:
  Iconv(const char* to, const char* from);
  ~Iconv();
  Iconv(const Iconv&) = delete;
  Iconv& operator=(const Iconv&) = delete;

  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }

  // Converts exactly `size` bytes to at most `capacity` bytes; returns the bytes written, or 0
  // if the input is invalid, incomplete or unmappable.
  size_t convert(const uint8_t* in, size_t size, uint8_t* out, size_t capacity);

 private:
  iconv_t cd_;
};

// Legacy charset bytes -> one code point.
class CharsetDecoder {
 public:
  explicit CharsetDecoder(const char* charset) : iconv_("UTF-32BE", charset) {}
  bool ok() const { return iconv_.ok(); }
  // The single code point that bytes in[0..size) stand for, or 0 if they are not one character.
  char32_t toCodePoint(const uint8_t* in, size_t size);

 private:
  Iconv iconv_;
};

// One code point -> legacy charset bytes.
class CharsetEncoder {
 public:
  explicit CharsetEncoder(const char* charset) : iconv_(charset, "UTF-32BE") {}
  bool ok() const { return iconv_.ok(); }
  // Writes the bytes for `cp` to out[0..8); returns how many, or 0 if the charset lacks `cp`.
  size_t fromCodePoint(char32_t cp, uint8_t out[8]);

 private:
  Iconv iconv_;
};

}  // namespace dvb::text::detail
