#pragma once
// The two halves of "one description of the layout": every object of the
// notice protocol (docs/protocol.md) has a single layout function,
//   template <typename Io> void layout(Io& io, Object& o);
// that calls the same field methods on a WireReader (decode) or a WireWriter
// (encode). Both sides check the same limits, so the box and the headend tool
// cannot drift. The first failure stops the walk and names the field.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "dvb/byte_reader.h"
#include "dvb/byte_writer.h"
#include "dvb/dvb_text.h"
#include "dvb/mjd_time.h"

namespace dvb::notice {

// Which bytes an ASCII field may hold.
enum class Ascii {
  kDigits,      // 0-9
  kPhone,       // 0-9 + - ( ) space
  kIdentifier,  // A-Z a-z 0-9 - _ . :
  kLetters,     // A-Z a-z (language and currency codes)
};

class WireReader {
 public:
  static constexpr bool kReading = true;
  WireReader(const uint8_t* data, size_t size) : r_(data, size) {}

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  // True when every byte was consumed; otherwise sets an error.
  bool finish(const char* what);
  // No byte left (optional fields at the end of a body).
  bool atEnd() const { return ok() && r_.atEnd(); }

  void u8(const char* field, uint8_t& v);
  void u16(const char* field, uint16_t& v);
  void u32(const char* field, uint32_t& v);
  void utc(const char* field, UtcSeconds& v);   // 40-bit UTC_time (MJD + BCD)
  void date(const char* field, UtcSeconds& v);  // 16-bit MJD, midnight UTC
  void bytes(const char* field, uint8_t* v, size_t n);
  // Exactly n characters (language, currency codes).
  void fixedAscii(const char* field, std::string& v, size_t n, Ascii kind);
  // u8 length, then 1..max characters (0..max when optional).
  void ascii8(const char* field, std::string& v, size_t max, Ascii kind, bool optional = false);
  // Annex A text with a u8 / u16 length; max counts bytes, empty allowed when optional.
  void text8(const char* field, DvbText& v, size_t max, bool optional = false);
  void text16(const char* field, DvbText& v, size_t max, bool optional = false);
  void blob16(const char* field, std::vector<uint8_t>& v, size_t max);
  // A list with a u8 / u16 count of at most max items; each item laid out by f(io, item).
  template <typename T, typename F>
  void list8(const char* field, std::vector<T>& v, size_t max, F f) {
    uint8_t n = 0;
    u8(field, n);
    items(field, v, n, max, f);
  }
  template <typename T, typename F>
  void list16(const char* field, std::vector<T>& v, size_t max, F f) {
    uint16_t n = 0;
    u16(field, n);
    items(field, v, n, max, f);
  }
  // A rule the layout states (end after start, ...): fails with `why`.
  void require(bool condition, const char* field, const char* why);

 private:
  template <typename T, typename F>
  void items(const char* field, std::vector<T>& v, size_t n, size_t max, F f) {
    if (!ok()) return;
    if (n > max)
      return fail(field,
                  "count " + std::to_string(n) + " over the limit of " + std::to_string(max));
    v.assign(n, T{});
    for (size_t i = 0; i < n && ok(); ++i) f(*this, v[i]);
  }
  bool need(const char* field, size_t n);
  void fail(const char* field, const std::string& why);
  void text(const char* field, DvbText& v, size_t length, size_t max, bool optional);

  ByteReader r_;
  std::string error_;
};

class WireWriter {
 public:
  static constexpr bool kReading = false;

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  std::vector<uint8_t> take() { return w_.take(); }

  void u8(const char* field, uint8_t& v);
  void u16(const char* field, uint16_t& v);
  void u32(const char* field, uint32_t& v);
  void utc(const char* field, UtcSeconds& v);
  void date(const char* field, UtcSeconds& v);
  void bytes(const char* field, uint8_t* v, size_t n);
  void fixedAscii(const char* field, std::string& v, size_t n, Ascii kind);
  void ascii8(const char* field, std::string& v, size_t max, Ascii kind, bool optional = false);
  void text8(const char* field, DvbText& v, size_t max, bool optional = false);
  void text16(const char* field, DvbText& v, size_t max, bool optional = false);
  void blob16(const char* field, std::vector<uint8_t>& v, size_t max);
  template <typename T, typename F>
  void list8(const char* field, std::vector<T>& v, size_t max, F f) {
    if (!count(field, v.size(), max)) return;
    w_.u8(static_cast<uint8_t>(v.size()));
    for (size_t i = 0; i < v.size() && ok(); ++i) f(*this, v[i]);
  }
  template <typename T, typename F>
  void list16(const char* field, std::vector<T>& v, size_t max, F f) {
    if (!count(field, v.size(), max)) return;
    w_.u16(static_cast<uint16_t>(v.size()));
    for (size_t i = 0; i < v.size() && ok(); ++i) f(*this, v[i]);
  }
  void require(bool condition, const char* field, const char* why);

 private:
  bool count(const char* field, size_t n, size_t max);
  void fail(const char* field, const std::string& why);

  ByteWriter w_;
  std::string error_;
};

// True when every character of s belongs to kind.
bool asciiValid(const std::string& s, Ascii kind);

}  // namespace dvb::notice
