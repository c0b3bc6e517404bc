// tools/web/password.h: scrypt hashes with their own salt, checked in constant time.
#include <gtest/gtest.h>

#include "tools/web/password.h"
#include "tools/web/secure_random.h"

namespace tools::web {
namespace {

// The cheapest cost verifyPassword accepts, so that the test runs fast; the
// default cost is checked once.
const ScryptCost kFast{10, 8, 1};

TEST(WebPassword, DefaultCostIsScryptWithN32768) {
  const auto stored = hashPassword("correct horse");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->rfind("scrypt$15$8$1$", 0), 0u) << *stored;
  EXPECT_TRUE(verifyPassword("correct horse", *stored));
  EXPECT_FALSE(verifyPassword("correct horsf", *stored));
}

TEST(WebPassword, EachHashHasItsOwnSalt) {
  const auto a = hashPassword("same", kFast), b = hashPassword("same", kFast);
  ASSERT_TRUE(a && b);
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(verifyPassword("same", *a));
  EXPECT_TRUE(verifyPassword("same", *b));
  EXPECT_FALSE(verifyPassword("", *a));
  EXPECT_FALSE(verifyPassword("Same", *a));
}

TEST(WebPassword, MalformedOrCostlyStoredFormsNeverMatch) {
  const auto good = hashPassword("pw", kFast);
  ASSERT_TRUE(good);
  std::string tampered = *good;
  tampered.back() = tampered.back() == '0' ? '1' : '0';
  EXPECT_FALSE(verifyPassword("pw", tampered));
  std::string costly = *good;
  costly.replace(0, 9, "scrypt$30");  // N = 2^30 would take 128 GiB
  EXPECT_FALSE(verifyPassword("pw", costly));
  for (const char* bad : {"", "scrypt", "pbkdf2$1$1$1$00$00", "scrypt$10$8$1$zz$00",
                          "scrypt$10$8$1$0011223344556677$0011", "pw"})
    EXPECT_FALSE(verifyPassword("pw", bad)) << bad;
  EXPECT_FALSE(hashPassword("pw", ScryptCost{30, 8, 1}));
}

TEST(WebRandom, TokensAreHexOfTheLengthAskedAndDiffer) {
  const std::string a = randomHex(32), b = randomHex(32);
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, b);
  EXPECT_TRUE(constantTimeEquals(a, a));
  EXPECT_FALSE(constantTimeEquals(a, b));
  EXPECT_FALSE(constantTimeEquals(a, a.substr(1)));
}

}  // namespace
}  // namespace tools::web
