#include "dvb/text/utf8.h"

#include <cstdio>

namespace dvb::text::detail {

void appendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

size_t nextUtf8(const uint8_t* p, size_t n, char32_t* cp) {
  const uint8_t lead = p[0];
  if (lead < 0x80) {
    *cp = lead;
    return 1;
  }
  // The second byte's range excludes overlongs (E0, F0), surrogates (ED) and > U+10FFFF (F4).
  size_t length = 0;
  char32_t value = 0;
  uint8_t low = 0x80;
  uint8_t high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    value = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    value = lead & 0x0F;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    value = lead & 0x07;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    *cp = kInvalid;
    return 1;
  }
  for (size_t i = 1; i < length; ++i) {
    if (i >= n || p[i] < low || p[i] > high) {
      *cp = kInvalid;
      return i;
    }
    value = (value << 6) | (p[i] & 0x3F);
    low = 0x80;
    high = 0xBF;
  }
  *cp = value;
  return length;
}

std::string describeCodePoint(char32_t cp) {
  char hex[16];
  std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(cp));
  std::string text = hex;
  const bool control = cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
  const bool scalar = cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
  if (!control && scalar) {
    text += " '";
    appendUtf8(cp, &text);
    text += "'";
  }
  return text;
}

void TextSink::put(char32_t cp) {
  if (cp == '\n') {
    utf8.push_back('\n');
  } else if (cp < 0x20 || cp == 0x7F) {
    // C0 controls (NUL padding, CR, TAB ...) have no meaning in Annex A text.
  } else if (cp >= 0x80 && cp <= 0x9F) {
    putControl(static_cast<uint8_t>(cp));
  } else if (cp >= 0xE080 && cp <= 0xE09F) {
    putControl(static_cast<uint8_t>(cp - 0xE000));  // Table A.2: 10646 form of Table A.1
  } else if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    replace();
  } else {
    appendUtf8(cp, &utf8);
  }
}

void TextSink::putControl(uint8_t code) {
  // 0x86/0x87 (emphasis on/off) have no place in a crawl bar; the rest are reserved or
  // user-defined, so only the line break survives.
  if (code == 0x8A) utf8.push_back('\n');
}

void TextSink::replace() {
  appendUtf8(kReplacement, &utf8);
  ++replaced;
}

}  // namespace dvb::text::detail
