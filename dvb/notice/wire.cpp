#include "dvb/notice/wire.h"

namespace dvb::notice {
namespace {

bool inClass(char c, Ascii kind) {
  const bool digit = c >= '0' && c <= '9';
  const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  switch (kind) {
    case Ascii::kDigits:
      return digit;
    case Ascii::kPhone:
      return digit || c == '+' || c == '-' || c == '(' || c == ')' || c == ' ';
    case Ascii::kIdentifier:
      return digit || letter || c == '-' || c == '_' || c == '.' || c == ':';
    case Ascii::kLetters:
      return letter;
  }
  return false;
}

const char* className(Ascii kind) {
  switch (kind) {
    case Ascii::kDigits:
      return "digits only";
    case Ascii::kPhone:
      return "a phone number (digits, + - ( ) and spaces)";
    case Ascii::kIdentifier:
      return "letters, digits and - _ . :";
    case Ascii::kLetters:
      return "letters only";
  }
  return "?";
}

}  // namespace

bool asciiValid(const std::string& s, Ascii kind) {
  for (char c : s)
    if (!inClass(c, kind)) return false;
  return true;
}

// ---- WireReader ---------------------------------------------------------------

void WireReader::fail(const char* field, const std::string& why) {
  if (error_.empty()) error_ = std::string(field) + ": " + why;
}

bool WireReader::need(const char* field, size_t n) {
  if (!ok()) return false;
  if (r_.remaining() < n) {
    fail(field, "truncated");
    return false;
  }
  return true;
}

bool WireReader::finish(const char* what) {
  if (ok() && !r_.atEnd())
    fail(what, std::to_string(r_.remaining()) + " unexpected bytes after the last field");
  return ok();
}

void WireReader::u8(const char* field, uint8_t& v) {
  if (need(field, 1)) v = r_.u8();
}
void WireReader::u16(const char* field, uint16_t& v) {
  if (need(field, 2)) v = r_.u16();
}
void WireReader::u32(const char* field, uint32_t& v) {
  if (need(field, 4)) v = r_.u32();
}

void WireReader::utc(const char* field, UtcSeconds& v) {
  if (!need(field, 5)) return;
  const auto t = decodeUtcTime(r_.bytes(5));
  if (!t) return fail(field, "invalid MJD/BCD time");
  v = *t;
}

void WireReader::date(const char* field, UtcSeconds& v) {
  if (!need(field, 2)) return;
  v = utcOfMjd(mjdFromField(r_.u16()));
}

void WireReader::bytes(const char* field, uint8_t* v, size_t n) {
  if (!need(field, n)) return;
  const uint8_t* p = r_.bytes(n);
  std::copy(p, p + n, v);
}

void WireReader::fixedAscii(const char* field, std::string& v, size_t n, Ascii kind) {
  if (!need(field, n)) return;
  const uint8_t* p = r_.bytes(n);
  v.assign(reinterpret_cast<const char*>(p), n);
  if (!asciiValid(v, kind)) fail(field, std::string("must be ") + className(kind));
}

void WireReader::ascii8(const char* field, std::string& v, size_t max, Ascii kind, bool optional) {
  uint8_t n = 0;
  u8(field, n);
  if (!ok()) return;
  if (n > max) return fail(field, "length " + std::to_string(n) + " over " + std::to_string(max));
  if (n == 0 && !optional) return fail(field, "must not be empty");
  fixedAscii(field, v, n, kind);
}

void WireReader::text(const char* field, DvbText& v, size_t length, size_t max, bool optional) {
  if (!ok()) return;
  if (length > max)
    return fail(field, "length " + std::to_string(length) + " over " + std::to_string(max));
  if (length == 0 && !optional) return fail(field, "must not be empty");
  if (!need(field, length)) return;
  // Decoding is deferred to DvbText so the raw bytes stay exactly as signed.
  v = DvbText::fromRaw(r_.bytes(length), length, {});
  if (v.undecodable) fail(field, "text in a character table this box cannot read");
}

void WireReader::text8(const char* field, DvbText& v, size_t max, bool optional) {
  uint8_t n = 0;
  u8(field, n);
  text(field, v, n, max, optional);
}

void WireReader::text16(const char* field, DvbText& v, size_t max, bool optional) {
  uint16_t n = 0;
  u16(field, n);
  text(field, v, n, max, optional);
}

void WireReader::blob16(const char* field, std::vector<uint8_t>& v, size_t max) {
  uint16_t n = 0;
  u16(field, n);
  if (!ok()) return;
  if (n > max) return fail(field, "length " + std::to_string(n) + " over " + std::to_string(max));
  if (!need(field, n)) return;
  const uint8_t* p = r_.bytes(n);
  v.assign(p, p + n);
}

void WireReader::require(bool condition, const char* field, const char* why) {
  if (ok() && !condition) fail(field, why);
}

// ---- WireWriter ---------------------------------------------------------------

void WireWriter::fail(const char* field, const std::string& why) {
  if (error_.empty()) error_ = std::string(field) + ": " + why;
}

bool WireWriter::count(const char* field, size_t n, size_t max) {
  if (!ok()) return false;
  if (n > max) {
    fail(field, std::to_string(n) + " items, the limit is " + std::to_string(max));
    return false;
  }
  return true;
}

void WireWriter::u8(const char*, uint8_t& v) {
  if (ok()) w_.u8(v);
}
void WireWriter::u16(const char*, uint16_t& v) {
  if (ok()) w_.u16(v);
}
void WireWriter::u32(const char*, uint32_t& v) {
  if (ok()) w_.u32(v);
}

void WireWriter::utc(const char* field, UtcSeconds& v) {
  uint8_t b[5];
  if (!ok()) return;
  if (!encodeUtcTime(v, b)) return fail(field, "outside 1948-08-05 .. 2128-01-09");
  w_.bytes(b, 5);
}

void WireWriter::date(const char* field, UtcSeconds& v) {
  if (!ok()) return;
  const int64_t mjd = mjdOfUtc(v);
  if (utcOfMjd(mjd) != v) return fail(field, "a date must be midnight UTC");
  const auto f = fieldFromMjd(mjd);
  if (!f) return fail(field, "outside 1948-08-05 .. 2128-01-09");
  w_.u16(*f);
}

void WireWriter::bytes(const char*, uint8_t* v, size_t n) {
  if (ok()) w_.bytes(v, n);
}

void WireWriter::fixedAscii(const char* field, std::string& v, size_t n, Ascii kind) {
  if (!ok()) return;
  if (v.size() != n) return fail(field, "must be exactly " + std::to_string(n) + " characters");
  if (!asciiValid(v, kind)) return fail(field, std::string("must be ") + className(kind));
  w_.bytes(reinterpret_cast<const uint8_t*>(v.data()), n);
}

void WireWriter::ascii8(const char* field, std::string& v, size_t max, Ascii kind, bool optional) {
  if (!ok()) return;
  if (v.size() > max)
    return fail(field, "length " + std::to_string(v.size()) + " over " + std::to_string(max));
  if (v.empty() && !optional) return fail(field, "must not be empty");
  w_.u8(static_cast<uint8_t>(v.size()));
  fixedAscii(field, v, v.size(), kind);
}

void WireWriter::text8(const char* field, DvbText& v, size_t max, bool optional) {
  if (!ok()) return;
  if (v.raw.size() > max || v.raw.size() > 255)
    return fail(field, "encoded length " + std::to_string(v.raw.size()) + " over " +
                           std::to_string(max < 255 ? max : 255) + " bytes");
  if (v.raw.empty() && !optional) return fail(field, "must not be empty");
  w_.u8(static_cast<uint8_t>(v.raw.size()));
  w_.bytes(v.raw);
}

void WireWriter::text16(const char* field, DvbText& v, size_t max, bool optional) {
  if (!ok()) return;
  if (v.raw.size() > max)
    return fail(field, "encoded length " + std::to_string(v.raw.size()) + " over " +
                           std::to_string(max) + " bytes");
  if (v.raw.empty() && !optional) return fail(field, "must not be empty");
  w_.u16(static_cast<uint16_t>(v.raw.size()));
  w_.bytes(v.raw);
}

void WireWriter::blob16(const char* field, std::vector<uint8_t>& v, size_t max) {
  if (!ok()) return;
  if (v.size() > max)
    return fail(field, "length " + std::to_string(v.size()) + " over " + std::to_string(max));
  w_.u16(static_cast<uint16_t>(v.size()));
  w_.bytes(v);
}

void WireWriter::require(bool condition, const char* field, const char* why) {
  if (ok() && !condition) fail(field, why);
}

}  // namespace dvb::notice
