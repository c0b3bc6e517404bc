// Canonical composition of a Basic Latin letter with one combining diacritical mark, the part
// of Unicode normalization that ISO/IEC 6937 text needs: the default table sends "é" as the
// non-spacing acute (0xC2) followed by 'e', and UTF-8 output should be NFC. Internal to dvb_text.
#pragma once

#include <string>

namespace dvb::text::detail {

// The precomposed letter for base + mark (e.g. 'e' + U+0301 -> U+00E9), or 0 if Unicode has none.
char32_t composeLatin(char32_t base, char32_t mark);

// The inverse: splits U+00E9 into 'e' and U+0301. False if `composed` is not in the table.
bool decomposeLatin(char32_t composed, char32_t* base, char32_t* mark);

// Replaces every composable base + mark pair in *text by its precomposed letter.
void precomposeLatin(std::u32string* text);

}  // namespace dvb::text::detail
