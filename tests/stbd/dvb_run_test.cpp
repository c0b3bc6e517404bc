// stbd's live loop on a dvb:// source, in one process: a scripted demux
// (FakeDeviceIo with real, pollable fds) hands over PAT, PMT, TDT and a
// signed notice one section per read; runSections feeds them to the daemon
// through the section filters, which follow the PAT and PMT, until the
// notice is held and its crawl is being drawn.
#include <gtest/gtest.h>

#include <functional>

#include "dvb/notice/signed_object.h"
#include "dvb/tables/pat.h"
#include "dvb/tables/pmt.h"
#include "dvb/tables/tdt.h"
#include "platform/box/dvb_source.h"
#include "platform/box/section_feed.h"
#include "stb/daemon.h"
#include "stb/memory_state_store.h"
#include "stbd/stbd_run.h"
#include "tests/dvb/notice/notice_test_util.h"
#include "tests/platform/box/fake_device_io.h"
#include "tests/stb/stb_test_util.h"

namespace stbd {
namespace {

using dvb::notice::testing_util::maintenanceNotice;
using dvb::notice::testing_util::newKey;
using dvb::notice::testing_util::sectionsOf;
using dvb::notice::testing_util::sign;

constexpr uint16_t kPmtPid = 0x1000;
constexpr uint16_t kNoticePid = 0x0101;

struct CountingBar : stb::BarOutput {
  int shows = 0;
  int renders = 0;
  bool show(const stb::SubtitleBarView&, int64_t, std::string*) override {
    ++shows;
    return true;
  }
  void render(int64_t) override { ++renders; }
  bool finishedPass(int64_t) const override { return false; }
  void hide() override {}
};

TEST(StbdDvbRun, ANoticeBySectionFiltersIsHeldAndCrawls) {
  platform::box::FakeDeviceIo io;
  io.setPollable(true);
  platform::EventLoop loop;
  const dvb::notice::PrivateKey key = newKey();
  dvb::notice::KeyRing ring;
  ring.addSigning(key.publicKey());
  stb::MemoryStateStore store;
  CountingBar bar;
  stb::testing_util::RecordingLog log;
  stb::DaemonOptions options;
  options.box = dvb::notice::BoxIdentity{"360102", 17, "BOX-0001", "8610012345678"};
  stb::Daemon daemon(loop.clock(), ring, store, bar, log, options);
  daemon.start(0, false);

  std::string error, note;
  std::unique_ptr<platform::box::DvbSource> source =
      platform::box::DvbSource::open(&io, platform::box::DvbSourceSpec{}, &error, &note);
  ASSERT_TRUE(source) << error;
  platform::box::SectionFeed feed(
      *source, daemon.demux(),
      [&daemon](uint16_t pid, dvb::Section s) { daemon.pushSection(pid, std::move(s)); }, loop,
      log);
  feed.setRestMs(0);
  ASSERT_TRUE(feed.start(&error)) << error;

  auto fdFor = [&](uint16_t pid) {
    for (int fd : source->filters().fds())
      if (source->filters().specFor(fd)->pid == pid) return fd;
    return -1;
  };
  // The head end, played as the filters appear: PAT, then the PMT once its
  // filter runs, then time and the notice once the notice PID's does.
  dvb::Pat pat;
  pat.transport_stream_id = 1;
  pat.programs.push_back({1, kPmtPid});
  dvb::Pmt pmt;
  pmt.program_number = 1;
  const uint32_t f = dvb::notice::kRegistrationFormat;
  pmt.streams.push_back(
      {0x05,
       kNoticePid,
       {dvb::Descriptor{0x05, {uint8_t(f >> 24), uint8_t(f >> 16), uint8_t(f >> 8), uint8_t(f)}}}});
  io.queueRead(fdFor(0x0000), pat.encode().at(0).bytes());
  bool pmt_sent = false, notice_sent = false;
  int turns = 0;
  std::function<void()> headEnd = [&]() {
    if (!pmt_sent && fdFor(kPmtPid) >= 0) {
      io.queueRead(fdFor(kPmtPid), pmt.encode().at(0).bytes());
      pmt_sent = true;
    }
    if (!notice_sent && fdFor(kNoticePid) >= 0) {
      const dvb::UtcSeconds now = *dvb::parseIso8601("2026-11-29T08:00:00Z");
      io.queueRead(fdFor(0x0014), dvb::Tdt{now}.encode().at(0).bytes());
      for (const dvb::Section& s : sectionsOf(sign(maintenanceNotice(), 1001, 1, key)))
        io.queueRead(fdFor(kNoticePid), s.bytes());
      notice_sent = true;
    }
    // Done once the crawl has been drawn; a bound, not a deadline, otherwise.
    if (bar.renders > 0 || ++turns > 500) {
      loop.stop();
      return;
    }
    loop.addTimer(loop.clock().nowMs() + 10, headEnd);
  };
  loop.addTimer(loop.clock().nowMs(), headEnd);

  RunStats stats;
  ASSERT_TRUE(runSections(feed, daemon, loop, 25, RunExtras{}, log, &stats, &error)) << error;
  EXPECT_EQ(daemon.intake().notices().count(1001), 1u) << log.dump();
  EXPECT_TRUE(daemon.crawling());
  EXPECT_EQ(bar.shows, 1);
  EXPECT_GT(bar.renders, 0) << log.dump();
  EXPECT_GE(stats.sections, 4u);  // PAT, PMT, TDT and the notice (one section)
  EXPECT_EQ(stats.packets, 0u);
  EXPECT_TRUE(log.has(stb::LogLevel::kInfo, {"dvb: ", "section filter(s)", "pid 0x101"}))
      << log.dump();
}

}  // namespace
}  // namespace stbd
