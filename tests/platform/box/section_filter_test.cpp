// SectionFilterSpec -> dmx_sct_filter_params, and SectionFilterSet against
// a scripted demux.
#include "platform/box/section_filter_set.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>

#include "tests/platform/box/fake_device_io.h"

namespace platform {
namespace box {
namespace {

using Status = SectionRead::Status;

const std::string kDemux = "/dev/dvb/adapter0/demux0";

SectionFilterSpec spec(uint16_t pid, uint8_t table_id, std::optional<uint16_t> extension = {},
                       uint8_t mask = 0xFF) {
  SectionFilterSpec result;
  result.pid = pid;
  result.table_id = table_id;
  result.table_id_mask = mask;
  result.extension = extension;
  return result;
}

dmx_sct_filter_params paramsOf(const FakeDeviceIo::Ioctl& call) {
  dmx_sct_filter_params params;
  EXPECT_EQ(call.arg.size(), sizeof(params));
  std::memcpy(&params, call.arg.data(), sizeof(params));
  return params;
}

TEST(SectionFilterSpecTest, PutsTableIdAndExtensionWhereTheKernelLooks) {
  dmx_sct_filter_params params;
  std::string error;
  ASSERT_TRUE(buildFilterParams(spec(0x1FF, 0x80, 0x1234), &params, &error)) << error;
  EXPECT_EQ(params.pid, 0x1FF);
  // filter[0] is section byte 0; filter[1..2] are section bytes 3-4 (the
  // kernel skips the section_length bytes 1-2).
  EXPECT_EQ(params.filter.filter[0], 0x80);
  EXPECT_EQ(params.filter.mask[0], 0xFF);
  EXPECT_EQ(params.filter.filter[1], 0x12);
  EXPECT_EQ(params.filter.filter[2], 0x34);
  EXPECT_EQ(params.filter.mask[1], 0xFF);
  EXPECT_EQ(params.filter.mask[2], 0xFF);
  for (int i = 3; i < DMX_FILTER_SIZE; ++i) {
    EXPECT_EQ(params.filter.filter[i], 0) << i;
    EXPECT_EQ(params.filter.mask[i], 0) << i;
  }
  for (int i = 0; i < DMX_FILTER_SIZE; ++i) EXPECT_EQ(params.filter.mode[i], 0) << i;
  EXPECT_EQ(params.flags, static_cast<uint32_t>(DMX_CHECK_CRC | DMX_IMMEDIATE_START));
  EXPECT_EQ(params.timeout, 0u);
}

TEST(SectionFilterSpecTest, WithoutExtensionOnlyTheTableIdIsMasked) {
  dmx_sct_filter_params params;
  std::string error;
  ASSERT_TRUE(buildFilterParams(spec(0x12, 0x4F, std::nullopt, 0xF0), &params, &error));
  EXPECT_EQ(params.pid, 0x12);
  EXPECT_EQ(params.filter.filter[0], 0x40);  // 0x4F & 0xF0: EIT 0x40..0x4F
  EXPECT_EQ(params.filter.mask[0], 0xF0);
  for (int i = 1; i < DMX_FILTER_SIZE; ++i) EXPECT_EQ(params.filter.mask[i], 0) << i;
}

TEST(SectionFilterSpecTest, RefusesAPidBeyondThirteenBits) {
  dmx_sct_filter_params params;
  std::string error;
  EXPECT_FALSE(buildFilterParams(spec(0x2000, 0x00), &params, &error));
  EXPECT_NE(error.find("pid 0x2000"), std::string::npos) << error;
}

TEST(SectionFilterSpecTest, DescribesAndPaths) {
  SectionFilterSpec notice = spec(0x1FF, 0x80, 1);
  notice.buffer_bytes = 262144;
  EXPECT_EQ(notice.describe(), "pid 0x1ff table_id 0x80/0xff extension 0x0001 buffer 262144");
  EXPECT_EQ(demuxPath(1, 2), "/dev/dvb/adapter1/demux2");
}

TEST(SectionFilterSetTest, AddOpensOneFdPerFilterAndSetsIt) {
  FakeDeviceIo io;
  SectionFilterSet set(&io, kDemux);
  std::string error;
  ASSERT_TRUE(set.add(spec(0x00, 0x00), &error)) << error;
  SectionFilterSpec notice = spec(0x1FF, 0x80);
  notice.buffer_bytes = 256 * 1024;
  ASSERT_TRUE(set.add(notice, &error)) << error;
  ASSERT_TRUE(set.add(notice, &error)) << error;  // already running: nothing new

  EXPECT_EQ(io.opened(), (std::vector<std::string>{kDemux, kDemux}));
  ASSERT_EQ(set.fds().size(), 2u);
  const int pat_fd = set.fds()[0];
  const int notice_fd = set.fds()[1];
  EXPECT_NE(pat_fd, notice_fd);

  const auto& calls = io.ioctls();
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(calls[0].request, static_cast<unsigned long>(DMX_SET_FILTER));
  EXPECT_EQ(calls[0].fd, pat_fd);
  // The buffer size is set before the filter starts.
  EXPECT_EQ(calls[1].request, static_cast<unsigned long>(DMX_SET_BUFFER_SIZE));
  EXPECT_TRUE(calls[1].by_value);
  EXPECT_EQ(calls[1].value, 256u * 1024u);
  EXPECT_EQ(calls[1].fd, notice_fd);
  EXPECT_EQ(calls[2].request, static_cast<unsigned long>(DMX_SET_FILTER));
  EXPECT_EQ(paramsOf(calls[2]).pid, 0x1FF);
  EXPECT_EQ(paramsOf(calls[2]).filter.filter[0], 0x80);
  EXPECT_EQ(set.specFor(notice_fd), notice);
}

TEST(SectionFilterSetTest, AFailedStartLeavesNothingOpen) {
  FakeDeviceIo io;
  SectionFilterSet set(&io, kDemux);
  std::string error;
  io.failIoctl(DMX_SET_FILTER, EINVAL);
  EXPECT_FALSE(set.add(spec(0x10, 0x40), &error));
  EXPECT_EQ(error, kDemux + " filter pid 0x10 table_id 0x40/0xff: DMX_SET_FILTER: " +
                       std::strerror(EINVAL));
  EXPECT_TRUE(io.openFds().empty());
  EXPECT_EQ(set.size(), 0u);

  FakeDeviceIo missing;
  missing.failOpen(kDemux, ENOENT);
  SectionFilterSet none(&missing, kDemux);
  EXPECT_FALSE(none.add(spec(0x10, 0x40), &error));
  EXPECT_EQ(error.rfind("cannot open " + kDemux, 0), 0u) << error;
}

TEST(SectionFilterSetTest, RearmStopsRemovedStartsNewKeepsUnchanged) {
  FakeDeviceIo io;
  SectionFilterSet set(&io, kDemux);
  std::string error;
  const SectionFilterSpec pat = spec(0x00, 0x00);
  const SectionFilterSpec old_pmt = spec(0x100, 0x02, 1);
  const SectionFilterSpec old_notice = spec(0x1FF, 0x80);
  ASSERT_TRUE(set.rearm({pat, old_pmt, old_notice}, &error)) << error;
  ASSERT_EQ(set.size(), 3u);
  const int pat_fd = set.fds()[0];
  const int old_pmt_fd = set.fds()[1];
  const int old_notice_fd = set.fds()[2];
  io.clearRecords();

  // The PMT moved the notice PID; the PMT itself is unchanged.
  const SectionFilterSpec new_notice = spec(0x200, 0x80);
  ASSERT_TRUE(set.rearm({pat, old_pmt, new_notice}, &error)) << error;
  EXPECT_EQ(set.specs(), (std::vector<SectionFilterSpec>{pat, old_pmt, new_notice}));
  EXPECT_EQ(set.fds()[0], pat_fd);
  EXPECT_EQ(set.fds()[1], old_pmt_fd);
  EXPECT_EQ(io.closedFds(), std::vector<int>{old_notice_fd});
  EXPECT_EQ(io.openFds().count(old_notice_fd), 0u);
  ASSERT_EQ(io.ioctlsFor(DMX_STOP).size(), 1u);
  EXPECT_EQ(io.ioctlsFor(DMX_STOP)[0].fd, old_notice_fd);
  const auto started = io.ioctlsFor(DMX_SET_FILTER);
  ASSERT_EQ(started.size(), 1u);
  EXPECT_EQ(paramsOf(started[0]).pid, 0x200);
  EXPECT_EQ(io.opened().size(), 1u);

  // A spec whose extension changed is a different filter.
  io.clearRecords();
  ASSERT_TRUE(set.rearm({pat, spec(0x100, 0x02, 2), new_notice}, &error));
  EXPECT_EQ(io.closedFds(), std::vector<int>{old_pmt_fd});
  EXPECT_EQ(io.ioctlsFor(DMX_SET_FILTER).size(), 1u);
  EXPECT_EQ(set.size(), 3u);
}

TEST(SectionFilterSetTest, RearmReportsEveryFailureAndAppliesTheRest) {
  FakeDeviceIo io;
  SectionFilterSet set(&io, kDemux);
  std::string error;
  EXPECT_FALSE(set.rearm({spec(0x00, 0x00), spec(0x3000, 0x02), spec(0x4000, 0x02)}, &error));
  EXPECT_NE(error.find("pid 0x3000"), std::string::npos) << error;
  EXPECT_NE(error.find("; "), std::string::npos) << error;
  EXPECT_NE(error.find("pid 0x4000"), std::string::npos) << error;
  EXPECT_EQ(set.size(), 1u);
}

TEST(SectionFilterSetTest, RemoveAndDestructorCloseEverything) {
  FakeDeviceIo io;
  std::string error;
  {
    SectionFilterSet set(&io, kDemux);
    ASSERT_TRUE(set.add(spec(0x00, 0x00), &error));
    ASSERT_TRUE(set.add(spec(0x10, 0x40), &error));
    EXPECT_TRUE(set.remove(spec(0x00, 0x00)));
    EXPECT_FALSE(set.remove(spec(0x00, 0x00)));
    EXPECT_EQ(set.size(), 1u);
  }
  EXPECT_TRUE(io.openFds().empty());
  EXPECT_EQ(io.closedFds().size(), 2u);
}

class SectionReadTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(set_.add(spec(0x1FF, 0x80), &error)) << error;
    fd_ = set_.fds()[0];
  }
  std::vector<uint8_t> section() const {
    return dvb::Section::makeLong(0x80, 7, 3, 0, 0, {1, 2, 3, 4, 5}).bytes();
  }

