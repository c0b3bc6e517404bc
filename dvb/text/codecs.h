// The per-table codecs behind dvb::text::decode/encode. Internal to dvb_text.
//
// Decoders get the bytes after the selector and push code points into a TextSink, which drops
// control codes; they never fail. Encoders get NFC-composed code points that contain no
// control characters other than '\n', append the table's bytes (without the selector) and
// return false with *error set at the first character the table cannot hold.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "dvb/text/annex_a.h"
#include "dvb/text/utf8.h"

namespace dvb::text::detail {

// Default table, Figure A.1: ISO/IEC 6937 with the euro sign (iso6937.cpp).
void decodeIso6937(const uint8_t* data, size_t size, TextSink* sink);
bool encodeIso6937(const std::u32string& text, std::vector<uint8_t>* out, std::string* error);

// ISO/IEC 8859-`part` through iconv (iso8859.cpp).
void decodeIso8859(int part, const uint8_t* data, size_t size, TextSink* sink);
bool encodeIso8859(int part, Charset charset, const std::u32string& text, std::vector<uint8_t>* out,
                   std::string* error);

// KS X 1001 (as EUC-KR) and GB 2312 (as EUC-CN) through iconv (euc.cpp).
void decodeEuc(Charset charset, const uint8_t* data, size_t size, TextSink* sink);
bool encodeEuc(Charset charset, const std::u32string& text, std::vector<uint8_t>* out,
               std::string* error);

// ISO/IEC 10646 forms: UCS-2 BE (0x11), the Big5 subset (0x14, UCS-2 BE limited to the Big5
// repertoire) and UTF-8 (0x15) (unicode.cpp).
void decodeUcs2(const uint8_t* data, size_t size, TextSink* sink);
bool encodeUcs2(Charset charset, const std::u32string& text, std::vector<uint8_t>* out,
                std::string* error);
void decodeUtf8(const uint8_t* data, size_t size, TextSink* sink);
void encodeUtf8(const std::u32string& text, std::vector<uint8_t>* out);

// "U+2013 '–' cannot be encoded in ISO/IEC 8859-1": the common encoder error.
std::string unencodable(char32_t cp, Charset charset);
// The error when glibc lacks the gconv module a table needs.
std::string noConverter(Charset charset);

}  // namespace dvb::text::detail
