#include "dvb/mjd_time.h"

#include <gtest/gtest.h>

namespace dvb {
namespace {

// Days counted independently: a walk through the calendar by hand.
int daysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

TEST(MjdTime, EveryDayFrom1900To2100MatchesACalendarWalk) {
  int64_t mjd = 15020;  // 1900-01-01 (EN 300 468 Annex C epoch is 1858-11-17)
  for (int y = 1900; y <= 2100; ++y) {
    for (int m = 1; m <= 12; ++m) {
      for (int d = 1; d <= daysInMonth(y, m); ++d, ++mjd) {
        const CivilDate date = civilFromMjd(mjd);
        ASSERT_EQ(date.year, y) << mjd;
        ASSERT_EQ(date.month, m) << mjd;
        ASSERT_EQ(date.day, d) << mjd;
        ASSERT_EQ(mjdFromCivil({y, m, d}), mjd);
      }
    }
  }
  EXPECT_EQ(mjd, 88434);  // 2101-01-01
}

TEST(MjdTime, DayOfAnInstantFloorsBefore1970Too) {
  EXPECT_EQ(mjdOfUtc(*parseIso8601("1970-01-01T00:00:00Z")), 40587);
  EXPECT_EQ(mjdOfUtc(*parseIso8601("2026-11-30T23:59:59Z")), 0xEFBE);
  EXPECT_EQ(mjdOfUtc(*parseIso8601("1969-12-31T23:59:59Z")), 40586);
  EXPECT_EQ(formatIso8601(utcOfMjd(0xEFBE)), "2026-11-30T00:00:00Z");
  EXPECT_EQ(formatIso8601(utcOfMjd(15020)), "1900-01-01T00:00:00Z");
}

TEST(MjdTime, AnnexCExample) {
  // EN 300 468 Annex C: 93/10/13 12:45:00 is coded as 0xC079124500.
  const uint8_t bytes[5] = {0xC0, 0x79, 0x12, 0x45, 0x00};
  const auto t = decodeUtcTime(bytes);
  ASSERT_TRUE(t);
  EXPECT_EQ(formatIso8601(*t), "1993-10-13T12:45:00Z");
  uint8_t back[5];
  ASSERT_TRUE(encodeUtcTime(*t, back));
  EXPECT_EQ(0, memcmp(bytes, back, 5));
}

TEST(MjdTime, SixteenBitFieldWrapsOn2038April23) {
  EXPECT_EQ(formatIso8601(*parseIso8601("2038-04-22T23:59:59Z")), "2038-04-22T23:59:59Z");
  uint8_t b[5];
  ASSERT_TRUE(encodeUtcTime(*parseIso8601("2038-04-22T23:59:59Z"), b));
  EXPECT_EQ(b[0], 0xFF);
  EXPECT_EQ(b[1], 0xFF);
  ASSERT_TRUE(encodeUtcTime(*parseIso8601("2038-04-23T00:00:00Z"), b));
  EXPECT_EQ(b[0], 0x00);
  EXPECT_EQ(b[1], 0x00);
  EXPECT_EQ(formatIso8601(*decodeUtcTime(b)), "2038-04-23T00:00:00Z");
  // A naive reading of field 0x0000 would be 1858-11-17.
  EXPECT_EQ(mjdFromField(0x0000), 65536);
  EXPECT_EQ(mjdFromField(0xFFFF), 65535);
}

TEST(MjdTime, FieldRoundTripsEveryDayOfItsWindow) {
  for (int64_t mjd = 0x8000; mjd < 0x18000; ++mjd) {
    const auto field = fieldFromMjd(mjd);
    ASSERT_TRUE(field) << mjd;
    ASSERT_EQ(mjdFromField(*field), mjd);
  }
  EXPECT_FALSE(fieldFromMjd(0x7FFF));   // 1948-08-04: before the window
  EXPECT_FALSE(fieldFromMjd(0x18000));  // 2128-01-10: after it
}

TEST(MjdTime, TimesAcrossTheCenturyRoundTrip) {
  for (const char* text : {"1970-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2000-02-29T12:00:00Z",
                           "2026-11-30T02:00:00Z", "2038-01-19T03:14:08Z", "2099-12-31T23:59:59Z",
                           "2100-02-28T00:00:00Z", "2100-12-31T23:59:59Z"}) {
    const auto t = parseIso8601(text);
    ASSERT_TRUE(t) << text;
    uint8_t b[5];
    ASSERT_TRUE(encodeUtcTime(*t, b)) << text;
    const auto back = decodeUtcTime(b);
    ASSERT_TRUE(back) << text;
    EXPECT_EQ(formatIso8601(*back), text);
  }
  // Past 2038-01-19 a 32-bit time_t overflows; this count does not.
  EXPECT_EQ(*parseIso8601("2038-01-19T03:14:08Z"), int64_t{1} << 31);
  EXPECT_EQ(*parseIso8601("2100-12-31T23:59:59Z"), 4133980799);
  EXPECT_EQ(*parseIso8601("1900-01-01T00:00:00Z"), -2208988800);
  EXPECT_EQ(formatIso8601(-2208988800), "1900-01-01T00:00:00Z");
}

TEST(MjdTime, RejectsBadBcdAndOutOfRangeFields) {
  const uint8_t bad_digit[5] = {0xC0, 0x79, 0x1A, 0x00, 0x00};
  EXPECT_FALSE(decodeUtcTime(bad_digit));
  const uint8_t hour_24[5] = {0xC0, 0x79, 0x24, 0x00, 0x00};
  EXPECT_FALSE(decodeUtcTime(hour_24));
  const uint8_t minute_60[5] = {0xC0, 0x79, 0x12, 0x60, 0x00};
  EXPECT_FALSE(decodeUtcTime(minute_60));
  const uint8_t leap_second[5] = {0xC0, 0x79, 0x23, 0x59, 0x60};
  EXPECT_TRUE(decodeUtcTime(leap_second));
  uint8_t b[5];
  EXPECT_FALSE(encodeUtcTime(*parseIso8601("1900-01-01T00:00:00Z"), b));
}

TEST(MjdTime, ParseIsStrict) {
  EXPECT_FALSE(parseIso8601("2026-02-30T00:00:00Z"));
  EXPECT_FALSE(parseIso8601("2026-11-30T00:00:00"));
  EXPECT_FALSE(parseIso8601("2026-11-30T24:00:00Z"));
  EXPECT_FALSE(parseIso8601("2026-11-30T00:00:00Zjunk"));
  EXPECT_TRUE(parseIso8601("2024-02-29T00:00:00Z"));
  EXPECT_FALSE(parseIso8601("2100-02-29T00:00:00Z"));
  // Exactly the form formatIso8601 writes: every digit in its place, no sign,
  // no space, UTC only.
  for (const char* bad : {"",
                          "2026-1-5T2:0:0Z",
                          "2026-11-30T2:00:00Z",
                          "+026-11-30T00:00:00Z",
                          "-001-01-01T00:00:00Z",
                          " 2026-11-30T00:00:00Z",
                          "2026- 1-30T00:00:00Z",
                          "2026-11-30T00:00:+1Z",
                          "26-11-30T00:00:00Z",
                          "2026-11-30 00:00:00Z",
                          "2026-11-30t00:00:00Z",
                          "2026-11-30T00:00:00z",
                          "2026-11-30T08:15:00+08:00",
                          "2026-00-30T00:00:00Z",
                          "2026-13-30T00:00:00Z",
                          "2026-11-00T00:00:00Z",
                          "2026-11-31T00:00:00Z",
                          "2026-11-30T00:60:00Z",
                          "2026-11-30T00:00:60Z",
                          "2026-11-30T00:00:00.5Z"})
    EXPECT_FALSE(parseIso8601(bad)) << bad;
  // Any four-digit year reads back as written (before 1970 too).
  for (const char* text : {"0000-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "9999-12-31T23:59:59Z"})
    EXPECT_EQ(formatIso8601(parseIso8601(text).value_or(0)), text);
  EXPECT_EQ(parseIso8601(std::string_view("2026-11-30T00:00:00Zjunk", 20)),
            parseIso8601("2026-11-30T00:00:00Z"));
}

// The central API's times may carry a fraction of a second (docs/central-api.md).
TEST(MjdTime, FractionIsDroppedOnlyWhenAsked) {
  const UtcSeconds whole = *parseIso8601("2026-12-03T08:15:00Z");
  for (const char* text : {"2026-12-03T08:15:00Z", "2026-12-03T08:15:00.1Z",
                           "2026-12-03T08:15:00.999Z", "2026-12-03T08:15:00.123456789Z"}) {
    EXPECT_EQ(parseIso8601(text, IsoFraction::kDropped), whole) << text;
  }
  EXPECT_FALSE(parseIso8601("2026-12-03T08:15:00.123Z"));  // kRefused by default
  EXPECT_FALSE(parseIso8601("2026-12-03T08:15:00.123Z", IsoFraction::kRefused));
  for (const char* bad :
       {"2026-12-03T08:15:00.Z", "2026-12-03T08:15:00.1234567890Z", "2026-12-03T08:15:00.1xZ",
        "2026-12-03T08:15:00,5Z", "2026-12-03T08:15:00.5", "2026-12-03T08:15:00.5Z0",
        "2026-12-03T08:15:00.5+08:00", "2026-12-03T08:15:60.5Z", "2026-02-30T08:15:00.5Z"})
    EXPECT_FALSE(parseIso8601(bad, IsoFraction::kDropped)) << bad;
}

TEST(Bcd, Digits) {
  EXPECT_EQ(*fromBcd(0x59), 59);
  EXPECT_FALSE(fromBcd(0x5A));
  EXPECT_FALSE(fromBcd(0xA0));
  EXPECT_EQ(toBcd(47), 0x47);
}

}  // namespace
}  // namespace dvb
