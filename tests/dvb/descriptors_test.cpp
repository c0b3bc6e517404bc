// Descriptors: decode, encode and describe, and the error text a decoder
// gives ("<descriptor name>: <what is wrong>").
#include <gtest/gtest.h>

#include "dvb/descriptors/local_time_offset_descriptor.h"
#include "dvb/descriptors/service_descriptor.h"

namespace dvb {
namespace {

TEST(ServiceDescriptor, RoundTripsAndDescribes) {
  ServiceDescriptor sd;
  sd.service_type = 0x02;
  std::string error;
  ASSERT_TRUE(DvbText::fromUtf8("RTVE", text::Charset::Iso6937, &sd.provider_name, &error));
  ASSERT_TRUE(DvbText::fromUtf8("Radio Clásica", text::Charset::Iso6937, &sd.service_name, &error));
  const auto d = sd.encode();
  ASSERT_TRUE(d);
  const auto back = ServiceDescriptor::decode(*d, {}, &error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(back->encode(), d);
  EXPECT_EQ(back->describe(), "type 0x02 \"Radio Clásica\" provider \"RTVE\"");
}

TEST(ServiceDescriptor, DecodeErrorsSayWhy) {
  std::string error;
  EXPECT_FALSE(ServiceDescriptor::decode({0x40, {0x01, 0x00, 0x00}}, {}, &error));
  EXPECT_EQ(error, "service_descriptor: tag is not 0x48");
  // provider_name_length 5, but only 2 bytes follow.
  EXPECT_FALSE(ServiceDescriptor::decode({0x48, {0x01, 0x05, 'A', 'B'}}, {}, &error));
  EXPECT_EQ(error, "service_descriptor: names overrun the descriptor");
  EXPECT_FALSE(ServiceDescriptor::decode({0x48, {0x01, 0x05, 'A', 'B'}}, {}, nullptr));
}

TEST(ServiceDescriptor, NamesLongerThanTheBodyDoNotEncode) {
  ServiceDescriptor sd;
  sd.service_name.raw.assign(200, 'a');
  sd.provider_name.raw.assign(52, 'b');
  EXPECT_TRUE(sd.encode());  // 3 + 252 = 255 bytes: fits
  sd.provider_name.raw.push_back('b');
  EXPECT_FALSE(sd.encode());
}

TEST(LocalTimeOffsetDescriptor, DecodeErrorsSayWhy) {
  const Descriptor good{
      0x58, {'I', 'T', 'A', 0x02, 0x01, 0x00, 0xC0, 0x79, 0x12, 0x45, 0x00, 0x02, 0x00}};
  std::string error;
  auto lto = LocalTimeOffsetDescriptor::decode(good, &error);
  ASSERT_TRUE(lto) << error;
  EXPECT_EQ(lto->describe(), "ITA region 0 offset +01:00, from 1993-10-13T12:45:00Z +02:00");

  auto expectError = [](const Descriptor& d, const std::string& why) {
    std::string text;
    EXPECT_FALSE(LocalTimeOffsetDescriptor::decode(d, &text));
    EXPECT_EQ(text, "local_time_offset_descriptor: " + why);
  };
  Descriptor d = good;
  d.tag = 0x48;
  expectError(d, "tag is not 0x58");
  d = good;
  d.data.pop_back();
  expectError(d, "length 12 is not a multiple of 13");
  d = good;
  d.data.insert(d.data.end(), good.data.begin(), good.data.end());
  d.data[13 + 5] = 0x7A;  // the second entry's offset minutes "7A"
  expectError(d, "entry 2: offset has invalid BCD");
  d = good;
  d.data[0] = 0x01;
  expectError(d, "entry 1: country_code is not three letters");
  d = good;
  d.data[8] = 0x99;  // hour 99
  expectError(d, "entry 1: time_of_change has invalid BCD");
}

TEST(LocalTimeOffsetDescriptor, RoundTripsAndRefusesMixedSigns) {
  LocalTimeOffsetDescriptor lto;
  lto.entries.push_back({"ITA", 0, 60, *parseIso8601("2018-03-25T01:00:00Z"), 120});
  lto.entries.push_back({"BRA", 3, -180, *parseIso8601("2018-11-04T03:00:00Z"), -120});
  const auto d = lto.encode();
  ASSERT_TRUE(d);
  std::string error;
  const auto back = LocalTimeOffsetDescriptor::decode(*d, &error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(back->entries, lto.entries);
  EXPECT_EQ(back->describe(),
            "ITA region 0 offset +01:00, from 2018-03-25T01:00:00Z +02:00; "
            "BRA region 3 offset -03:00, from 2018-11-04T03:00:00Z -02:00");
  lto.entries[1].next_offset_minutes = 60;  // one polarity bit cannot say -03:00 then +01:00
  EXPECT_FALSE(lto.encode());
}

}  // namespace
}  // namespace dvb
