// stbd's dvb:// source against a scripted demux: the spec, the filters the
// SI demux asks for, and real sections (PAT, PMT with the "STBN"
// registration, TDT, a signed notice) read from section-filter fds polled
// by a real EventLoop, through to a Daemon that ends up holding the notice.
#include "platform/box/dvb_source.h"

#include <linux/dvb/dmx.h>
#include <linux/dvb/frontend.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <functional>

#include "dvb/notice/signed_object.h"
#include "dvb/table_ids.h"
#include "dvb/tables/pat.h"
#include "dvb/tables/pmt.h"
#include "dvb/tables/tdt.h"
#include "platform/box/section_feed.h"
#include "stb/daemon.h"
#include "stb/memory_state_store.h"
#include "tests/dvb/notice/notice_test_util.h"
#include "tests/platform/box/fake_device_io.h"
#include "tests/stb/stb_test_util.h"

namespace platform {
namespace box {
namespace {

using dvb::notice::testing_util::maintenanceNotice;
using dvb::notice::testing_util::newKey;
using dvb::notice::testing_util::sectionsOf;
using dvb::notice::testing_util::sign;
using stb::testing_util::RecordingLog;

constexpr uint16_t kPmtPid = 0x1000;
constexpr uint16_t kNoticePid = 0x0101;
const std::string kDemux = "/dev/dvb/adapter0/demux0";
const std::string kFrontend = "/dev/dvb/adapter0/frontend0";

dvb::Section patSection(uint16_t pmt_pid, uint8_t version = 0) {
  dvb::Pat pat;
  pat.transport_stream_id = 1;
  pat.version = version;
  pat.programs.push_back({1, pmt_pid});
  return pat.encode().at(0);
}

dvb::Section pmtSection(uint16_t notice_pid) {
  dvb::Pmt pmt;
  pmt.program_number = 1;
  const uint32_t f = dvb::notice::kRegistrationFormat;
  pmt.streams.push_back(
      {0x05,
       notice_pid,
       {dvb::Descriptor{0x05, {uint8_t(f >> 24), uint8_t(f >> 16), uint8_t(f >> 8), uint8_t(f)}}}});
  return pmt.encode().at(0);
}

dvb::Section tdtSection(const char* iso) {
  return dvb::Tdt{*dvb::parseIso8601(iso)}.encode().at(0);
}

// A demux like the daemon's (stb/daemon.cpp), without the SDT.
dvb::SiDemuxOptions daemonLike() {
  dvb::SiDemuxOptions o;
  o.nit = false;
  o.sdt = false;
  o.follow_registration = dvb::notice::kRegistrationFormat;
  return o;
}

struct NullListener : dvb::SiListener {
  std::vector<uint16_t> other_pids;
  int pats = 0;
  void onPat(const dvb::Pat&) override { ++pats; }
  void onOtherSection(uint16_t pid, const dvb::Section&) override { other_pids.push_back(pid); }
};

TEST(DvbSourceSpecTest, ParsesAdapterDemuxAndFrontend) {
  DvbSourceSpec spec;
  std::string error;
  ASSERT_TRUE(parseDvbSource("dvb://adapter0", &spec, &error)) << error;
  EXPECT_EQ(spec.adapter, 0);
  EXPECT_EQ(spec.demux, 0);
  EXPECT_EQ(spec.frontend, 0);
  ASSERT_TRUE(parseDvbSource("dvb://adapter12?demux=1&frontend=2", &spec, &error)) << error;
  EXPECT_EQ(spec.adapter, 12);
  EXPECT_EQ(spec.demux, 1);
  EXPECT_EQ(spec.frontend, 2);
  EXPECT_EQ(spec.describe(), "dvb://adapter12?demux=1&frontend=2");
  ASSERT_TRUE(parseDvbSource("dvb://adapter3?frontend=1", &spec, &error)) << error;
  EXPECT_EQ(spec.demux, 0);
  EXPECT_EQ(spec.frontend, 1);

  for (const char* bad :
       {"dvb://", "dvb://adapter", "dvb://adapterx", "dvb://adapter256", "dvb://adapter-1",
        "dvb://adapter0?", "dvb://adapter0?demux",
        "dvb://adapter0?demux=", "dvb://adapter0?tuner=1", "dvb://adapter0?demux=1&demux=2",
        "dvb://adapter0?demux=1000", "dvb://frontend0", "udp://:1234"}) {
    EXPECT_FALSE(parseDvbSource(bad, &spec, &error)) << bad;
    EXPECT_NE(error.find(bad), std::string::npos) << error;
  }
  EXPECT_TRUE(isDvbSource("dvb://nonsense"));
  EXPECT_FALSE(isDvbSource("/tmp/dvb://x.ts"));
}

TEST(SiDemuxWantsTest, FollowThePatAndThePmtRegistration) {
  NullListener listener;
  dvb::SiDemux demux(listener, daemonLike());
  const uint64_t start = demux.wantsGeneration();
  std::vector<dvb::SectionWant> wants = demux.sectionWants();
  ASSERT_EQ(wants.size(), 2u);
  EXPECT_EQ(wants[0], (dvb::SectionWant{0x0000, 0x00, 0xFF, dvb::kMaxPsiSectionSize}));
  // TDT 0x70 and TOT 0x73 through one filter.
  EXPECT_EQ(wants[1], (dvb::SectionWant{0x0014, 0x70, 0xFC, dvb::kMaxPsiSectionSize}));

  demux.pushSection(0x0000, patSection(kPmtPid));
  EXPECT_EQ(listener.pats, 1);
  EXPECT_NE(demux.wantsGeneration(), start);
  wants = demux.sectionWants();
  ASSERT_EQ(wants.size(), 3u);
  EXPECT_EQ(wants[2], (dvb::SectionWant{kPmtPid, 0x02, 0xFF, dvb::kMaxPsiSectionSize}));

  const uint64_t after_pat = demux.wantsGeneration();
  demux.pushSection(0x0000, patSection(kPmtPid));  // a repetition changes nothing
  EXPECT_EQ(demux.wantsGeneration(), after_pat);
  demux.pushSection(kPmtPid, pmtSection(kNoticePid));
  wants = demux.sectionWants();
  ASSERT_EQ(wants.size(), 4u);
  // The registered stream: every table on it, private-section sized.
  EXPECT_EQ(wants[2], (dvb::SectionWant{kNoticePid, 0x00, 0x00, dvb::kMaxPrivateSectionSize}));

  // A new PAT version moves the PMT: the old PMT PID is no longer wanted.
  demux.pushSection(0x0000, patSection(0x1100, 1));
  wants = demux.sectionWants();
  std::vector<uint16_t> pids;
  for (const auto& w : wants) pids.push_back(w.pid);
  EXPECT_EQ(pids, (std::vector<uint16_t>{0x0000, 0x0014, kNoticePid, 0x1100}));
}

TEST(SiDemuxWantsTest, NitAndSdtFiltersLeaveOutTheBat) {
  NullListener listener;
  dvb::SiDemuxOptions options;  // NIT and SDT on
  dvb::SiDemux demux(listener, options);
  const std::vector<dvb::SectionWant> wants = demux.sectionWants();
  ASSERT_EQ(wants.size(), 4u);
  EXPECT_EQ(wants[1], (dvb::SectionWant{0x0010, 0x40, 0xFE, dvb::kMaxPsiSectionSize}));
  EXPECT_EQ(wants[2], (dvb::SectionWant{0x0011, 0x42, 0xFB, dvb::kMaxPsiSectionSize}));
  // 0x42 (actual) and 0x46 (other) pass the SDT filter; the BAT (0x4A) does not.
  for (uint8_t tid : {0x42, 0x46, 0x4A})
    EXPECT_EQ((tid & wants[2].table_id_mask) == wants[2].table_id, tid != 0x4A) << int(tid);
}

TEST(SiDemuxWantsTest, PushedSectionsAreCheckedAndCounted) {
  NullListener listener;
  dvb::SiDemux demux(listener, daemonLike());
  demux.addSectionPid(kNoticePid);
  // A PID nobody asked for (a filter not yet stopped) is ignored.
  demux.pushSection(0x0777, patSection(kPmtPid));
  EXPECT_EQ(demux.sectionsPushed(), 0u);

  std::vector<uint8_t> bytes = patSection(kPmtPid).bytes();
  bytes[bytes.size() - 1] ^= 0xFF;  // CRC_32
  std::string why;
  demux.pushSection(0x0000, *dvb::Section::fromBytes(bytes, &why));
  EXPECT_EQ(listener.pats, 0);
  EXPECT_EQ(demux.sectionErrors(0x0000).crc_errors, 1u);

  // Longer than a PSI section may be.
  const dvb::Section big = dvb::Section::makeLong(0x00, 1, 0, 0, 0, std::vector<uint8_t>(1100, 0));
  demux.pushSection(0x0000, big);
  EXPECT_EQ(demux.sectionErrors(0x0000).malformed, 1u);
  EXPECT_EQ(demux.sectionErrors().crc_errors, 1u);

  demux.pushSection(kNoticePid, big);  // private sections may be 4096 bytes
  EXPECT_EQ(listener.other_pids, std::vector<uint16_t>{kNoticePid});
  EXPECT_EQ(demux.sectionsPushed(), 3u);
}

TEST(DvbSourceTest, AMissingAdapterIsAClearError) {
  FakeDeviceIo io;
  io.failOpen("/dev/dvb/adapter3/demux0", ENOENT);
  DvbSourceSpec spec;
  spec.adapter = 3;
  std::string error, note;
  EXPECT_FALSE(DvbSource::open(&io, spec, &error, &note));
  EXPECT_EQ(error,
            "no DVB adapter 3: cannot open /dev/dvb/adapter3/demux0: No such file or directory "
            "(is its driver loaded? /dev/dvb/adapter3 should exist)");
  io.failOpen("/dev/dvb/adapter3/demux0", EACCES);
  EXPECT_FALSE(DvbSource::open(&io, spec, &error, &note));
  EXPECT_NE(error.find("group of the device"), std::string::npos) << error;
}

TEST(DvbSourceTest, OpensTheFrontendWhenThereIsOne) {
  FakeDeviceIo io;
  std::string error, note;
  std::unique_ptr<DvbSource> source = DvbSource::open(&io, DvbSourceSpec{}, &error, &note);
  ASSERT_TRUE(source) << error;
  EXPECT_TRUE(note.empty()) << note;
  ASSERT_NE(source->tuner(), nullptr);
  EXPECT_TRUE(source->hasFrontend());
  EXPECT_EQ(source->tuner()->describe(), "frontend " + kFrontend);
  EXPECT_EQ(source->describe(), "dvb://adapter0 (" + kDemux + ", frontend " + kFrontend + ")");
  // The probe of the demux is closed again; only the frontend stays open.
  EXPECT_EQ(io.openFds().size(), 1u);
  EXPECT_EQ(io.opened(), (std::vector<std::string>{kDemux, kFrontend}));

  FakeDeviceIo bare;
  bare.failOpen(kFrontend, ENOENT);
  source = DvbSource::open(&bare, DvbSourceSpec{}, &error, &note);
  ASSERT_TRUE(source) << error;
  EXPECT_FALSE(source->hasFrontend());
  EXPECT_NE(note.find(kFrontend), std::string::npos) << note;
  EXPECT_NE(source->describe().find("frontend none"), std::string::npos);
  // Its tuner says why it has no figures rather than inventing any.
  ASSERT_NE(source->tuner(), nullptr);
  EXPECT_FALSE(source->tuner()->readStatus(&error));
  EXPECT_EQ(error, "cannot open frontend " + kFrontend + ": No such file or directory");
}

TEST(DvbSourceTest, FilterSpecsFromWants) {
  const SectionFilterSpec pat = filterSpecFor(dvb::SectionWant{0, 0x00, 0xFF, 1024});
  EXPECT_EQ(pat.describe(), "pid 0x0 table_id 0x00/0xff");
  const SectionFilterSpec time = filterSpecFor(dvb::SectionWant{0x14, 0x73, 0xFC, 1024});
  EXPECT_EQ(time.table_id, 0x70);
  EXPECT_EQ(time.table_id_mask, 0xFC);
  EXPECT_EQ(time.buffer_bytes, 0u);
  const SectionFilterSpec notice = filterSpecFor(dvb::SectionWant{kNoticePid, 0, 0, 4096});
  EXPECT_EQ(notice.table_id_mask, 0);
  EXPECT_EQ(notice.buffer_bytes, kPrivateSectionBufferBytes);
}

struct NoBar : stb::BarOutput {
  bool show(const stb::SubtitleBarView&, int64_t, std::string*) override { return true; }
  void render(int64_t) override {}
  bool finishedPass(int64_t) const override { return false; }
  void hide() override {}
};

// The daemon fed by section filters on a scripted demux whose fds are real
// (eventfds), watched by a real event loop.
class SectionFeedTest : public ::testing::Test {
 protected:
  SectionFeedTest() : key_(newKey()) {
    io_.setPollable(true);
    ring_.addSigning(key_.publicKey());
    stb::DaemonOptions options;
    options.box = dvb::notice::BoxIdentity{"360102", 17, "BOX-0001", "8610012345678"};
    daemon_ = std::make_unique<stb::Daemon>(loop_.clock(), ring_, store_, bar_, log_, options);
    daemon_->start(0, false);
    std::string error, note;
    source_ = DvbSource::open(&io_, DvbSourceSpec{}, &error, &note);
    EXPECT_TRUE(source_) << error;
    feed_ = std::make_unique<SectionFeed>(
        *source_, daemon_->demux(),
        [this](uint16_t pid, dvb::Section s) { daemon_->pushSection(pid, std::move(s)); }, loop_,
        log_);
    feed_->setRestMs(0);
    feed_->setOnSections([this]() { ++batches_; });
  }

