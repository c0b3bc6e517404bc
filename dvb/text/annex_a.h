// DVB text strings (ETSI EN 300 468 Annex A) <-> UTF-8.
//
// Every text field in DVB SI (service names, event titles, our notice texts) is a byte string
// whose first byte(s) may select a character table (EN 300 468 Annex A.2, Table A.3):
//   first byte >= 0x20    default table, Figure A.1 (ISO/IEC 6937 plus the euro sign at 0xA4)
//   0x01..0x0B            ISO/IEC 8859-5 .. -15 (0x08, the would-be 8859-12, is reserved)
//   0x10 0x00 NN          ISO/IEC 8859-NN, NN = 1..15 except 12
//   0x11                  ISO/IEC 10646 Basic Multilingual Plane, two bytes big-endian (UCS-2)
//   0x12                  KS X 1001-2004 (Korean), sent as EUC-KR
//   0x13                  GB-2312-1980 (Simplified Chinese), sent as EUC-CN
//   0x14                  Big5 subset of ISO/IEC 10646: UCS-2 code points, Big5 repertoire
//   0x15                  UTF-8 encoding of ISO/IEC 10646
//   0x1F NN               encoding_type_id NN (e.g. Freesat Huffman); none supported here
//   other values < 0x20   reserved
// Control codes (Annex A.1, Tables A.1 and A.2): in single-byte tables 0x86/0x87 switch
// emphasis on/off and 0x8A is CR/LF; in ISO/IEC 10646 tables the same codes sit at
// U+E086/U+E087/U+E08A. Decoding keeps only the line break ('\n').
//
// Pure functions: no I/O, no clock, no exceptions for bad input. Uses glibc iconv for the
// ISO 8859, KS X 1001, GB 2312 and Big5 repertoires; ISO/IEC 6937 is implemented here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dvb::text {

// A character table of EN 300 468 Annex A.
enum class Charset {
  Iso6937,  // the default table (Figure A.1)
  Iso8859_1,
  Iso8859_2,
  Iso8859_3,
  Iso8859_4,
  Iso8859_5,
  Iso8859_6,
  Iso8859_7,
  Iso8859_8,
  Iso8859_9,
  Iso8859_10,
  Iso8859_11,
  Iso8859_13,
  Iso8859_14,
  Iso8859_15,
  Ucs2,
  KsX1001,
  Gb2312,
  Big5Subset,
  Utf8,
};

struct DecodeOptions {
  // Table for strings without a selector byte. EN 300 468 says Iso6937, but some networks
  // (e.g. Chinese cable) send raw GB 2312 without the 0x13 selector.
  Charset default_charset = Charset::Iso6937;
};

struct DecodedText {
  std::string utf8;          // always valid UTF-8; control codes removed except '\n'
  bool undecodable = false;  // reserved/unsupported selector (e.g. 0x1F Huffman): utf8 is empty
  size_t replaced = 0;       // invalid bytes or sequences replaced by U+FFFD
  Charset charset = Charset::Iso6937;  // the table the string selected (meaningless if undecodable)
};

// Decodes one DVB string (selector included). Never fails: problems are reported in the result.
DecodedText decode(const uint8_t* data, size_t size, const DecodeOptions& options = {});

// Encodes UTF-8 text into `charset`, writing the selector first (none for Iso6937, the short
// 0x01..0x0B form for 8859-5..15, 0x10 0x00 NN for 8859-1..4). '\n' becomes the CR/LF control
// code of the table (0x8A, or U+E08A in the ISO/IEC 10646 tables). For every table but Ucs2
// and Utf8, Latin letters are first composed to NFC, so "e" + U+0301 and "é" encode alike.
// Returns false, with *out empty and *error (if not null) naming the problem, on invalid UTF-8,
// on control characters other than '\n', or on the first character `charset` cannot hold.
bool encode(std::string_view utf8, Charset charset, std::vector<uint8_t>* out, std::string* error);

// Human-readable table name, e.g. "ISO/IEC 8859-15".
const char* charsetName(Charset charset);

// The table a configuration or command line names: "iso6937", "iso8859-1" ..
// "iso8859-15", "ucs-2", "ksx1001", "gb2312", "big5", "utf-8" (case, '-' and
// '_' ignored); nullopt for anything else.
std::optional<Charset> charsetFromName(std::string_view name);

}  // namespace dvb::text
