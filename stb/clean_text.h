// Whether a string from outside (a config file, the central system's answer)
// is text that is safe to log and to draw: valid UTF-8 without control
// characters.
#pragma once

#include <cstddef>
#include <string>

namespace stb {

// The offset of the first byte where TEXT stops being clean text, or
// std::string::npos when it is clean. Clean: well-formed UTF-8 (no overlong
// forms, surrogates or code points past U+10FFFF) with no C0 or C1 control
// and no DEL, except the characters listed in ALLOWED_CONTROLS (e.g. "\t").
size_t firstUncleanByte(const std::string& text, const char* allowed_controls = "");

}  // namespace stb