  // The fd of the running filter on PID (-1: none).
  int fdFor(uint16_t pid) const {
    for (int fd : source_->filters().fds())
      if (source_->filters().specFor(fd)->pid == pid) return fd;
    return -1;
  }
  void queue(uint16_t pid, const dvb::Section& section) {
    const int fd = fdFor(pid);
    ASSERT_GE(fd, 0) << "no filter on pid " << pid;
    io_.queueRead(fd, section.bytes());
  }
  // Turns the loop until DONE (a bound, not a deadline: each turn waits at
  // most 50 ms, and what the test queued is readable at once).
  bool turnUntil(const std::function<bool()>& done) {
    std::string error;
    for (int i = 0; i < 200 && !done(); ++i) EXPECT_TRUE(loop_.runOnce(50, &error)) << error;
    return done();
  }

  FakeDeviceIo io_;
  EventLoop loop_;
  dvb::notice::PrivateKey key_;
  dvb::notice::KeyRing ring_;
  stb::MemoryStateStore store_;
  NoBar bar_;
  RecordingLog log_;
  std::unique_ptr<stb::Daemon> daemon_;
  std::unique_ptr<DvbSource> source_;
  std::unique_ptr<SectionFeed> feed_;
  int batches_ = 0;
};

TEST_F(SectionFeedTest, ASignedNoticeArrivesThroughSectionFiltersAndIsHeld) {
  std::string error;
  ASSERT_TRUE(feed_->start(&error)) << error;
  // One filter for each thing the daemon's demux wants (PAT, TDT/TOT, SDT).
  std::vector<SectionFilterSpec> expected;
  for (const dvb::SectionWant& want : daemon_->demux().sectionWants())
    expected.push_back(filterSpecFor(want));
  EXPECT_EQ(source_->filters().specs(), expected);
  ASSERT_GE(fdFor(0x0000), 0);
  ASSERT_GE(fdFor(0x0014), 0);

  queue(0x0000, patSection(kPmtPid));
  ASSERT_TRUE(turnUntil([&] { return fdFor(kPmtPid) >= 0; })) << log_.dump();
  queue(kPmtPid, pmtSection(kNoticePid));
  ASSERT_TRUE(turnUntil([&] { return fdFor(kNoticePid) >= 0; })) << log_.dump();
  // The notice PID's filter takes every table, with a large driver buffer.
  const SectionFilterSpec notice = *source_->filters().specFor(fdFor(kNoticePid));
  EXPECT_EQ(notice.table_id_mask, 0);
  bool sized = false;
  for (const auto& call : io_.ioctlsFor(DMX_SET_BUFFER_SIZE))
    sized = sized || (call.fd == fdFor(kNoticePid) && call.value == kPrivateSectionBufferBytes);
  EXPECT_TRUE(sized);
  EXPECT_TRUE(log_.has(stb::LogLevel::kInfo, {"notice stream on PID 0x0101"})) << log_.dump();

  // Time, then the signed notice, as the kernel hands them over: one section per read.
  queue(0x0014, tdtSection("2026-11-29T08:00:00Z"));
  for (const dvb::Section& s : sectionsOf(sign(maintenanceNotice(), 1001, 1, key_)))
    queue(kNoticePid, s);
  ASSERT_TRUE(turnUntil([&] { return daemon_->intake().notices().count(1001) == 1; }))
      << log_.dump();
  EXPECT_EQ(daemon_->stats().tdts, 1u);
  EXPECT_EQ(daemon_->stats().notice_tables, 1u);
  EXPECT_GE(feed_->stats().sections, 4u);
  EXPECT_EQ(feed_->stats().problems, 0u);
  EXPECT_GE(batches_, 3);
  // The held notice is due (its window is open): the daemon crawls it.
  EXPECT_TRUE(daemon_->crawling());
}

TEST_F(SectionFeedTest, ANewPatMovesThePmtFilterAndKeepsTheOthers) {
  std::string error;
  ASSERT_TRUE(feed_->start(&error)) << error;
  queue(0x0000, patSection(kPmtPid));
  ASSERT_TRUE(turnUntil([&] { return fdFor(kPmtPid) >= 0; }));
  const int pat_fd = fdFor(0x0000);
  const int old_pmt_fd = fdFor(kPmtPid);
  io_.clearRecords();

  queue(0x0000, patSection(0x1100, 1));
  ASSERT_TRUE(turnUntil([&] { return fdFor(0x1100) >= 0; }));
  EXPECT_EQ(fdFor(kPmtPid), -1);
  EXPECT_EQ(fdFor(0x0000), pat_fd);  // unchanged filters keep their fd
  bool stopped = false;
  for (const auto& call : io_.ioctlsFor(DMX_STOP)) stopped = stopped || call.fd == old_pmt_fd;
  EXPECT_TRUE(stopped);
  EXPECT_NE(std::find(io_.closedFds().begin(), io_.closedFds().end(), old_pmt_fd),
            io_.closedFds().end());
  const auto set = io_.ioctlsFor(DMX_SET_FILTER);
  ASSERT_EQ(set.size(), 1u);
  dmx_sct_filter_params params;
  std::memcpy(&params, set[0].arg.data(), sizeof params);
  EXPECT_EQ(params.pid, 0x1100);
  EXPECT_EQ(params.filter.filter[0], 0x02);
}

TEST_F(SectionFeedTest, BadReadsAndOverflowsAreLoggedAndTheFilterGoesOn) {
  std::string error;
  ASSERT_TRUE(feed_->start(&error)) << error;
  const int pat_fd = fdFor(0x0000);
  io_.queueReadError(pat_fd, EOVERFLOW);
  std::vector<uint8_t> cut = patSection(kPmtPid).bytes();
  cut.resize(cut.size() - 2);  // shorter than its section_length says
  io_.queueRead(pat_fd, cut);
  io_.queueRead(pat_fd, patSection(kPmtPid).bytes());
  ASSERT_TRUE(turnUntil([&] { return fdFor(kPmtPid) >= 0; })) << log_.dump();
  EXPECT_EQ(feed_->stats().problems, 2u);
  EXPECT_EQ(source_->filters().counters().overflows, 1u);
  EXPECT_EQ(source_->filters().counters().short_reads, 1u);
  EXPECT_TRUE(log_.has(stb::LogLevel::kWarning, {"overflowed"})) << log_.dump();
}

TEST_F(SectionFeedTest, StartFailsWhenNoFilterCanBeStarted) {
  io_.failIoctl(DMX_SET_FILTER, EINVAL);
  std::string error;
  EXPECT_FALSE(feed_->start(&error));
  EXPECT_NE(error.find("no section filter could be started"), std::string::npos) << error;
  EXPECT_TRUE(log_.has(stb::LogLevel::kError, {"DMX_SET_FILTER"})) << log_.dump();
}

}  // namespace
}  // namespace box
}  // namespace platform
