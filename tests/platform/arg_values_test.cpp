// The number syntaxes the programs' options share.
#include "platform/arg_values.h"

#include <gtest/gtest.h>

namespace platform {
namespace {

TEST(ArgValues, UnsignedIsDecimalOrHexInItsRange) {
  EXPECT_EQ(parseUnsigned("0x1F00", 0, 0x1FFF), 0x1F00u);
  EXPECT_EQ(parseUnsigned("7936", 0, 0x1FFF), 7936u);
  EXPECT_EQ(parseUnsigned("0", 0, 0x1FFF), 0u);
  for (const char* bad : {"", "0x", "-1", "+1", "12a", "0x2000", "1e3", " 12", "010x"})
    EXPECT_FALSE(parseUnsigned(bad, 0, 0x1FFF)) << bad;
  EXPECT_FALSE(parseUnsigned("99999", 100'000, 1'000'000'000));
}

TEST(ArgValues, SecondsArePositiveDecimals) {
  EXPECT_EQ(parseSeconds("3", 86400), 3.0);
  EXPECT_EQ(parseSeconds("0.5", 86400), 0.5);
  EXPECT_EQ(parseSeconds("86400", 86400), 86400.0);
  for (const char* bad :
       {"", "0", "0.0", "-1", "86400.5", "1e3", "nan", "inf", " 3", "3s", ".", "1.2.3", "0x10"})
    EXPECT_FALSE(parseSeconds(bad, 86400)) << bad;
}

}  // namespace
}  // namespace platform
