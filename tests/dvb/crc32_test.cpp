#include "dvb/crc32.h"

#include <gtest/gtest.h>

#include <cstring>

namespace dvb {
namespace {

TEST(Crc32Mpeg2, CheckValue) {
  // The catalogued check value of CRC-32/MPEG-2 over "123456789".
  const char* text = "123456789";
  EXPECT_EQ(crc32Mpeg2(reinterpret_cast<const uint8_t*>(text), std::strlen(text)), 0x0376E6E7u);
}

TEST(Crc32Mpeg2, SectionWithItsCrcChecksToZero) {
  // A real PAT section (tsid 1, one program 1 -> PMT 0x1000) from a mux.
  const uint8_t pat[] = {0x00, 0xB0, 0x0D, 0x00, 0x01, 0xC1, 0x00, 0x00,
                         0x00, 0x01, 0xF0, 0x00, 0x2A, 0xB1, 0x04, 0xB2};
  EXPECT_EQ(crc32Mpeg2(pat, sizeof pat), 0u);
}

}  // namespace
}  // namespace dvb
