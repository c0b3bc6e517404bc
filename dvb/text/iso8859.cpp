// ISO/IEC 8859 parts 1-11 and 13-15 (EN 300 468 Annex A.2: selectors 0x01-0x0B and 0x10 0x00 NN).
// glibc iconv supplies the upper halves once; after that decoding and encoding are look-ups.
#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "dvb/text/codecs.h"
#include "dvb/text/iconv_util.h"

namespace dvb::text::detail {
namespace {

constexpr int kParts = 16;       // index = part number; 0 and 12 stay empty
constexpr uint8_t kCrLf = 0x8A;  // Table A.1

// Code points of bytes 0xA0-0xFF; 0 where the part leaves a position unassigned.
using UpperHalf = std::array<char32_t, 96>;

UpperHalf loadUpperHalf(int part) {
  UpperHalf half{};
  char name[16];
  std::snprintf(name, sizeof name, "ISO-8859-%d", part);
  CharsetDecoder decoder(name);
  if (!decoder.ok()) return half;  // no gconv module: every upper-half byte decodes as U+FFFD
  for (size_t i = 0; i < half.size(); ++i) {
    const auto byte = static_cast<uint8_t>(0xA0 + i);
    half[i] = decoder.toCodePoint(&byte, 1);
  }
  return half;
}

// Built on first use; a function-local static makes that thread-safe.
const UpperHalf& upperHalf(int part) {
  static const std::array<UpperHalf, kParts> halves = [] {
    std::array<UpperHalf, kParts> all{};
    for (int p = 1; p < kParts; ++p) {
      if (p != 12) all[static_cast<size_t>(p)] = loadUpperHalf(p);
    }
    return all;
  }();
  static const UpperHalf empty{};
  return part > 0 && part < kParts ? halves[static_cast<size_t>(part)] : empty;
}

// The byte for `cp`, or 0 if the part lacks it.
uint8_t byteOf(const UpperHalf& half, char32_t cp) {
  if (cp >= 0x20 && cp <= 0x7E) return static_cast<uint8_t>(cp);  // every part is ASCII below
  for (size_t i = 0; i < half.size(); ++i) {
    if (half[i] == cp) return static_cast<uint8_t>(0xA0 + i);
  }
  return 0;
}

}  // namespace

void decodeIso8859(int part, const uint8_t* data, size_t size, TextSink* sink) {
  const UpperHalf& half = upperHalf(part);
  for (size_t i = 0; i < size; ++i) {
    const uint8_t b = data[i];
    if (b < 0xA0) {
      sink->put(b);  // ASCII; the sink drops C0 controls and handles the 0x80-0x9F codes
    } else if (half[b - 0xA0] != 0) {
      sink->put(half[b - 0xA0]);
    } else {
      sink->replace();
    }
  }
}

bool encodeIso8859(int part, Charset charset, const std::u32string& text, std::vector<uint8_t>* out,
                   std::string* error) {
  const UpperHalf& half = upperHalf(part);
  if (half[0] != 0x00A0) {  // every part has NO-BREAK SPACE at 0xA0, unless iconv failed
    *error = noConverter(charset);
    return false;
  }
  for (const char32_t cp : text) {
    const uint8_t byte = cp == '\n' ? kCrLf : byteOf(half, cp);
    if (byte == 0) {
      *error = unencodable(cp, charset);
      return false;
    }
    out->push_back(byte);
  }
  return true;
}

}  // namespace dvb::text::detail
