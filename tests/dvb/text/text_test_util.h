// Helpers shared by the dvb_text tests.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "dvb/text/annex_a.h"

namespace dvb::text::testing {

using Bytes = std::vector<uint8_t>;

inline DecodedText decodeBytes(const Bytes& bytes, const DecodeOptions& options = {}) {
  return decode(bytes.data(), bytes.size(), options);
}

// Strict UTF-8 check, written apart from the library's own decoder so that a bug there cannot
// hide itself: no overlongs, no surrogates, nothing above U+10FFFF, no truncation.
inline bool isValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<uint8_t>(s[i]);
    size_t extra = 0;
    uint32_t cp = 0;
    if (b < 0x80) {
      ++i;
      continue;
    } else if ((b & 0xE0) == 0xC0) {
      extra = 1;
      cp = b & 0x1Fu;
    } else if ((b & 0xF0) == 0xE0) {
      extra = 2;
      cp = b & 0x0Fu;
    } else if ((b & 0xF8) == 0xF0) {
      extra = 3;
      cp = b & 0x07u;
    } else {
      return false;
    }
    if (extra >= s.size() - i) return false;  // truncated at the end
    for (size_t k = 1; k <= extra; ++k) {
      const auto c = static_cast<uint8_t>(s[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3Fu);
    }
    const uint32_t min[] = {0, 0x80, 0x800, 0x10000};
    if (cp < min[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += extra + 1;
  }
  return true;
}

}  // namespace dvb::text::testing
