// Decoding EN 300 468 Annex A strings: selectors, hand-written bytes from the tables,
// control codes, and broken input. Encoding and round trips are in annex_a_encode_test.cpp.
#include "dvb/text/annex_a.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "tests/dvb/text/text_test_util.h"

namespace dvb::text {
namespace {

using testing::Bytes;
using testing::decodeBytes;
using testing::isValidUtf8;

// --- Selectors (Annex A.2, Table A.3) ---

struct SelectorCase {
  Bytes selector;
  Charset charset;
};

TEST(AnnexASelector, EachSelectorPicksItsTable) {
  const SelectorCase cases[] = {
      {{}, Charset::Iso6937},
      {{0x01}, Charset::Iso8859_5},
      {{0x02}, Charset::Iso8859_6},
      {{0x03}, Charset::Iso8859_7},
      {{0x04}, Charset::Iso8859_8},
      {{0x05}, Charset::Iso8859_9},
      {{0x06}, Charset::Iso8859_10},
      {{0x07}, Charset::Iso8859_11},
      {{0x09}, Charset::Iso8859_13},
      {{0x0A}, Charset::Iso8859_14},
      {{0x0B}, Charset::Iso8859_15},
      {{0x10, 0x00, 0x01}, Charset::Iso8859_1},
      {{0x10, 0x00, 0x02}, Charset::Iso8859_2},
      {{0x10, 0x00, 0x03}, Charset::Iso8859_3},
      {{0x10, 0x00, 0x04}, Charset::Iso8859_4},
      {{0x10, 0x00, 0x05}, Charset::Iso8859_5},
      {{0x10, 0x00, 0x0B}, Charset::Iso8859_11},
      {{0x10, 0x00, 0x0D}, Charset::Iso8859_13},
      {{0x10, 0x00, 0x0F}, Charset::Iso8859_15},
      {{0x11}, Charset::Ucs2},
      {{0x12}, Charset::KsX1001},
      {{0x13}, Charset::Gb2312},
      {{0x14}, Charset::Big5Subset},
      {{0x15}, Charset::Utf8},
  };
  for (const SelectorCase& c : cases) {
    Bytes bytes = c.selector;
    // "Ab" in every table: one byte each in the ASCII-based ones, two in the UCS-2 ones.
    const bool ucs2 = c.charset == Charset::Ucs2 || c.charset == Charset::Big5Subset;
    const Bytes text = ucs2 ? Bytes{0x00, 'A', 0x00, 'b'} : Bytes{'A', 'b'};
    bytes.insert(bytes.end(), text.begin(), text.end());
    const DecodedText d = decodeBytes(bytes);
    SCOPED_TRACE(charsetName(c.charset));
    EXPECT_FALSE(d.undecodable);
    EXPECT_EQ(d.charset, c.charset);
    EXPECT_EQ(d.utf8, "Ab");
    EXPECT_EQ(d.replaced, 0u);
  }
}

TEST(AnnexASelector, ReservedAndUnsupportedSelectorsAreUndecodable) {
  std::vector<Bytes> cases = {
      {0x00, 'A'},               // not a selector
      {0x08, 'A'},               // would be 8859-12, which does not exist
      {0x1F, 0x01, 'A', 'B'},    // encoding_type_id 0x01: Freesat Huffman table 1
      {0x1F, 0x02, 0x12, 0x34},  // Freesat Huffman table 2
      {0x1F},                    // encoding_type_id missing
      {0x10},                    // truncated three-byte selector
      {0x10, 0x00},              // likewise
      {0x10, 0x00, 0x00, 'A'},   // 8859-0
      {0x10, 0x00, 0x0C, 'A'},   // 8859-12
      {0x10, 0x00, 0x10, 'A'},   // 8859-16 is not in Annex A
      {0x10, 0x01, 0x01, 'A'},   // reserved middle byte
  };
  for (uint8_t reserved = 0x0C; reserved <= 0x0F; ++reserved) cases.push_back({reserved, 'A'});
  for (uint8_t reserved = 0x16; reserved <= 0x1E; ++reserved) cases.push_back({reserved, 'A'});
  for (const Bytes& bytes : cases) {
    SCOPED_TRACE(static_cast<int>(bytes[0]));
    const DecodedText d = decodeBytes(bytes);
    EXPECT_TRUE(d.undecodable);
    EXPECT_EQ(d.utf8, "");  // never garbage
  }
}

TEST(AnnexASelector, EmptyInputIsAnEmptyString) {
  const DecodedText d = decode(nullptr, 0);
  EXPECT_FALSE(d.undecodable);
  EXPECT_EQ(d.utf8, "");
  EXPECT_EQ(d.replaced, 0u);
  EXPECT_EQ(decodeBytes({0x15}).utf8, "");  // a selector and nothing else
  EXPECT_FALSE(decodeBytes({0x11}).undecodable);
}

TEST(AnnexASelector, DefaultCharsetAppliesOnlyWithoutSelector) {
  DecodeOptions gb;
  gb.default_charset = Charset::Gb2312;
  const Bytes raw_gb2312 = {0xBD, 0xAD, 0xCE, 0xF7};  // 江西 without the 0x13 selector
  const DecodedText d = decodeBytes(raw_gb2312, gb);
  EXPECT_EQ(d.utf8, "江西");
  EXPECT_EQ(d.charset, Charset::Gb2312);
  // Read as the standard's default table the same bytes are Latin, still valid UTF-8.
  const DecodedText latin = decodeBytes(raw_gb2312);
  EXPECT_EQ(latin.charset, Charset::Iso6937);
  EXPECT_NE(latin.utf8, "江西");
  EXPECT_TRUE(isValidUtf8(latin.utf8));
  // An explicit selector still wins over the option.
  EXPECT_EQ(decodeBytes({0x15, 0xC3, 0xA9}, gb).utf8, "é");
  EXPECT_EQ(decodeBytes({0x01, 0xC0}, gb).utf8, "Р");
}

// --- Default table, Figure A.1 (bytes written by hand from the figure) ---

TEST(AnnexAIso6937, DiacriticPrecedesItsLetterAndComposes) {
  EXPECT_EQ(decodeBytes({'C', 'h', 0xC2, 'e', 'r', 'i', 'e', ' ', '2', '5'}).utf8, "Chérie 25");
  EXPECT_EQ(decodeBytes({'F', 'r', 'a', 'n', 'c', 'e', ' ', 0xC3, 'O'}).utf8, "France Ô");
  EXPECT_EQ(decodeBytes({'m', 'a', 0xC4, 'n', 'a', 'n', 'a'}).utf8, "mañana");
  EXPECT_EQ(decodeBytes({0xCB, 'c', 0xC8, 'u', 0xCF, 's', 0xCF, 'c', 0xCE, 'a', 0xCD, 'o'}).utf8,
            "çüščąő");
  // "Příliš žluťoučký kůň"
  const Bytes czech = {'P',  0xCF, 'r', 0xC2, 'i',  'l',  'i', 0xCF, 's',  ' ',
                       0xCF, 'z',  'l', 'u',  0xCF, 't',  'o', 'u',  0xCF, 'c',
                       'k',  0xC2, 'y', ' ',  'k',  0xCA, 'u', 0xCF, 'n'};
  const DecodedText d = decodeBytes(czech);
  EXPECT_EQ(d.utf8, "Příliš žluťoučký kůň");
  EXPECT_EQ(d.replaced, 0u);
}

TEST(AnnexAIso6937, UpperHalfCharacters) {
  EXPECT_EQ(decodeBytes({'1', '0', ' ', 0xA4}).utf8, "10 €");  // DVB's addition to 6937
  EXPECT_EQ(decodeBytes({0xA8}).utf8, "¤");
  EXPECT_EQ(decodeBytes({0xE8, 'o', 'd', 'z'}).utf8, "Łodz");
  EXPECT_EQ(decodeBytes({'S', 't', 'r', 'a', 0xFB, 'e'}).utf8, "Straße");
  EXPECT_EQ(decodeBytes({0xA9, 'x', 0xB9, ' ', 0xAA, 'y', 0xBA}).utf8, "‘x’ “y”");
  EXPECT_EQ(decodeBytes({0xD3, ' ', 0xD2, ' ', 0xD4, ' ', 0xB0}).utf8, "© ® ™ °");
  EXPECT_EQ(decodeBytes({0xEA, 0xFA, 0xE9, 0xF9, 0xE1, 0xF1}).utf8, "ŒœØøÆæ");
}

TEST(AnnexAIso6937, DiacriticWithoutPrecomposedFormStaysCombining) {
  EXPECT_EQ(decodeBytes({0xC4, 'q'}).utf8, "q\u0303");
  EXPECT_EQ(decodeBytes({0xC2, 0xE9}).utf8, "Ø\u0301");
  EXPECT_EQ(decodeBytes({0xC2, ' '}).utf8, "´");  // diacritic + space = spacing accent
  EXPECT_EQ(decodeBytes({0xC8, ' '}).utf8, "¨");
}

TEST(AnnexAIso6937, BrokenDiacriticsAndUnusedBytesAreReplaced) {
  const DecodedText dangling = decodeBytes({'a', 0xC2});  // diacritic at the end
  EXPECT_EQ(dangling.utf8, "a\uFFFD");
  EXPECT_EQ(dangling.replaced, 1u);
  const DecodedText doubled = decodeBytes({0xC2, 0xC3, 'a'});  // one diacritic per letter
  EXPECT_EQ(doubled.utf8, "\uFFFDâ");
  EXPECT_EQ(doubled.replaced, 1u);
  const DecodedText before_control = decodeBytes({0xC2, 0x8A, 'a'});
  EXPECT_EQ(before_control.utf8, "\uFFFD\na");
  const DecodedText unused = decodeBytes({0xA6, 0xC0, 0xC9, 0xCC, 0xD8, 0xE5, 'x'});
  EXPECT_EQ(unused.utf8, "\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDx");
  EXPECT_EQ(unused.replaced, 6u);
}

// --- Other tables (bytes from the ISO 8859 / GB 2312 / KS X 1001 / 10646 code charts) ---

TEST(AnnexATables, Iso8859) {
  EXPECT_EQ(decodeBytes({0x01, 0xC0, 0xDE, 0xE1, 0xE1, 0xD8, 0xEF, ' ', '1'}).utf8, "Россия 1");
  EXPECT_EQ(decodeBytes({0x10, 0x00, 0x05, 0xC0, 0xDE, 0xE1, 0xE1, 0xD8, 0xEF}).utf8, "Россия");
  EXPECT_EQ(decodeBytes({0x03, 0xC5, 0xEB, 0xEB, 0xE7, 0xED, 0xE9, 0xEA, 0xDE}).utf8, "Ελληνική");
  EXPECT_EQ(decodeBytes({0x0B, 'C', 'h', 0xE9, 'r', 'i', 'e', ' ', 0xA4}).utf8, "Chérie €");
  EXPECT_EQ(decodeBytes({0x10, 0x00, 0x01, 'm', 'a', 0xF1, 'a', 'n', 'a', 0xA4}).utf8, "mañana¤");
  EXPECT_EQ(decodeBytes({0x10, 0x00, 0x02, 0xA3, 0xF3, 'd', 0xBC}).utf8, "Łódź");
  EXPECT_EQ(decodeBytes({0x07, 0xC0, 0xD2, 0xC9, 0xD2}).utf8, "ภาษา");
  EXPECT_EQ(decodeBytes({0x04, 0xF9, 0xEC, 0xE5, 0xED}).utf8, "שלום");
}

TEST(AnnexATables, UnassignedIso8859BytesAreReplaced) {
  const DecodedText arabic = decodeBytes({0x02, 0xA1, 0xC7});  // 8859-6 has no 0xA1
  EXPECT_EQ(arabic.utf8, "\uFFFDا");
  EXPECT_EQ(arabic.replaced, 1u);
  EXPECT_EQ(decodeBytes({0x10, 0x00, 0x03, 0xA5}).replaced, 1u);  // 8859-3 has no 0xA5
}

TEST(AnnexATables, TwoByteTables) {
  const DecodedText gb = decodeBytes({0x13, 0xBD, 0xAD, 0xCE, 0xF7, 0xD3, 0xD0, 0xCF, 0xDF});
  EXPECT_EQ(gb.utf8, "江西有线");
  EXPECT_EQ(gb.replaced, 0u);
  EXPECT_EQ(decodeBytes({0x13, 'C', 'C', 'T', 'V', '-', '1', 0xD7, 0xDB, 0xBA, 0xCF}).utf8,
            "CCTV-1综合");
  EXPECT_EQ(decodeBytes({0x11, 0x6C, 0x5F, 0x89, 0x7F, 0x67, 0x09, 0x7E, 0xBF}).utf8, "江西有线");
  EXPECT_EQ(decodeBytes({0x12, 0xC7, 0xD1, 0xB1, 0xB9, ' ', 'T', 'V'}).utf8, "한국 TV");
  EXPECT_EQ(decodeBytes({0x14, 0x53, 0xF0, 0x70, 0x63}).utf8, "台灣");
  EXPECT_EQ(decodeBytes({0x15, 0xE6, 0xB1, 0x9F, 'x'}).utf8, "江x");
}

// --- Control codes (Annex A.1, Tables A.1 and A.2) ---

TEST(AnnexAControls, SingleByteTables) {
  // Emphasis on/off vanish, CR/LF becomes '\n', other C1 codes vanish.
  EXPECT_EQ(decodeBytes({'A', 0x86, 'B', 0x87, 0x8A, 'C', 0x80, 0x9F, 'D'}).utf8, "AB\nCD");
  EXPECT_EQ(decodeBytes({0x01, 0xC0, 0x8A, 0x86, 0xDE, 0x87}).utf8, "Р\nо");
  EXPECT_EQ(decodeBytes({0x10, 0x00, 0x01, 'a', 0x8A, 'b'}).utf8, "a\nb");
}

TEST(AnnexAControls, NulAndC0AreStrippedExceptLineFeed) {
  const DecodedText d = decodeBytes({'A', 0x00, 'B', 0x09, 'C', 0x0D, 0x0A, 'D', 0x7F, 0x00});
  EXPECT_EQ(d.utf8, "ABC\nD");
  EXPECT_EQ(d.replaced, 0u);
}

TEST(AnnexAControls, Iso10646Tables) {
  EXPECT_EQ(decodeBytes({0x11, 0x00, 'A', 0xE0, 0x86, 0x00, 'B', 0xE0, 0x87, 0xE0, 0x8A, 0x00, 'C',
                         0x00, 0x00})
                .utf8,
            "AB\nC");
  EXPECT_EQ(decodeBytes({0x14, 0xE0, 0x8A, 0x53, 0xF0, 0xE0, 0x86}).utf8, "\n台");
  EXPECT_EQ(decodeBytes({0x15, 'A', 0xEE, 0x82, 0x8A, 'B', 0xC2, 0x8A, 'C', 0xEE, 0x82, 0x86, 'D',
                         0x0A, 'E'})
                .utf8,
            "A\nB\nCD\nE");
}

TEST(AnnexAControls, EucTables) {
  EXPECT_EQ(decodeBytes({0x13, 0xBD, 0xAD, 0x8A, 0xCE, 0xF7, 0x86}).utf8, "江\n西");
  EXPECT_EQ(decodeBytes({0x12, 0xC7, 0xD1, 0x8A, 0xB1, 0xB9}).utf8, "한\n국");
  EXPECT_EQ(decodeBytes({0x13, 0x8A, 'A'}).utf8, "\nA");  // not the GBK pair 8A 41
  // The Table A.2 form written as two bytes, as an encoder copying UCS-2 would.
  EXPECT_EQ(decodeBytes({0x13, 0xBD, 0xAD, 0xE0, 0x8A, 0xCE, 0xF7, 0xE0, 0x86}).utf8, "江\n西");
  EXPECT_EQ(decodeBytes({0x12, 0xE0, 0x8A, 0xC7, 0xD1}).utf8, "\n한");
}

TEST(AnnexATables, Gb2312ReadsGbkCharactersWithHighLeadBytes) {
  const DecodedText d = decodeBytes({0x13, 0xD6, 0xEC, 0xE9, 0x46, 0xBB, 0xF9});  // 朱镕基
  EXPECT_EQ(d.utf8, "朱镕基");
  EXPECT_EQ(d.replaced, 0u);
  // GBK's 0x81-0xA0 leads collide with the control codes, so 堃 (88 D2) is not read.
  EXPECT_EQ(decodeBytes({0x13, 0x88, 0xD2}).replaced, 1u);
}

// --- Broken input: replaced, counted, never invalid UTF-8 ---

TEST(AnnexABroken, TruncatedAndInvalidSequences) {
  struct Case {
    Bytes bytes;
    std::string utf8;
    size_t replaced;
  };
  const Case cases[] = {
      {{0x11, 0x00, 'A', 0x6C}, "A\uFFFD", 1},              // odd UCS-2 length
      {{0x11, 0xD8, 0x00, 0x00, 'A'}, "\uFFFDA", 1},        // lone high surrogate
      {{0x11, 0xDC, 0x00}, "\uFFFD", 1},                    // lone low surrogate
      {{0x11, 0xD8, 0x3D, 0xDE, 0x00}, "\U0001F600", 0},    // a UTF-16 pair is accepted
      {{0x13, 'A', 0xBD}, "A\uFFFD", 1},                    // GB 2312 lead byte at the end
      {{0x13, 0xBD, ' '}, "\uFFFD ", 1},                    // lead byte without trail byte
      {{0x13, 0xA0, 0xFF}, "\uFFFD\uFFFD", 2},              // never lead bytes
      {{0x12, 0xC7, 'A'}, "\uFFFDA", 1},                    // KS X 1001 lead + ASCII
      {{0x12, 0xC7}, "\uFFFD", 1},                          // truncated
      {{0x15, 'a', 0xE2, 0x82, 'b'}, "a\uFFFDb", 1},        // truncated 3-byte sequence
      {{0x15, 0xC0, 0x80}, "\uFFFD\uFFFD", 2},              // overlong NUL
      {{0x15, 0xED, 0xA0, 0x80}, "\uFFFD\uFFFD\uFFFD", 3},  // UTF-8 surrogate
      {{0x15, 0xF4, 0x90, 0x80, 0x80}, "\uFFFD\uFFFD\uFFFD\uFFFD", 4},  // > U+10FFFF
      {{0x15, 0xFF, 0xF0, 0x9F, 0x98}, "\uFFFD\uFFFD", 2},              // junk + truncated 4-byte
  };
  for (const Case& c : cases) {
    const DecodedText d = decodeBytes(c.bytes);
    SCOPED_TRACE(c.utf8);
    EXPECT_FALSE(d.undecodable);
    EXPECT_EQ(d.utf8, c.utf8);
    EXPECT_EQ(d.replaced, c.replaced);
    EXPECT_TRUE(isValidUtf8(d.utf8));
  }
}

// A small deterministic generator, so failures reproduce.
class Lcg {
 public:
  explicit Lcg(uint32_t seed) : state_(seed) {}
  uint32_t next() {
    state_ = state_ * 1664525u + 1013904223u;
    return state_ >> 8;
  }

