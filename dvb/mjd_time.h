#pragma once
// UTC time as carried in DVB SI: a 16-bit Modified Julian Date plus
// hours/minutes/seconds in BCD (ETSI EN 300 468, 5.2.5 and Annex C).
//
// Times are 64-bit seconds since 1970-01-01T00:00:00Z (no 32-bit time_t
// anywhere). The civil-date conversion is exact for every day from 1900 to
// 2100 and beyond. The 16-bit MJD field wraps on 2038-04-23 (MJD 65536):
// field values below 0x8000 are read as MJD + 0x10000, so the field covers
// 1948-08-05 .. 2128-01-09; a date outside that window cannot be encoded.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dvb {

using UtcSeconds = int64_t;

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

// Full (unwrapped) MJD <-> civil date in the proleptic Gregorian calendar.
CivilDate civilFromMjd(int64_t mjd);
int64_t mjdFromCivil(const CivilDate& date);

// The day a UTC instant falls on, as a full MJD, and the midnight that starts
// a day (floor division: correct before 1970 too).
int64_t mjdOfUtc(UtcSeconds t);
UtcSeconds utcOfMjd(int64_t mjd);

// The 16-bit wire field <-> full MJD, with the 2038 wrap rule above.
int64_t mjdFromField(uint16_t field);
std::optional<uint16_t> fieldFromMjd(int64_t mjd);

// BCD byte (two decimal digits) <-> value; nullopt for a nibble above 9.
std::optional<int> fromBcd(uint8_t bcd);
uint8_t toBcd(int value);  // value in 0..99

// 40-bit UTC_time (MJD16 + 6 BCD digits). Rejects bad BCD and hour > 23,
// minute > 59, second > 60 (a leap second is representable in SI).
std::optional<UtcSeconds> decodeUtcTime(const uint8_t bytes[5]);
// False when the date is outside the 16-bit window.
bool encodeUtcTime(UtcSeconds t, uint8_t bytes[5]);

// The one text form of a UTC time in this project (DVB tools, the box and
// stb-central alike): "YYYY-MM-DDThh:mm:ssZ", ISO 8601 in whole seconds.
std::string formatIso8601(UtcSeconds t);

// Whether parseIso8601 takes a fraction of a second ("...:00.123Z"). The
// central API allows one in report and deadline times (docs/central-api.md).
enum class IsoFraction { kRefused, kDropped };

// Parses exactly what formatIso8601 writes: a digit in every place, a real
// calendar day (year 0000..9999), hour 0..23, minute and second 0..59, and the
// Z (UTC; an offset such as +08:00 is refused). With IsoFraction::kDropped,
// 1 to 9 fraction digits may stand before the Z; they are dropped.
std::optional<UtcSeconds> parseIso8601(std::string_view text,
                                       IsoFraction fraction = IsoFraction::kRefused);

}  // namespace dvb
