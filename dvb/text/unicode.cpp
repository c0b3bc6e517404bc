// The ISO/IEC 10646 tables of EN 300 468 Annex A.2: 0x11 Basic Multilingual Plane as two bytes
// big-endian (UCS-2), 0x14 the Big5 subset (the same two-byte form, restricted to characters
// that Big5 has) and 0x15 UTF-8. Their control codes are U+E080-U+E09F (Table A.2).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dvb/text/codecs.h"
#include "dvb/text/iconv_util.h"

namespace dvb::text::detail {
namespace {

constexpr char32_t kCrLf = 0xE08A;  // Table A.2

bool isHighSurrogate(char32_t u) {
  return u >= 0xD800 && u <= 0xDBFF;
}
bool isLowSurrogate(char32_t u) {
  return u >= 0xDC00 && u <= 0xDFFF;
}

char32_t unitAt(const uint8_t* p) {
  return static_cast<char32_t>((p[0] << 8) | p[1]);
}

void putUnit(char32_t unit, std::vector<uint8_t>* out) {
  out->push_back(static_cast<uint8_t>(unit >> 8));
  out->push_back(static_cast<uint8_t>(unit));
}

// True if Big5 has `cp` (ASCII always counts; '\n' is written as a control code).
bool inBig5(CharsetEncoder* big5, char32_t cp) {
  uint8_t bytes[8];
  return cp < 0x80 || big5->fromCodePoint(cp, bytes) != 0;
}

}  // namespace

void decodeUcs2(const uint8_t* data, size_t size, TextSink* sink) {
  size_t i = 0;
  while (i + 1 < size) {
    const char32_t unit = unitAt(data + i);
    i += 2;
    // UCS-2 has no surrogates, but a well-formed UTF-16 pair is read rather than lost.
    if (isHighSurrogate(unit) && i + 1 < size && isLowSurrogate(unitAt(data + i))) {
      sink->put(0x10000 + ((unit - 0xD800) << 10) + (unitAt(data + i) - 0xDC00));
      i += 2;
    } else if (isHighSurrogate(unit) || isLowSurrogate(unit)) {
      sink->replace();
    } else {
      sink->put(unit);  // the sink turns U+E08A into '\n' and drops the other controls
    }
  }
  if (i < size) sink->replace();  // odd length: half a character
}

bool encodeUcs2(Charset charset, const std::u32string& text, std::vector<uint8_t>* out,
                std::string* error) {
  std::optional<CharsetEncoder> big5;  // the repertoire check, for the Big5 subset only
  if (charset == Charset::Big5Subset) {
    big5.emplace("BIG5");
    if (!big5->ok()) {
      *error = noConverter(charset);
      return false;
    }
  }
  for (const char32_t cp : text) {
    if (cp == '\n') {
      putUnit(kCrLf, out);
    } else if (cp > 0xFFFF || (big5 && !inBig5(&*big5, cp))) {
      *error = unencodable(cp, charset);
      return false;
    } else {
      putUnit(cp, out);
    }
  }
  return true;
}

void decodeUtf8(const uint8_t* data, size_t size, TextSink* sink) {
  size_t i = 0;
  while (i < size) {
    char32_t cp = 0;
    i += nextUtf8(data + i, size - i, &cp);
    if (cp == kInvalid) {
      sink->replace();
    } else {
      sink->put(cp);  // the sink drops C1 controls and turns U+008A/U+E08A into '\n'
    }
  }
}

void encodeUtf8(const std::u32string& text, std::vector<uint8_t>* out) {
  std::string bytes;
  for (const char32_t cp : text) appendUtf8(cp == '\n' ? kCrLf : cp, &bytes);
  out->insert(out->end(), bytes.begin(), bytes.end());
}

}  // namespace dvb::text::detail
