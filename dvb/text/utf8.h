// UTF-8 primitives shared by the Annex A codecs, and TextSink, the decoder output that applies
// the EN 300 468 Annex A.1 control-code rules. Internal to dvb_text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace dvb::text::detail {

constexpr char32_t kReplacement = 0xFFFD;
constexpr char32_t kInvalid = 0xFFFFFFFF;  // nextUtf8: ill-formed sequence

// Appends the UTF-8 form of `cp`, which must be a Unicode scalar value.
void appendUtf8(char32_t cp, std::string* out);

// Reads one UTF-8 sequence from p[0..n), n > 0. Returns the bytes consumed (>= 1) and sets *cp
// to the scalar value, or to kInvalid for a maximal ill-formed subpart (Unicode 15, 3.9 U+FFFD
// substitution), so "E2 82" counts as one error and "C0 80" as two.
size_t nextUtf8(const uint8_t* p, size_t n, char32_t* cp);

// "U+00E9 'é'" for error messages (the glyph is left out for controls).
std::string describeCodePoint(char32_t cp);

// Collects decoded code points as UTF-8 and applies the control-code rules that hold for every
// table: C0 controls and DEL are dropped except '\n'; the Annex A.1 codes 0x80-0x9F (and their
// ISO/IEC 10646 forms U+E080-U+E09F) are dropped except 0x8A CR/LF, which becomes '\n'.
class TextSink {
 public:
  void put(char32_t cp);
  void putControl(uint8_t code);  // an Annex A.1 control code 0x80-0x9F
  void replace();                 // an invalid byte or sequence: U+FFFD

  std::string utf8;
  size_t replaced = 0;
};

}  // namespace dvb::text::detail