 private:
  uint32_t state_;
};

TEST(AnnexABroken, RandomBytesAlwaysGiveValidUtf8ThatReencodes) {
  Lcg rng(20240501);
  DecodeOptions gb;
  gb.default_charset = Charset::Gb2312;
  for (int round = 0; round < 20000; ++round) {
    Bytes bytes(rng.next() % 48);
    for (uint8_t& b : bytes) b = static_cast<uint8_t>(rng.next());
    if (!bytes.empty() && round % 2 == 0) bytes[0] = static_cast<uint8_t>(rng.next() % 0x20);
    for (const DecodeOptions& options : {DecodeOptions{}, gb}) {
      const DecodedText d = decodeBytes(bytes, options);
      ASSERT_TRUE(isValidUtf8(d.utf8));
      if (d.undecodable) {
        ASSERT_EQ(d.utf8, "");
      }
      std::vector<uint8_t> utf8;
      std::string error;
      ASSERT_TRUE(encode(d.utf8, Charset::Utf8, &utf8, &error)) << error;
      ASSERT_EQ(decodeBytes(utf8).utf8, d.utf8);
    }
  }
}

TEST(CharsetNames, ConfigurationNamesMapToTables) {
  EXPECT_EQ(charsetFromName("gb2312"), Charset::Gb2312);
  EXPECT_EQ(charsetFromName("GB-2312"), Charset::Gb2312);
  EXPECT_EQ(charsetFromName("ISO-8859-15"), Charset::Iso8859_15);
  EXPECT_EQ(charsetFromName("iso8859_1"), Charset::Iso8859_1);
  EXPECT_EQ(charsetFromName("utf-8"), Charset::Utf8);
  EXPECT_EQ(charsetFromName("iso6937"), Charset::Iso6937);
  EXPECT_FALSE(charsetFromName("iso8859-12"));  // never assigned
  EXPECT_FALSE(charsetFromName("iso8859-"));
  EXPECT_FALSE(charsetFromName("latin1"));
  EXPECT_FALSE(charsetFromName(""));
}

}  // namespace
}  // namespace dvb::text
