#include "dvb/text/iconv_util.h"

namespace dvb::text::detail {

Iconv::Iconv(const char* to, const char* from) : cd_(iconv_open(to, from)) {}

Iconv::~Iconv() {
  if (ok()) iconv_close(cd_);
}

size_t Iconv::convert(const uint8_t* in, size_t size, uint8_t* out, size_t capacity) {
  if (!ok()) return 0;
  iconv(cd_, nullptr, nullptr, nullptr, nullptr);  // back to the initial shift state
  // glibc's iconv() takes char** for its input although it never writes through it.
  char* in_ptr = const_cast<char*>(reinterpret_cast<const char*>(in));
  size_t in_left = size;
  char* out_ptr = reinterpret_cast<char*>(out);
  size_t out_left = capacity;
  if (iconv(cd_, &in_ptr, &in_left, &out_ptr, &out_left) == static_cast<size_t>(-1)) return 0;
  // Flush any pending shift sequence so the output is complete.
  if (iconv(cd_, nullptr, nullptr, &out_ptr, &out_left) == static_cast<size_t>(-1)) return 0;
  if (in_left != 0) return 0;
  return capacity - out_left;
}

char32_t CharsetDecoder::toCodePoint(const uint8_t* in, size_t size) {
  uint8_t out[8];
  if (iconv_.convert(in, size, out, sizeof out) != 4) return 0;
  return (char32_t{out[0]} << 24) | (char32_t{out[1]} << 16) | (char32_t{out[2]} << 8) |
         char32_t{out[3]};
}

size_t CharsetEncoder::fromCodePoint(char32_t cp, uint8_t out[8]) {
  const uint8_t in[4] = {static_cast<uint8_t>(cp >> 24), static_cast<uint8_t>(cp >> 16),
                         static_cast<uint8_t>(cp >> 8), static_cast<uint8_t>(cp)};
  return iconv_.convert(in, sizeof in, out, 8);
}

}  // namespace dvb::text::detail
