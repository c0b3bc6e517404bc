// Encoding UTF-8 into EN 300 468 Annex A tables: exact bytes, round trips through decode, and
// clean failures for characters a table cannot hold.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "dvb/text/annex_a.h"
#include "tests/dvb/text/text_test_util.h"

namespace dvb::text {
namespace {

using testing::Bytes;
using testing::decodeBytes;

Bytes encodeOk(const std::string& utf8, Charset charset) {
  Bytes out;
  std::string error;
  EXPECT_TRUE(encode(utf8, charset, &out, &error)) << charsetName(charset) << ": " << error;
  return out;
}

// Encodes, decodes, and expects the same text back from the same table.
void expectRoundTrip(const std::string& utf8, Charset charset) {
  SCOPED_TRACE(std::string(charsetName(charset)) + ": " + utf8);
  const Bytes bytes = encodeOk(utf8, charset);
  const DecodedText d = decodeBytes(bytes);
  EXPECT_FALSE(d.undecodable);
  EXPECT_EQ(d.charset, charset);
  EXPECT_EQ(d.utf8, utf8);
  EXPECT_EQ(d.replaced, 0u);
}

// Expects encode to fail, leave no bytes, and name the offending character.
void expectUnencodable(const std::string& utf8, Charset charset, const std::string& culprit) {
  SCOPED_TRACE(std::string(charsetName(charset)) + ": " + utf8);
  Bytes out = {0xEE};
  std::string error;
  EXPECT_FALSE(encode(utf8, charset, &out, &error));
  EXPECT_TRUE(out.empty());
  EXPECT_NE(error.find(culprit), std::string::npos) << error;
}

const char kChineseNotice[] = "江西有线 计划停电维护通知";
const char kSpanishNotice[] = "Mantenimiento programado: mañana, 02:00–06:00";  // en dash
const char kSpanishAscii[] = "Mantenimiento programado: mañana, 02:00-06:00";   // hyphen

TEST(AnnexAEncode, ChineseInGb2312Utf8AndUcs2) {
  const Bytes gb = encodeOk(kChineseNotice, Charset::Gb2312);
  const Bytes gb_prefix = {0x13, 0xBD, 0xAD, 0xCE, 0xF7, 0xD3, 0xD0, 0xCF, 0xDF, ' '};
  EXPECT_EQ(Bytes(gb.begin(), gb.begin() + 10), gb_prefix);
  expectRoundTrip(kChineseNotice, Charset::Gb2312);
  expectRoundTrip(kChineseNotice, Charset::Utf8);
  expectRoundTrip(kChineseNotice, Charset::Ucs2);
  EXPECT_EQ(encodeOk("江西", Charset::Ucs2), (Bytes{0x11, 0x6C, 0x5F, 0x89, 0x7F}));
  EXPECT_EQ(encodeOk("江", Charset::Utf8), (Bytes{0x15, 0xE6, 0xB1, 0x9F}));
  expectUnencodable("江西有线 €", Charset::Gb2312, "U+20AC");
  expectUnencodable(kChineseNotice, Charset::Iso6937, "U+6C5F");
  expectUnencodable("朱镕基", Charset::Gb2312, "U+9555");  // GBK only: writing is strict
}

TEST(AnnexAEncode, Big5Subset) {
  const char traditional[] = "台灣有線 計劃停電維護通知";
  expectRoundTrip(traditional, Charset::Big5Subset);
  EXPECT_EQ(encodeOk("台灣", Charset::Big5Subset), (Bytes{0x14, 0x53, 0xF0, 0x70, 0x63}));
  expectUnencodable("江西有线", Charset::Big5Subset, "U+7EBF");  // simplified 线 is not Big5
}

TEST(AnnexAEncode, Korean) {
  expectRoundTrip("한국 방송 안내: 정기 점검", Charset::KsX1001);
  EXPECT_EQ(encodeOk("한국 TV", Charset::KsX1001),
            (Bytes{0x12, 0xC7, 0xD1, 0xB1, 0xB9, ' ', 'T', 'V'}));
  expectUnencodable("한국 ภ", Charset::KsX1001, "U+0E20");
}

TEST(AnnexAEncode, SpanishDependsOnTheEnDash) {
  for (Charset latin : {Charset::Iso6937, Charset::Iso8859_1, Charset::Iso8859_15}) {
    expectUnencodable(kSpanishNotice, latin, "U+2013");
    expectRoundTrip(kSpanishAscii, latin);
  }
  expectRoundTrip(kSpanishNotice, Charset::Utf8);
  expectRoundTrip(kSpanishNotice, Charset::Ucs2);
  expectRoundTrip(kSpanishAscii, Charset::Iso8859_9);
  EXPECT_EQ(encodeOk("mañana", Charset::Iso6937), (Bytes{'m', 'a', 0xC4, 'n', 'a', 'n', 'a'}));
  EXPECT_EQ(encodeOk("mañana", Charset::Iso8859_1),
            (Bytes{0x10, 0x00, 0x01, 'm', 'a', 0xF1, 'a', 'n', 'a'}));
}

TEST(AnnexAEncode, FrenchInIso6937AndIso8859_15) {
  EXPECT_EQ(encodeOk("Chérie 25", Charset::Iso8859_15),
            (Bytes{0x0B, 'C', 'h', 0xE9, 'r', 'i', 'e', ' ', '2', '5'}));
  EXPECT_EQ(encodeOk("Chérie 25", Charset::Iso6937),
            (Bytes{'C', 'h', 0xC2, 'e', 'r', 'i', 'e', ' ', '2', '5'}));
  EXPECT_EQ(encodeOk("France Ô", Charset::Iso8859_15),
            (Bytes{0x0B, 'F', 'r', 'a', 'n', 'c', 'e', ' ', 0xD4}));
  EXPECT_EQ(encodeOk("France Ô", Charset::Iso6937),
            (Bytes{'F', 'r', 'a', 'n', 'c', 'e', ' ', 0xC3, 'O'}));
  for (const char* text : {"France Ô", "Chérie 25", "Œuvre à l'Île-de-France, ça coûte 5 €"}) {
    expectRoundTrip(text, Charset::Iso6937);
    expectRoundTrip(text, Charset::Iso8859_15);
  }
}

TEST(AnnexAEncode, EuroSign) {
  EXPECT_EQ(encodeOk("10 €", Charset::Iso6937), (Bytes{'1', '0', ' ', 0xA4}));
  EXPECT_EQ(encodeOk("10 €", Charset::Iso8859_15), (Bytes{0x0B, '1', '0', ' ', 0xA4}));
  expectUnencodable("10 €", Charset::Iso8859_1, "U+20AC");
  EXPECT_EQ(encodeOk("¤", Charset::Iso6937), (Bytes{0xA8}));  // the generic currency sign
}

TEST(AnnexAEncode, CyrillicAndGreek) {
  EXPECT_EQ(encodeOk("Россия 1", Charset::Iso8859_5),
            (Bytes{0x01, 0xC0, 0xDE, 0xE1, 0xE1, 0xD8, 0xEF, ' ', '1'}));
  EXPECT_EQ(encodeOk("Ελληνική", Charset::Iso8859_7),
            (Bytes{0x03, 0xC5, 0xEB, 0xEB, 0xE7, 0xED, 0xE9, 0xEA, 0xDE}));
  expectRoundTrip("Россия 1", Charset::Iso8859_5);
  expectRoundTrip("Ελληνική", Charset::Iso8859_7);
  expectRoundTrip("Россия 1 Ελληνική", Charset::Ucs2);
  expectUnencodable("Россия 1", Charset::Iso8859_7, "U+0420");
}

TEST(AnnexAEncode, EveryIso8859Part) {
  expectRoundTrip("Zürich ÿ", Charset::Iso8859_1);
  expectRoundTrip("Łódź, Brno ř", Charset::Iso8859_2);
  expectRoundTrip("Malta: ħ ġ ż", Charset::Iso8859_3);
  expectRoundTrip("Eesti ŗ ķ ū", Charset::Iso8859_4);
  expectRoundTrip("Россия 1", Charset::Iso8859_5);
  expectRoundTrip("عربي", Charset::Iso8859_6);
  expectRoundTrip("Ελληνική", Charset::Iso8859_7);
  expectRoundTrip("עברית", Charset::Iso8859_8);
  expectRoundTrip("Türkçe ığş", Charset::Iso8859_9);
  expectRoundTrip("Sámi ŋ ŧ", Charset::Iso8859_10);
  expectRoundTrip("ภาษาไทย", Charset::Iso8859_11);
  expectRoundTrip("Lietuvių ą ž", Charset::Iso8859_13);
  expectRoundTrip("Cymraeg ŵ ŷ", Charset::Iso8859_14);
  expectRoundTrip("Œuvre €", Charset::Iso8859_15);
  EXPECT_EQ(encodeOk("Łódź", Charset::Iso8859_2), (Bytes{0x10, 0x00, 0x02, 0xA3, 0xF3, 'd', 0xBC}));
  EXPECT_EQ(encodeOk("ภาษา", Charset::Iso8859_11), (Bytes{0x07, 0xC0, 0xD2, 0xC9, 0xD2}));
}

// Every assigned upper-half byte of every single-byte table decodes to one character that
// encodes back to the same byte: the tables agree with themselves in both directions.
TEST(AnnexAEncode, SingleByteTablesAreBijective) {
  const std::vector<Bytes> selectors = {
      {},     {0x10, 0, 1}, {0x10, 0, 2}, {0x10, 0, 3}, {0x10, 0, 4}, {0x01}, {0x02}, {0x03},
      {0x04}, {0x05},       {0x06},       {0x07},       {0x09},       {0x0A}, {0x0B}};
  size_t checked = 0;
  for (const Bytes& selector : selectors) {
    for (int b = 0xA0; b <= 0xFF; ++b) {
      if (selector.empty() && b >= 0xC1 && b <= 0xCF) continue;  // 6937 diacritics
      Bytes bytes = selector;
      bytes.push_back(static_cast<uint8_t>(b));
      const DecodedText d = decodeBytes(bytes);
      if (d.replaced != 0) continue;  // unassigned in this part
      SCOPED_TRACE(std::string(charsetName(d.charset)) + " byte " + std::to_string(b));
      EXPECT_EQ(encodeOk(d.utf8, d.charset), bytes);
      ++checked;
    }
  }
  EXPECT_GT(checked, 1200u);  // 15 tables of up to 96 characters: the loop really ran
}

TEST(AnnexAEncode, LineBreakUsesEachTablesControlCode) {
  EXPECT_EQ(encodeOk("A\nB", Charset::Iso6937), (Bytes{'A', 0x8A, 'B'}));
  EXPECT_EQ(encodeOk("A\nB", Charset::Iso8859_5), (Bytes{0x01, 'A', 0x8A, 'B'}));
  EXPECT_EQ(encodeOk("A\nB", Charset::Ucs2), (Bytes{0x11, 0x00, 'A', 0xE0, 0x8A, 0x00, 'B'}));
  EXPECT_EQ(encodeOk("A\nB", Charset::Big5Subset), (Bytes{0x14, 0x00, 'A', 0xE0, 0x8A, 0x00, 'B'}));
  EXPECT_EQ(encodeOk("A\nB", Charset::Utf8), (Bytes{0x15, 'A', 0xEE, 0x82, 0x8A, 'B'}));
  EXPECT_EQ(encodeOk("A\nB", Charset::Gb2312), (Bytes{0x13, 'A', 0x8A, 'B'}));
  EXPECT_EQ(encodeOk("A\nB", Charset::KsX1001), (Bytes{0x12, 'A', 0x8A, 'B'}));
  expectRoundTrip("停电通知\n明天 08:00", Charset::Gb2312);
  expectRoundTrip("Línea 1\nLínea 2", Charset::Iso6937);
}

TEST(AnnexAEncode, Iso6937DiacriticsFromAnyUnicodeForm) {
  const Bytes e_acute = {0xC2, 'e'};
  EXPECT_EQ(encodeOk("é", Charset::Iso6937), e_acute);
  EXPECT_EQ(encodeOk("e\u0301", Charset::Iso6937), e_acute);  // decomposed input
  EXPECT_EQ(encodeOk("e\u0301", Charset::Iso8859_1), (Bytes{0x10, 0x00, 0x01, 0xE9}));
  EXPECT_EQ(encodeOk("q\u0303", Charset::Iso6937), (Bytes{0xC4, 'q'}));  // no precomposed q̃
  expectRoundTrip("q\u0303", Charset::Iso6937);
  EXPECT_EQ(encodeOk("´", Charset::Iso6937), (Bytes{0xC2, ' '}));
  EXPECT_EQ(encodeOk("Ð", Charset::Iso6937), (Bytes{0xE2}));  // 6937 has one capital D-stroke
  expectRoundTrip("Příliš žluťoučký kůň úpěl ďábelské ódy", Charset::Iso6937);
  expectRoundTrip("Łódź Œ ß ŋ ı ™ ♪ ½ ←", Charset::Iso6937);
  expectUnencodable("ǖ", Charset::Iso6937, "U+01D6");       // two diacritics on one letter
  expectUnencodable("\u0301", Charset::Iso6937, "U+0301");  // a mark with no letter
  expectUnencodable("ș", Charset::Iso6937, "U+0219");       // comma below is not in 6937
}

TEST(AnnexAEncode, Ucs2IsLimitedToTheBmp) {
  expectUnencodable("ok \U0001F600", Charset::Ucs2, "U+1F600");
  expectRoundTrip("ok \U0001F600", Charset::Utf8);
}

TEST(AnnexAEncode, InvalidInputFailsCleanly) {
  expectUnencodable("abc\xC3", Charset::Utf8, "invalid UTF-8 at byte offset 3");
  expectUnencodable("\xED\xA0\x80", Charset::Ucs2, "invalid UTF-8");  // surrogate
  expectUnencodable("tab\there", Charset::Utf8, "U+0009");
  expectUnencodable("cr\r\n", Charset::Iso6937, "U+000D");
  expectUnencodable("\xC2\x8A", Charset::Iso6937, "U+008A");   // raw C1 control
  expectUnencodable("\xEE\x82\x86", Charset::Utf8, "U+E086");  // DVB emphasis code
  Bytes out;
  EXPECT_FALSE(encode("\xFF", Charset::Utf8, &out, nullptr));  // error is optional
}

// Found by the fuzzer (as a wrong property, not a crash): U+FFFD from a broken string is an
// ordinary character to the encoders, so the Unicode tables carry it and decode it cleanly.
TEST(AnnexAEncode, ReplacementCharacterIsOrdinaryText) {
  const DecodedText broken = decodeBytes({0xC6});  // a lone breve
  ASSERT_EQ(broken.utf8, "\uFFFD");
  const DecodedText again = decodeBytes(encodeOk(broken.utf8, Charset::Ucs2));
  EXPECT_EQ(again.utf8, "\uFFFD");
  EXPECT_EQ(again.replaced, 0u);
  expectUnencodable(broken.utf8, Charset::Iso6937, "U+FFFD");
}

TEST(AnnexAEncode, EmptyTextIsJustTheSelector) {
  EXPECT_EQ(encodeOk("", Charset::Iso6937), Bytes{});
  EXPECT_EQ(encodeOk("", Charset::Utf8), Bytes{0x15});
  EXPECT_EQ(encodeOk("", Charset::Iso8859_1), (Bytes{0x10, 0x00, 0x01}));
}

TEST(AnnexAEncode, CharsetNames) {
  EXPECT_STREQ(charsetName(Charset::Iso6937), "ISO/IEC 6937");
  EXPECT_STREQ(charsetName(Charset::Iso8859_15), "ISO/IEC 8859-15");
  EXPECT_STREQ(charsetName(Charset::Gb2312), "GB-2312-1980");
  EXPECT_STREQ(charsetName(Charset::Utf8), "UTF-8");
}

}  // namespace
}  // namespace dvb::text
