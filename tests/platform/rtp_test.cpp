// Removing RTP headers from TS-over-UDP datagrams.
#include "platform/rtp.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace platform {
namespace {

using Bytes = std::vector<uint8_t>;
using Kind = TsPayload::Kind;

Bytes tsPayload(size_t packets) {
  Bytes bytes(packets * 188, 0xab);
  for (size_t i = 0; i < bytes.size(); i += 188) bytes[i] = 0x47;
  return bytes;
}

// V=2, the given flags and CSRC count, PT 33, then sequence, timestamp, SSRC.
Bytes rtpHeader(uint8_t flags, uint8_t csrc_count, uint8_t payload_type = 33) {
  Bytes header = {static_cast<uint8_t>(0x80 | flags | csrc_count),
                  payload_type,
                  0x12,
                  0x34,
                  0,
                  0,
                  0,
                  1,
                  0xde,
                  0xad,
                  0xbe,
                  0xef};
  for (uint8_t i = 0; i < csrc_count; ++i) header.insert(header.end(), {1, 2, 3, i});
  return header;
}

TsPayload find(const Bytes& datagram) {
  return findTsPayload(datagram.data(), datagram.size());
}

TEST(RtpTest, RawTsIsTheWholeDatagram) {
  const Bytes datagram = tsPayload(7);
  const TsPayload payload = find(datagram);
  EXPECT_EQ(payload.kind, Kind::kRawTs);
  EXPECT_EQ(payload.offset, 0u);
  EXPECT_EQ(payload.size, datagram.size());
}

TEST(RtpTest, PlainHeader) {
  Bytes datagram = rtpHeader(0, 0);
  const Bytes ts = tsPayload(7);
  datagram.insert(datagram.end(), ts.begin(), ts.end());
  const TsPayload payload = find(datagram);
  EXPECT_EQ(payload.kind, Kind::kRtp);
  EXPECT_EQ(payload.offset, 12u);
  EXPECT_EQ(payload.size, ts.size());
}

TEST(RtpTest, MarkerBitIsNotPartOfThePayloadType) {
  Bytes datagram = rtpHeader(0, 0, 0x80 | 33);
  datagram.push_back(0x47);
  EXPECT_EQ(find(datagram).kind, Kind::kRtp);
}

TEST(RtpTest, CsrcsExtensionAndPadding) {
  Bytes datagram = rtpHeader(0x20 | 0x10, 3);
  datagram.insert(datagram.end(), {0xbe, 0xde, 0x00, 0x02, 1, 2, 3, 4, 5, 6, 7, 8});
  const Bytes ts = tsPayload(2);
  datagram.insert(datagram.end(), ts.begin(), ts.end());
  datagram.insert(datagram.end(), {0, 0, 3});
  const TsPayload payload = find(datagram);
  EXPECT_EQ(payload.kind, Kind::kRtp);
  EXPECT_EQ(payload.offset, 12u + 12 + 4 + 8);
  EXPECT_EQ(payload.size, ts.size());
}

TEST(RtpTest, OtherPayloadTypesAreRawBytes) {
  Bytes datagram = rtpHeader(0, 0, 96);
  EXPECT_EQ(find(datagram).kind, Kind::kRawTs);
}

TEST(RtpTest, MalformedLengthsAreRejected) {
  // Fewer than 12 bytes.
  EXPECT_EQ(find(Bytes{0x80, 33, 0, 0}).kind, Kind::kMalformed);
  // 15 CSRCs announced, none present.
  Bytes many_csrcs = rtpHeader(0, 0);
  many_csrcs[0] |= 0x0f;
  many_csrcs.insert(many_csrcs.end(), 8, 0x00);
  EXPECT_EQ(find(many_csrcs).kind, Kind::kMalformed);
  // Extension bit with no room for the extension header.
  Bytes short_extension = rtpHeader(0x10, 0);
  short_extension.insert(short_extension.end(), {0xbe, 0xde});
  EXPECT_EQ(find(short_extension).kind, Kind::kMalformed);
  // Extension longer than the datagram (0xffff words).
  Bytes long_extension = rtpHeader(0x10, 0);
  long_extension.insert(long_extension.end(), {0xbe, 0xde, 0xff, 0xff, 0x47});
  EXPECT_EQ(find(long_extension).kind, Kind::kMalformed);
  // Padding count larger than the payload, and a zero padding count.
  Bytes too_much_padding = rtpHeader(0x20, 0);
  too_much_padding.insert(too_much_padding.end(), {0x47, 0x00, 200});
  EXPECT_EQ(find(too_much_padding).kind, Kind::kMalformed);
  Bytes zero_padding = rtpHeader(0x20, 0);
  zero_padding.insert(zero_padding.end(), {0x47, 0x00, 0});
  EXPECT_EQ(find(zero_padding).kind, Kind::kMalformed);
}

TEST(RtpTest, HeaderOnlyIsAnEmptyPayload) {
  const TsPayload payload = find(rtpHeader(0, 0));
  EXPECT_EQ(payload.kind, Kind::kRtp);
  EXPECT_EQ(payload.size, 0u);
}

// Every truncation of a valid datagram is either malformed or in bounds.
TEST(RtpTest, TruncationsStayInBounds) {
  Bytes datagram = rtpHeader(0x20 | 0x10, 5);
  datagram.insert(datagram.end(), {0xbe, 0xde, 0x00, 0x01, 1, 2, 3, 4});
  const Bytes ts = tsPayload(1);
  datagram.insert(datagram.end(), ts.begin(), ts.end());
  datagram.insert(datagram.end(), {0, 2});
  for (size_t size = 0; size <= datagram.size(); ++size) {
    const TsPayload payload = findTsPayload(datagram.data(), size);
    if (payload.kind == Kind::kMalformed) continue;
    EXPECT_LE(payload.offset + payload.size, size) << size;
  }
}

}  // namespace
}  // namespace platform
