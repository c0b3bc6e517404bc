// The two-byte Asian tables of EN 300 468 Annex A.2: 0x12 KS X 1001-2004 and 0x13 GB-2312-1980.
// Broadcasters send them in their EUC form, which mixes ASCII single bytes with pairs of bytes
// >= 0xA1 (row and column + 0x80): EUC-KR and EUC-CN, converted by glibc iconv.
//
// Annex A defines no control codes for these tables. EUC never uses 0x80-0x9F, so a lone byte
// there is read as the Table A.1 code (0x8A line break), and so is 0xE0 followed by 0x80-0x9F,
// the Table A.2 form some encoders copy from UCS-2 (invalid EUC otherwise). The encoder writes
// '\n' as the single byte 0x8A.
#include <cstdint>
#include <string>
#include <vector>

#include "dvb/text/codecs.h"
#include "dvb/text/iconv_util.h"

namespace dvb::text::detail {
namespace {

constexpr uint8_t kCrLf = 0x8A;  // Table A.1

struct EucTable {
  const char* decode_as;  // iconv name used to read
  const char* encode_as;  // iconv name used to write
  uint8_t trail_min;      // lowest second byte accepted when reading
};

// GB 2312 is read as GBK, its superset with the same layout, because Chinese networks send
// GBK-only characters (rare name characters) in 0x13 strings. Only GBK's lead bytes >= 0xA1
// are taken, so that 0x80-0x9F keep their control meaning ("\n" + "A" is 8A 41, a GBK pair);
// GBK characters with leads 0x81-0xA0 are therefore replaced. Writing is strict GB 2312.
EucTable eucTable(Charset charset) {
  if (charset == Charset::Gb2312) return {"GBK", "EUC-CN", 0x40};
  return {"EUC-KR", "EUC-KR", 0xA1};
}

bool isTrail(uint8_t b, uint8_t trail_min) {
  return b >= trail_min && b <= 0xFE && b != 0x7F;
}

bool isTableA2Control(const uint8_t* p, size_t n) {
  return n >= 2 && p[0] == 0xE0 && p[1] >= 0x80 && p[1] <= 0x9F;
}

bool isPair(const uint8_t* p, size_t n, uint8_t trail_min) {
  return n >= 2 && p[0] >= 0xA1 && p[0] <= 0xFE && isTrail(p[1], trail_min);
}

// Decodes the character at p[0..n), n > 0; returns the bytes consumed.
size_t decodeOne(const uint8_t* p, size_t n, uint8_t trail_min, CharsetDecoder* decoder,
                 TextSink* sink) {
  if (p[0] < 0xA0) {
    sink->put(p[0]);  // ASCII; the sink drops C0 controls and handles the 0x80-0x9F codes
    return 1;
  }
  if (isTableA2Control(p, n)) {
    sink->putControl(p[1]);
    return 2;
  }
  if (!isPair(p, n, trail_min)) {
    sink->replace();  // not a lead byte, or a lead byte without its second byte
    return 1;
  }
  const char32_t cp = decoder->toCodePoint(p, 2);
  if (cp != 0) {
    sink->put(cp);
  } else {
    sink->replace();  // a well-formed pair that the table leaves unassigned
  }
  return 2;
}

}  // namespace

void decodeEuc(Charset charset, const uint8_t* data, size_t size, TextSink* sink) {
  const EucTable table = eucTable(charset);
  CharsetDecoder decoder(table.decode_as);
  size_t i = 0;
  while (i < size) i += decodeOne(data + i, size - i, table.trail_min, &decoder, sink);
}

bool encodeEuc(Charset charset, const std::u32string& text, std::vector<uint8_t>* out,
               std::string* error) {
  CharsetEncoder encoder(eucTable(charset).encode_as);
  for (const char32_t cp : text) {
    if (cp == '\n') {
      out->push_back(kCrLf);
    } else if (cp >= 0x20 && cp <= 0x7E) {
      out->push_back(static_cast<uint8_t>(cp));
    } else {
      uint8_t bytes[8];
      // Only a true two-byte character will do; anything else means the table lacks it.
      if (encoder.fromCodePoint(cp, bytes) != 2 || bytes[0] < 0xA1 || bytes[1] < 0xA1) {
        *error = encoder.ok() ? unencodable(cp, charset) : noConverter(charset);
        return false;
      }
      out->push_back(bytes[0]);
      out->push_back(bytes[1]);
    }
  }
  return true;
}

}  // namespace dvb::text::detail