  FakeDeviceIo io_;
  SectionFilterSet set_{&io_, kDemux};
  int fd_ = -1;
};

TEST_F(SectionReadTest, AWholeSectionIsHandedOnWithItsPid) {
  io_.queueRead(fd_, section());
  SectionRead read = set_.read(fd_);
  ASSERT_EQ(read.status, Status::kSection) << read.error;
  EXPECT_EQ(read.pid, 0x1FF);
  ASSERT_TRUE(read.section);
  EXPECT_EQ(read.section->bytes(), section());
  EXPECT_EQ(read.section->extension(), 7);
  EXPECT_EQ(set_.counters().sections, 1u);
  EXPECT_EQ(set_.read(fd_).status, Status::kWouldBlock);
}

TEST_F(SectionReadTest, AShortReadIsCountedAndDropped) {
  std::vector<uint8_t> bytes = section();
  bytes.resize(bytes.size() - 2);
  io_.queueRead(fd_, bytes);
  io_.queueRead(fd_, {0x80, 0xB0});  // not even a header
  SectionRead read = set_.read(fd_);
  EXPECT_EQ(read.status, Status::kDropped);
  EXPECT_EQ(read.error, kDemux +
                            " filter pid 0x1ff table_id 0x80/0xff: section claims 17 bytes, "
                            "read 15");
  EXPECT_EQ(set_.read(fd_).status, Status::kDropped);
  EXPECT_EQ(set_.counters().short_reads, 2u);
  EXPECT_EQ(set_.counters().sections, 0u);
}

TEST_F(SectionReadTest, AnOverlongLengthClaimIsNotTrusted) {
  std::vector<uint8_t> bytes = section();
  bytes[1] = 0xBF;  // section_length 0xFFF: 4098 bytes claimed, 17 read
  bytes[2] = 0xFF;
  io_.queueRead(fd_, bytes);
  EXPECT_EQ(set_.read(fd_).status, Status::kDropped);
  EXPECT_EQ(set_.counters().short_reads, 1u);
}

TEST_F(SectionReadTest, BytesBeyondTheClaimedLengthAreCountedAndDropped) {
  std::vector<uint8_t> bytes = section();
  bytes.push_back(0xFF);
  bytes.push_back(0xFF);
  io_.queueRead(fd_, bytes);
  io_.queueRead(fd_, std::vector<uint8_t>(5000, 0x80));  // more than any section
  SectionRead read = set_.read(fd_);
  EXPECT_EQ(read.status, Status::kDropped);
  EXPECT_NE(read.error.find("read 19 bytes, section claims 17"), std::string::npos) << read.error;
  EXPECT_EQ(set_.read(fd_).status, Status::kDropped);
  EXPECT_EQ(set_.counters().overlong_reads, 2u);
}

TEST_F(SectionReadTest, ASectionDvbRefusesIsCountedAsMalformed) {
  // Long syntax flagged, but section_length 2 leaves no room for its header.
  io_.queueRead(fd_, {0x80, 0xB0, 0x02, 0x00, 0x01});
  EXPECT_EQ(set_.read(fd_).status, Status::kDropped);
  EXPECT_EQ(set_.counters().malformed, 1u);
}

TEST_F(SectionReadTest, OverflowIsCountedAndTheFilterGoesOn) {
  io_.queueReadError(fd_, EOVERFLOW);
  io_.queueRead(fd_, section());
  SectionRead overflow = set_.read(fd_);
  EXPECT_EQ(overflow.status, Status::kOverflow);
  EXPECT_NE(overflow.error.find("overflowed"), std::string::npos);
  EXPECT_EQ(set_.counters().overflows, 1u);
  EXPECT_EQ(set_.read(fd_).status, Status::kSection);
  EXPECT_EQ(set_.size(), 1u);
  EXPECT_TRUE(io_.closedFds().empty());
}

TEST_F(SectionReadTest, OtherErrorsAndUnknownFds) {
  io_.queueReadError(fd_, EIO);
  SectionRead read = set_.read(fd_);
  EXPECT_EQ(read.status, Status::kError);
  EXPECT_EQ(read.error, "cannot read " + kDemux +
                            " filter pid 0x1ff table_id 0x80/0xff: " + std::strerror(EIO));
  EXPECT_EQ(set_.counters().read_errors, 1u);
  EXPECT_EQ(set_.read(fd_ + 1000).status, Status::kError);
}

}  // namespace
}  // namespace box
}  // namespace platform
