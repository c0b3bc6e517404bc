// TsFramer: stride detection, resynchronisation, chunk-size independence, and
// the facts of the shared corpus captures.
#include "dvb/framing/ts_framer.h"

#include "tests/support/corpus.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace dvb {
namespace {

using Bytes = std::vector<uint8_t>;

// A 188-byte packet whose bytes after the sync byte never equal 0x47, so no
// false sync can hide in it; `id` makes every packet distinct.
Bytes makePacket(uint32_t id) {
  Bytes packet(kTsPacketSize);
  packet[0] = kTsSyncByte;
  for (size_t i = 1; i < packet.size(); ++i) {
    uint8_t byte = static_cast<uint8_t>((id * 131 + i * 7) & 0xff);
    packet[i] = byte == kTsSyncByte ? 0x48 : byte;
  }
  packet[1] = static_cast<uint8_t>(id >> 8 & 0x1f);
  packet[2] = static_cast<uint8_t>(id & 0xff);
  if (packet[2] == kTsSyncByte) {  // keep the id distinct without a 0x47
    packet[1] |= 0x20;
    packet[2] = 0x48;
  }
  return packet;
}

Bytes garbage(size_t size, uint8_t seed) {
  Bytes bytes(size);
  for (size_t i = 0; i < size; ++i) {
    uint8_t byte = static_cast<uint8_t>(seed + i * 13);
    bytes[i] = byte == kTsSyncByte ? 0x00 : byte;
  }
  return bytes;
}

void append(Bytes* to, const Bytes& from) {
  to->insert(to->end(), from.begin(), from.end());
}

// One slot at `stride` carrying `packet`: M2TS puts 4 timestamp bytes in
// front, 204-byte streams put 16 parity bytes behind.
Bytes makeSlot(const Bytes& packet, size_t stride, uint32_t id) {
  Bytes slot;
  if (stride == 192) append(&slot, garbage(4, static_cast<uint8_t>(id)));
  append(&slot, packet);
  if (stride == 204) append(&slot, garbage(16, static_cast<uint8_t>(id + 1)));
  return slot;
}

struct Stream {
  Bytes bytes;
  std::vector<Bytes> packets;  // the packets a correct framer delivers, in order
};

void addPackets(Stream* stream, size_t count, size_t stride) {
  for (size_t i = 0; i < count; ++i) {
    const uint32_t id = static_cast<uint32_t>(stream->packets.size() + 1);
    Bytes packet = makePacket(id);
    append(&stream->bytes, makeSlot(packet, stride, id));
    stream->packets.push_back(packet);
  }
}

// Offset of the sync byte of the n-th slot (0-based) counted from `from`.
size_t syncOffset(size_t from, size_t stride, size_t n) {
  return from + n * stride + (stride == 192 ? 4 : 0);
}

struct Result {
  std::vector<Bytes> packets;
  uint64_t sync_errors = 0;
  uint64_t skipped = 0;
  uint64_t counted = 0;
  size_t stride = 0;
};

// Feeds `bytes` in chunks of `chunk` bytes (0: all at once).
Result frame(const Bytes& bytes, size_t chunk = 0) {
  TsFramer framer;
  Result result;
  auto on_packet = [&](const uint8_t* packet) {
    EXPECT_EQ(packet[0], kTsSyncByte);
    result.packets.emplace_back(packet, packet + kTsPacketSize);
  };
  const size_t step = chunk == 0 ? std::max<size_t>(bytes.size(), 1) : chunk;
  for (size_t at = 0; at < bytes.size(); at += step) {
    framer.push(bytes.data() + at, std::min(step, bytes.size() - at), on_packet);
  }
  framer.finish(on_packet);
  result.stride = framer.stride();
  result.sync_errors = framer.syncErrors();
  result.skipped = framer.bytesSkipped();
  result.counted = framer.packets();
  return result;
}

class StrideTest : public ::testing::TestWithParam<size_t> {};

TEST_P(StrideTest, DetectsStrideAndDeliversEveryPacket) {
  const size_t stride = GetParam();
  Stream stream;
  addPackets(&stream, 50, stride);
  const Result result = frame(stream.bytes);
  EXPECT_EQ(result.stride, stride);
  EXPECT_EQ(result.packets, stream.packets);
  EXPECT_EQ(result.counted, 50u);
  EXPECT_EQ(result.sync_errors, 0u);
  EXPECT_EQ(result.skipped, 0u);
}

TEST_P(StrideTest, SkipsGarbageInFrontAndInTheMiddle) {
  const size_t stride = GetParam();
  Stream stream;
  append(&stream.bytes, garbage(1000, 3));
  addPackets(&stream, 40, stride);
  append(&stream.bytes, garbage(37, 9));
  addPackets(&stream, 40, stride);
  const Result result = frame(stream.bytes);
  EXPECT_EQ(result.stride, stride);
  EXPECT_EQ(result.packets, stream.packets);
  // Garbage before the lock is no sync error; the shifted phase is one.
  EXPECT_EQ(result.sync_errors, 1u);
  EXPECT_EQ(result.skipped, 1037u);
  EXPECT_EQ(result.counted * stride + result.skipped, stream.bytes.size());
}

TEST_P(StrideTest, DropsASlotWithACorruptSyncByteAndStaysAligned) {
  const size_t stride = GetParam();
  Stream stream;
  addPackets(&stream, 30, stride);
  stream.bytes[syncOffset(0, stride, 10)] = 0x46;
  stream.bytes[syncOffset(0, stride, 20)] = 0x00;
  std::vector<Bytes> expected = stream.packets;
  expected.erase(expected.begin() + 20);
  expected.erase(expected.begin() + 10);
  const Result result = frame(stream.bytes);
  EXPECT_EQ(result.stride, stride);
  EXPECT_EQ(result.packets, expected);
  EXPECT_EQ(result.sync_errors, 2u);
  EXPECT_EQ(result.skipped, 2 * stride);
}

TEST_P(StrideTest, RidesOutABurstWithFalseSyncBytesInside) {
  // Five corrupt slots, each with a 0x47 at offset 134: a run of five syncs
  // at the right stride but the wrong phase (the shape of test-142's damage).
  const size_t stride = GetParam();
  Stream stream;
  addPackets(&stream, 30, stride);
  for (size_t n = 10; n < 15; ++n) {
    const size_t sync = syncOffset(0, stride, n);
    std::fill(stream.bytes.begin() + static_cast<ptrdiff_t>(sync),
              stream.bytes.begin() + static_cast<ptrdiff_t>(sync + kTsPacketSize), 0xff);
    stream.bytes[sync + 134] = kTsSyncByte;
  }
  std::vector<Bytes> expected = stream.packets;
  expected.erase(expected.begin() + 10, expected.begin() + 15);
  const Result result = frame(stream.bytes);
  EXPECT_EQ(result.packets, expected);
  EXPECT_EQ(result.sync_errors, 5u);
  EXPECT_EQ(result.skipped, 5 * stride);
}

TEST_P(StrideTest, LosesLockAfterALongBurstAndHuntsAgain) {
  const size_t stride = GetParam();
  Stream stream;
  addPackets(&stream, 20, stride);
  append(&stream.bytes, garbage(20 * stride, 5));
  addPackets(&stream, 20, stride);
  const Result result = frame(stream.bytes);
  EXPECT_EQ(result.packets, stream.packets);
  EXPECT_EQ(result.sync_errors, 1u);
  EXPECT_EQ(result.skipped, 20 * stride);
}

TEST_P(StrideTest, CountsATrailingPartialPacketAsSkipped) {
  const size_t stride = GetParam();
  Stream stream;
  addPackets(&stream, 10, stride);
  const Bytes slot = makeSlot(makePacket(99), stride, 99);
  stream.bytes.insert(stream.bytes.end(), slot.begin(), slot.begin() + 100);
  const Result result = frame(stream.bytes);
  EXPECT_EQ(result.counted, 10u);
  EXPECT_EQ(result.sync_errors, 0u);
  EXPECT_EQ(result.skipped, 100u);
}

INSTANTIATE_TEST_SUITE_P(Strides, StrideTest, ::testing::Values(188u, 192u, 204u));

TEST_P(StrideTest, DeliversAShortStreamOfWholeSlots) {
  // A capture of 1 to 4 packets (a 2-packet NIT) cannot show five sync bytes
  // in a row, but every slot it has is right: it is read, however it is cut.
  for (size_t count = 1; count < TsFramer::kAcquireSyncs; ++count) {
    Stream stream;
    addPackets(&stream, count, GetParam());
    for (size_t chunk : {0u, 1u, 100u}) {
      const Result result = frame(stream.bytes, chunk);
      EXPECT_EQ(result.packets, stream.packets) << count << " packets, chunk " << chunk;
      EXPECT_EQ(result.stride, GetParam());
      EXPECT_EQ(result.skipped, 0u);
      EXPECT_EQ(result.sync_errors, 0u);
    }
  }
}

TEST(TsFramerTest, AShortStreamMustBeWholeConsistentSlots) {
  Stream stream;
  addPackets(&stream, TsFramer::kAcquireSyncs - 1, 188);
  Bytes partial = stream.bytes;
  partial.pop_back();  // a cut last slot
  Bytes shifted = garbage(3, 9);
  append(&shifted, stream.bytes);  // garbage in front
  Bytes corrupt = stream.bytes;
  corrupt[2 * 188] = 0x00;  // one slot without its sync byte
  for (const Bytes* bytes : {&partial, &shifted, &corrupt}) {
    const Result result = frame(*bytes);
    EXPECT_EQ(result.counted, 0u);
    EXPECT_TRUE(result.packets.empty());
    EXPECT_EQ(result.skipped, bytes->size());
  }
  // finish() without a callback keeps to the five-sync rule.
  TsFramer framer;
  framer.push(stream.bytes.data(), stream.bytes.size(), [](const uint8_t*) { FAIL(); });
  framer.finish();
  EXPECT_EQ(framer.packets(), 0u);
}

TEST(TsFramerTest, CorruptSyncByteInTheLastSlotIsASyncError) {
  Stream stream;
  addPackets(&stream, 10, 188);
  stream.bytes[9 * 188] = 0x00;
  const Result result = frame(stream.bytes);
  EXPECT_EQ(result.counted, 9u);
  EXPECT_EQ(result.sync_errors, 1u);
  EXPECT_EQ(result.skipped, 188u);
}

TEST(TsFramerTest, FollowsAStrideChange) {
  Stream stream;
  addPackets(&stream, 20, 188);
  addPackets(&stream, 20, 204);
  const Result result = frame(stream.bytes);
  EXPECT_EQ(result.packets, stream.packets);
  EXPECT_EQ(result.stride, 204u);
}

TEST(TsFramerTest, PushAfterFinishStartsANewHunt) {
  Stream stream;
  addPackets(&stream, 10, 188);
  TsFramer framer;
  uint64_t delivered = 0;
  auto count = [&](const uint8_t*) { ++delivered; };
  framer.push(stream.bytes.data(), stream.bytes.size() - 50, count);
  framer.finish();
  EXPECT_EQ(framer.stride(), 188u);  // reported until the next push()
  framer.push(stream.bytes.data(), stream.bytes.size(), count);
  framer.finish();
  EXPECT_EQ(delivered, 19u);
  EXPECT_EQ(framer.packets(), 19u);
  EXPECT_EQ(framer.bytesSkipped(), 138u);
}

// A messy stream: garbage, every stride, corrupt sync bytes, bursts, shifts.
Bytes messyStream() {
  Stream stream;
  append(&stream.bytes, garbage(333, 1));
  addPackets(&stream, 30, 188);
  stream.bytes[syncOffset(333, 188, 7)] = 0x00;
  append(&stream.bytes, garbage(61, 2));
  addPackets(&stream, 30, 192);
  append(&stream.bytes, garbage(500, 3));
  addPackets(&stream, 30, 204);
  std::mt19937 random(42);
  for (int i = 0; i < 40; ++i) {
    addPackets(&stream, 1 + random() % 9, 188);
    // Damage one byte of the last slot, the sync byte included sometimes.
    const size_t last = stream.bytes.size() - 188;
    stream.bytes[last + random() % 3 * (random() % 188)] = static_cast<uint8_t>(random());
    if (i % 5 == 0) append(&stream.bytes, garbage(random() % 400, static_cast<uint8_t>(i)));
  }
  append(&stream.bytes, garbage(77, 4));
  return stream.bytes;
}

TEST(TsFramerTest, ResultDoesNotDependOnChunkSize) {
  const Bytes bytes = messyStream();
  const Result whole = frame(bytes);
  ASSERT_GT(whole.counted, 200u);
  for (size_t chunk : {1u, 2u, 7u, 187u, 188u, 189u, 1316u, 4096u, 1u << 20}) {
    SCOPED_TRACE("chunk " + std::to_string(chunk));
    const Result chunked = frame(bytes, chunk);
    EXPECT_EQ(chunked.packets, whole.packets);
    EXPECT_EQ(chunked.sync_errors, whole.sync_errors);
    EXPECT_EQ(chunked.skipped, whole.skipped);
  }
}

TEST(TsFramerTest, ResultDoesNotDependOnRandomChunking) {
  const Bytes bytes = messyStream();
  const Result whole = frame(bytes);
  std::mt19937 random(7);
  for (int round = 0; round < 20; ++round) {
    TsFramer framer;
    std::vector<Bytes> packets;
    auto on_packet = [&](const uint8_t* p) { packets.emplace_back(p, p + kTsPacketSize); };
    for (size_t at = 0; at < bytes.size();) {
      const size_t size = std::min<size_t>(1 + random() % 700, bytes.size() - at);
      framer.push(bytes.data() + at, size, on_packet);
      at += size;
    }
    framer.finish();
    EXPECT_EQ(packets, whole.packets);
    EXPECT_EQ(framer.syncErrors(), whole.sync_errors);
    EXPECT_EQ(framer.bytesSkipped(), whole.skipped);
  }
}

// test-142.ts: 300 slots of 188 bytes; slots 185..189 (bytes 34780..35719)
// are damaged, and each holds a 0x47 at offset 134, so a false phase with
// exactly five sync bytes runs through the damage.
TEST(TsFramerCorpusTest, Test142HasFiveCorruptSlots) {
  const Bytes bytes = testing_support::readFile(testing_support::corpusPath("test-142.ts"));
  ASSERT_EQ(bytes.size(), 56400u);
  for (size_t chunk : {0u, 1u, 7u, 1316u, 1u << 20}) {
    SCOPED_TRACE("chunk " + std::to_string(chunk));
    const Result result = frame(bytes, chunk);
    EXPECT_EQ(result.counted, 295u);
    EXPECT_EQ(result.sync_errors, 5u);
    EXPECT_EQ(result.skipped, 5u * 188);
    ASSERT_EQ(result.packets.size(), 295u);
    for (size_t n = 0; n < result.packets.size(); ++n) {
      const size_t slot = n < 185 ? n : n + 5;
      EXPECT_TRUE(std::equal(result.packets[n].begin(), result.packets[n].end(),
                             bytes.begin() + static_cast<ptrdiff_t>(slot * 188)))
          << "packet " << n;
    }
  }
}

TEST(TsFramerCorpusTest, CleanCapturesFrameCompletely) {
  for (const char* name : {"test-018.ts", "test-030.ts", "test-103.ts", "test-108.ts",
                           "test-120.ts", "test-127.ts", "test-143.ts", "test-184.ts"}) {
    SCOPED_TRACE(name);
    const Bytes bytes = testing_support::readFile(testing_support::corpusPath(name));
    ASSERT_FALSE(bytes.empty());
    ASSERT_EQ(bytes.size() % 188, 0u);
    for (size_t chunk : {0u, 1316u}) {
      const Result result = frame(bytes, chunk);
      EXPECT_EQ(result.stride, 188u);
      EXPECT_EQ(result.counted, bytes.size() / 188);
      EXPECT_EQ(result.sync_errors, 0u);
      EXPECT_EQ(result.skipped, 0u);
    }
  }
}

}  // namespace
}  // namespace dvb
