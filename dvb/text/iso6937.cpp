// The default character table of EN 300 468 Annex A, Figure A.1: ISO/IEC 6937 with the euro
// sign at 0xA4. Not glibc's ISO6937 converter, which leaves 0xA4 unmapped (no euro sign).
//
// 0xC1-0xCF are non-spacing diacritics that come *before* their base letter ("é" is C2 65);
// Unicode puts the combining mark after the base, so both directions reorder, and decoding
// composes to the precomposed letter where Unicode has one. A diacritic followed by a space
// is the spacing form of the accent, as ISO/IEC 6937 defines it.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "dvb/text/codecs.h"
#include "dvb/text/latin_compose.h"

namespace dvb::text::detail {
namespace {

constexpr uint8_t kCrLf = 0x8A;  // Table A.1
constexpr size_t kNone = static_cast<size_t>(-1);

// Figure A.1, columns A-F (0xA0-0xFF) except the diacritics of column C (kDiacritics).
// 0 marks an unused position: 0xA6, 0xC0, 0xC9, 0xCC, 0xD8-0xDB, 0xE5.
// clang-format off
constexpr std::array<char32_t, 96> kUpperHalf = {
    // 0xA0: NBSP ¡ ¢ £ € ¥ (unused) §, then ¤ ‘ “ « ← ↑ → ↓
    0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x20AC, 0x00A5, 0,      0x00A7,
    0x00A4, 0x2018, 0x201C, 0x00AB, 0x2190, 0x2191, 0x2192, 0x2193,
    // 0xB0: ° ± ² ³ × µ ¶ ·, then ÷ ’ ” » ¼ ½ ¾ ¿
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00D7, 0x00B5, 0x00B6, 0x00B7,
    0x00F7, 0x2019, 0x201D, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,
    // 0xC0: non-spacing diacritics
    0,      0,      0,      0,      0,      0,      0,      0,
    0,      0,      0,      0,      0,      0,      0,      0,
    // 0xD0: ― ¹ ® © ™ ♪ ¬ ¦, then four unused and ⅛ ⅜ ⅝ ⅞
    0x2015, 0x00B9, 0x00AE, 0x00A9, 0x2122, 0x266A, 0x00AC, 0x00A6,
    0,      0,      0,      0,      0x215B, 0x215C, 0x215D, 0x215E,
    // 0xE0: Ω Æ Đ ª Ħ (unused) Ĳ Ŀ, then Ł Ø Œ º Þ Ŧ Ŋ ŉ
    0x2126, 0x00C6, 0x0110, 0x00AA, 0x0126, 0,      0x0132, 0x013F,
    0x0141, 0x00D8, 0x0152, 0x00BA, 0x00DE, 0x0166, 0x014A, 0x0149,
    // 0xF0: ĸ æ đ ð ħ ı ĳ ŀ, then ł ø œ ß þ ŧ ŋ SOFT HYPHEN
    0x0138, 0x00E6, 0x0111, 0x00F0, 0x0127, 0x0131, 0x0133, 0x0140,
    0x0142, 0x00F8, 0x0153, 0x00DF, 0x00FE, 0x0167, 0x014B, 0x00AD,
};
// clang-format on

// Column C of Figure A.1: a non-spacing diacritic, written before its base letter.
struct Diacritic {
  uint8_t byte;
  char32_t mark;     // the Unicode combining mark
  char32_t spacing;  // what the diacritic followed by SPACE stands for
};

constexpr Diacritic kDiacritics[] = {
    {0xC1, 0x0300, 0x0060},  // grave `
    {0xC2, 0x0301, 0x00B4},  // acute ´
    {0xC3, 0x0302, 0x005E},  // circumflex ^
    {0xC4, 0x0303, 0x007E},  // tilde ~
    {0xC5, 0x0304, 0x00AF},  // macron ¯
    {0xC6, 0x0306, 0x02D8},  // breve ˘
    {0xC7, 0x0307, 0x02D9},  // dot above ˙
    {0xC8, 0x0308, 0x00A8},  // diaeresis ¨
    {0xCA, 0x030A, 0x02DA},  // ring ˚
    {0xCB, 0x0327, 0x00B8},  // cedilla ¸
    {0xCD, 0x030B, 0x02DD},  // double acute ˝
    {0xCE, 0x0328, 0x02DB},  // ogonek ˛
    {0xCF, 0x030C, 0x02C7},  // caron ˇ
};

const Diacritic* diacriticOfByte(uint8_t b) {
  for (const Diacritic& d : kDiacritics) {
    if (d.byte == b) return &d;
  }
  return nullptr;
}

const Diacritic* diacriticOfMark(char32_t mark) {
  for (const Diacritic& d : kDiacritics) {
    if (d.mark == mark) return &d;
  }
  return nullptr;
}

const Diacritic* diacriticOfSpacing(char32_t spacing) {
  for (const Diacritic& d : kDiacritics) {
    if (d.spacing == spacing) return &d;
  }
  return nullptr;
}

// A byte that can carry a diacritic (a graphic character that is not itself a diacritic), or 0.
char32_t baseOf(uint8_t b) {
  if (b >= 0x20 && b <= 0x7E) return b;
  return b >= 0xA0 ? kUpperHalf[b - 0xA0] : 0;
}

// Decodes a diacritic byte and the base that follows it; returns the bytes consumed.
size_t decodeDiacritic(const Diacritic& diacritic, const uint8_t* rest, size_t rest_size,
                       TextSink* sink) {
  const char32_t base = rest_size > 0 ? baseOf(rest[0]) : 0;
  if (base == 0) {
    sink->replace();  // a dangling diacritic: end of string, control or another diacritic
    return 1;
  }
  const char32_t composed = base == ' ' ? diacritic.spacing : composeLatin(base, diacritic.mark);
  if (composed != 0) {
    sink->put(composed);
  } else {
    sink->put(base);  // no precomposed form: base + combining mark, still canonical order
    sink->put(diacritic.mark);
  }
  return 2;
}

// The single byte for `cp` (ASCII or a spacing character of the upper half), or 0.
uint8_t singleByteOf(char32_t cp) {
  if (cp >= 0x20 && cp <= 0x7E) return static_cast<uint8_t>(cp);
  if (cp == 0x00D0) return 0xE2;  // Icelandic Ð: ISO/IEC 6937 unifies it with Đ
  if (cp == 0x03A9) return 0xE0;  // Greek Ω, the canonical equivalent of the ohm sign
  for (size_t i = 0; i < kUpperHalf.size(); ++i) {
    if (kUpperHalf[i] == cp) return static_cast<uint8_t>(0xA0 + i);
  }
  return 0;
}

}  // namespace

void decodeIso6937(const uint8_t* data, size_t size, TextSink* sink) {
  size_t i = 0;
  while (i < size) {
    const uint8_t b = data[i];
    if (const Diacritic* diacritic = diacriticOfByte(b)) {
      i += decodeDiacritic(*diacritic, data + i + 1, size - i - 1, sink);
      continue;
    }
    if (b < 0xA0) {
      sink->put(b);  // ASCII; the sink drops C0 controls and handles the 0x80-0x9F codes
    } else if (kUpperHalf[b - 0xA0] != 0) {
      sink->put(kUpperHalf[b - 0xA0]);
    } else {
      sink->replace();
    }
    ++i;
  }
}

bool encodeIso6937(const std::u32string& text, std::vector<uint8_t>* out, std::string* error) {
  // Where the last lone base character went, so that a following combining mark Unicode cannot
  // precompose (e.g. "q" + U+0303) can still be put in front of it.
  size_t bare_base = kNone;
  for (const char32_t cp : text) {
    const uint8_t byte = singleByteOf(cp);
    const Diacritic* diacritic = nullptr;
    char32_t base = 0;
    char32_t mark = 0;
    if (cp == '\n') {
      out->push_back(kCrLf);
      bare_base = kNone;
    } else if (byte != 0) {
      bare_base = out->size();
      out->push_back(byte);
    } else if (decomposeLatin(cp, &base, &mark) && (diacritic = diacriticOfMark(mark))) {
      out->insert(out->end(), {diacritic->byte, static_cast<uint8_t>(base)});
      bare_base = kNone;
    } else if ((diacritic = diacriticOfSpacing(cp)) != nullptr) {
      out->insert(out->end(), {diacritic->byte, uint8_t{' '}});
      bare_base = kNone;
    } else if ((diacritic = diacriticOfMark(cp)) != nullptr && bare_base != kNone) {
      out->insert(out->begin() + static_cast<std::ptrdiff_t>(bare_base), diacritic->byte);
      bare_base = kNone;
    } else {
      *error = unencodable(cp, Charset::Iso6937);
      return false;
    }
  }
  return true;
}

}  // namespace dvb::text::detail
