// The daemon end to end without I/O: real TS packets (PAT/PMT with the "STBN"
// registration, TDT/TOT, signed notices on the notice PID) in, bar commands
// out, on a fast-replay clock and an in-memory store.
#include "stb/daemon.h"

#include <gtest/gtest.h>

#include <memory>

#include "dvb/ts_packet.h"
#include "stb/memory_state_store.h"
#include "stb/wording.h"
#include "tests/dvb/notice/notice_test_util.h"
#include "tests/stb/daemon_stream.h"
#include "tests/stb/stb_test_util.h"
#include "tests/support/utc_time.h"

namespace stb {
namespace {

using dvb::notice::BoxIdentity;
using dvb::notice::KeyList;
using dvb::notice::KeyRing;
using dvb::notice::Notice;
using dvb::notice::NoticeKind;
using dvb::notice::PrivateKey;
using dvb::notice::testing_util::maintenanceNotice;
using dvb::notice::testing_util::newKey;
using dvb::notice::testing_util::sectionsOf;
using dvb::notice::testing_util::sign;
using dvb::notice::testing_util::text;
using testing_stream::DaemonStream;
using testing_stream::Packets;
using testing_util::cancellationOf;
using testing_util::RecordingLog;
using Style = stb::SubtitleBarView::Style;

using testing_support::at;

// maintenanceNotice(): 2026-11-30 02:00..06:00 UTC, window opens 24 h before.
const dvb::UtcSeconds kWindowOpens = at("2026-11-29T02:00:00Z");
const dvb::UtcSeconds kT0 = at("2026-11-29T08:00:00Z");  // in the window, 18 h before start
const dvb::UtcSeconds kInProgress = at("2026-11-30T03:00:00Z");

Notice emergencyNotice() {
  Notice n;
  n.kind = NoticeKind::kEmergency;
  n.start = at("2026-11-29T07:00:00Z");
  n.end = at("2026-11-29T20:00:00Z");
  n.targeting.areas = {{"36"}};
  n.texts.push_back({"spa", text("Alerta", dvb::text::Charset::Iso6937),
                     text("Tormenta fuerte, permanezca en casa.", dvb::text::Charset::Iso6937)});
  n.texts.push_back({"zho", text("紧急通知", dvb::text::Charset::Gb2312),
                     text("暴雨预警，请留在室内。", dvb::text::Charset::Gb2312)});
  return n;
}

// Records what the daemon asks of the bar; a pass lasts pass_ms from show().
struct FakeBar : BarOutput {
  struct Shown {
    stb::SubtitleBarView view;
    int64_t start_ms = 0;
  };
  std::vector<Shown> shows;
  std::vector<int64_t> renders;
  int hides = 0;
  int64_t pass_ms = 30'000;
  bool fail = false;
  bool visible = false;

  bool show(const stb::SubtitleBarView& view, int64_t start_ms, std::string* error) override {
    if (fail) {
      *error = "no video layer";
      return false;
    }
    shows.push_back({view, start_ms});
    visible = true;
    return true;
  }
  void render(int64_t now_ms) override { renders.push_back(now_ms); }
  bool finishedPass(int64_t now_ms) const override {
    return !shows.empty() && now_ms >= shows.back().start_ms + pass_ms;
  }
  void hide() override {
    ++hides;
    visible = false;
  }
  const stb::SubtitleBarView& last() const { return shows.back().view; }
};

class DaemonTest : public ::testing::Test {
 protected:
  DaemonTest() : key_(newKey()), root_(newKey()) {
    ring_.addRoot(root_.publicKey());
    ring_.addSigning(key_.publicKey());
    options_.box = BoxIdentity{"360102", 77, "BOX-0001", "8610012345678"};
    options_.languages = {"spa", "eng"};
  }

  // A daemon as stbd --replay runs it: the replay clock is its monotonic clock.
  void boot() {
    daemon_.reset();
    replay_ = std::make_unique<ReplayClock>();
    daemon_ =
        std::make_unique<Daemon>(*replay_, ring_, store_, bar_, log_, options_, replay_.get());
    daemon_->start(0, false);
  }

  void push(const Packets& packets) {
    ASSERT_EQ(packets.size() % dvb::kTsPacketSize, 0u);
    for (size_t i = 0; i < packets.size(); i += dvb::kTsPacketSize)
      daemon_->pushPacket(packets.data() + i);
  }
  void psi() { push(stream_.psi()); }
  void tdt(dvb::UtcSeconds utc) { push(stream_.tdt(utc)); }
  void notice(const Notice& n, uint32_t id, uint32_t revision) {
    push(stream_.object(sign(n, id, revision, key_)));
  }
  // Boots, announces the notice PID, delivers N and the first TDT at NOW.
  void bootWith(const Notice& n, uint32_t id, dvb::UtcSeconds now) {
    boot();
    psi();
    notice(n, id, 1);
    tdt(now);
  }

  PrivateKey key_, root_;
  KeyRing ring_;
  MemoryStateStore store_;
  RecordingLog log_;
  FakeBar bar_;
  DaemonOptions options_;
  DaemonStream stream_;
  std::unique_ptr<ReplayClock> replay_;
  std::unique_ptr<Daemon> daemon_;  // last: goes first
};

// ------------------------------------------------------------ time

TEST_F(DaemonTest, NothingShowsBeforeTheFirstTdtThenTheNoticeDoes) {
  boot();
  psi();
  notice(maintenanceNotice(), 1001, 1);
  ASSERT_EQ(daemon_->intake().notices().size(), 1u) << log_.dump();
  EXPECT_EQ(daemon_->stats().notice_tables, 1u);
  EXPECT_FALSE(daemon_->clock().known());
  EXPECT_TRUE(bar_.shows.empty());
  EXPECT_FALSE(daemon_->crawling());
  daemon_->update();
  daemon_->render(5);
  EXPECT_TRUE(bar_.shows.empty());
  EXPECT_TRUE(bar_.renders.empty());
  EXPECT_TRUE(log_.has(LogLevel::kInfo, {"notice stream on PID 0x0101"})) << log_.dump();

  tdt(kT0);
  ASSERT_EQ(bar_.shows.size(), 1u) << log_.dump();
  EXPECT_EQ(daemon_->stats().tdts, 1u);
  EXPECT_EQ(daemon_->stats().last_stream_utc, kT0);
  EXPECT_EQ(replay_->nowMs(), kT0 * 1000);
  EXPECT_EQ(bar_.shows[0].start_ms, kT0 * 1000);
  const Notice n = maintenanceNotice();
  const stb::SubtitleBarView& view = bar_.last();
  EXPECT_EQ(view.style, Style::kMaintenance);
  // languages {"spa", "eng"}: the Spanish text, with the Spanish catalogue's label.
  EXPECT_EQ(view.label, "Mantenimiento programado · empieza en 18 h");
  EXPECT_EQ(view.label, noticeLabel(Language::kSpa, n.kind, NoticePhase::kScheduled, n, kT0, 480));
  EXPECT_EQ(view.text, noticeCrawlText(Language::kSpa, n.texts[1], n.contact));
  EXPECT_NE(view.text.find("Corte de servicio por mantenimiento de línea."), std::string::npos);
  EXPECT_NE(view.text.find("96123"), std::string::npos);
  EXPECT_TRUE(daemon_->crawling());
  EXPECT_EQ(daemon_->currentCrawl()->key, "notice:1001");
  EXPECT_EQ(daemon_->stats().crawls_shown, 1u);

  daemon_->render(kT0 * 1000 + 40);
  EXPECT_EQ(bar_.renders, std::vector<int64_t>{kT0 * 1000 + 40});
}

TEST_F(DaemonTest, TheDefaultLanguagesChooseTheChineseText) {
  options_.languages = DaemonOptions{}.languages;
  bootWith(maintenanceNotice(), 1001, kT0);
  ASSERT_EQ(bar_.shows.size(), 1u) << log_.dump();
  const Notice n = maintenanceNotice();
  EXPECT_EQ(bar_.last().label,
            noticeLabel(Language::kZho, n.kind, NoticePhase::kScheduled, n, kT0, 480));
  EXPECT_EQ(bar_.last().label.rfind("计划维护", 0), 0u) << bar_.last().label;
  EXPECT_EQ(bar_.last().text.rfind("线路维护", 0), 0u) << bar_.last().text;
}

TEST_F(DaemonTest, ASynchronisedSystemClockIsUsedBeforeAnyTdt) {
  boot();
  psi();
  notice(maintenanceNotice(), 1001, 1);
  EXPECT_TRUE(bar_.shows.empty());
  // A new daemon over the same store, started on an NTP-synchronised clock.
  daemon_.reset();
  replay_ = std::make_unique<ReplayClock>();
  daemon_ = std::make_unique<Daemon>(*replay_, ring_, store_, bar_, log_, options_, replay_.get());
  daemon_->start(kT0, true);
  // Nothing to lay it over until the PAT names the service on screen.
  EXPECT_TRUE(bar_.shows.empty()) << log_.dump();
  DaemonStream fresh;
  push(fresh.psi());
  ASSERT_EQ(bar_.shows.size(), 1u) << log_.dump();
  EXPECT_EQ(daemon_->currentCrawl()->key, "notice:1001");
  EXPECT_FALSE(daemon_->clock().fromStream());
}

// Screenshots settle on the decoded time, whatever the source: each TDT/TOT
// is announced before anything moves to its time (the replay clock
// included), then reported after.
TEST_F(DaemonTest, StreamTimeIsAnnouncedBeforeItIsAppliedAndReportedAfter) {
  boot();
  psi();
  struct Seen {
    dvb::UtcSeconds utc;
    std::optional<dvb::UtcSeconds> clock;
    int64_t replay_ms;
  };
  std::vector<Seen> before, after;
  daemon_->setBeforeStreamTime([&](dvb::UtcSeconds utc) {
    before.push_back({utc, daemon_->clock().utc(), replay_->nowMs()});
  });
  daemon_->setOnStreamTime([&](dvb::UtcSeconds utc) {
    after.push_back({utc, daemon_->clock().utc(), replay_->nowMs()});
  });
  tdt(kT0);
  notice(maintenanceNotice(), 1001, 1);
  tdt(kT0 + 5);
  ASSERT_EQ(before.size(), 2u);
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(before[0].utc, kT0);
  EXPECT_FALSE(before[0].clock);  // nothing known yet
  EXPECT_EQ(after[0].clock, kT0);
  EXPECT_EQ(before[1].utc, kT0 + 5);
  EXPECT_EQ(before[1].clock, kT0);  // still the stream as it stood at kT0
  EXPECT_EQ(before[1].replay_ms, after[0].replay_ms);
  EXPECT_EQ(after[1].clock, kT0 + 5);
  EXPECT_EQ(after[1].replay_ms, (kT0 + 5) * 1000);
}

TEST_F(DaemonTest, AnUnsynchronisedSystemClockIsNotTrusted) {
  boot();
  notice(maintenanceNotice(), 1001, 1);  // no PMT yet: the notice PID is not followed
  EXPECT_EQ(daemon_->stats().notice_tables, 0u);
  psi();
  notice(maintenanceNotice(), 1001, 1);
  daemon_.reset();
  replay_ = std::make_unique<ReplayClock>();
  daemon_ = std::make_unique<Daemon>(*replay_, ring_, store_, bar_, log_, options_, replay_.get());
  daemon_->start(kT0, false);
  EXPECT_EQ(daemon_->intake().notices().size(), 1u);
  EXPECT_FALSE(daemon_->clock().known());
  EXPECT_TRUE(bar_.shows.empty());
  EXPECT_FALSE(daemon_->nextUpdateMs());
}

// ------------------------------------------------------------ targeting

TEST_F(DaemonTest, ANoticeForAnotherAreaNeverShows) {
  Notice elsewhere = maintenanceNotice();
  elsewhere.targeting.areas = {{"3602"}};
  bootWith(elsewhere, 1001, kT0);
  EXPECT_EQ(daemon_->stats().notice_tables, 1u);
  EXPECT_TRUE(daemon_->intake().notices().empty());
  for (int i = 1; i <= 30; ++i) tdt(kT0 + i * 1800);  // through the whole window
  tdt(kInProgress);
  EXPECT_TRUE(bar_.shows.empty()) << log_.dump();
  EXPECT_FALSE(daemon_->crawling());
  EXPECT_FALSE(daemon_->nextUpdateMs());
  EXPECT_EQ(store_.size(), 0u);
}

// ------------------------------------------------------------ passes

TEST_F(DaemonTest, AfterItsPassTheBarHidesUntilTheNextSlot) {
  bar_.pass_ms = 30'000;
  bootWith(maintenanceNotice(), 1001, kT0);
  ASSERT_EQ(bar_.shows.size(), 1u);

  tdt(kT0 + 10);  // the pass still runs: left alone
  EXPECT_EQ(bar_.shows.size(), 1u);
  EXPECT_EQ(bar_.hides, 0);

  tdt(kT0 + 40);  // pass over; 18 h before start: every 60 min
  EXPECT_EQ(bar_.hides, 1);
  EXPECT_FALSE(daemon_->crawling());
  EXPECT_EQ(daemon_->stats().passes, 1u);
  EXPECT_EQ(daemon_->nextUpdateMs(), (kT0 + 40 + 3600) * 1000);

  tdt(kT0 + 40 + 1800);
  tdt(kT0 + 40 + 3599);
  EXPECT_EQ(bar_.shows.size(), 1u);
  EXPECT_EQ(bar_.hides, 1);

  tdt(kT0 + 40 + 3600);
  ASSERT_EQ(bar_.shows.size(), 2u) << log_.dump();
  EXPECT_EQ(bar_.shows[1].start_ms, (kT0 + 40 + 3600) * 1000);
  EXPECT_EQ(bar_.last().style, Style::kMaintenance);
  EXPECT_EQ(bar_.last().label, "Mantenimiento programado · empieza en 17 h");
  EXPECT_TRUE(daemon_->crawling());
}

TEST_F(DaemonTest, AContinuousCrawlStartsItsNextPassAtOnce) {
  bar_.pass_ms = 20'000;
  bootWith(emergencyNotice(), 2001, kT0);
  ASSERT_EQ(bar_.shows.size(), 1u);
  tdt(kT0 + 25);
  EXPECT_EQ(bar_.hides, 0);
  ASSERT_EQ(bar_.shows.size(), 2u);
  EXPECT_EQ(bar_.shows[1].start_ms, (kT0 + 25) * 1000);
  EXPECT_EQ(daemon_->stats().passes, 1u);
  EXPECT_EQ(daemon_->stats().crawls_shown, 1u);  // the same crawl again
}

TEST_F(DaemonTest, TheCrawlEndsWithItsNotice) {
  bootWith(maintenanceNotice(), 1001, kInProgress);
  ASSERT_EQ(bar_.shows.size(), 1u);
  tdt(at("2026-11-30T06:00:00Z"));
  EXPECT_EQ(bar_.hides, 1);
  EXPECT_FALSE(daemon_->crawling());
  EXPECT_TRUE(daemon_->intake().notices().empty());
  EXPECT_EQ(store_.size(), 0u);
  EXPECT_FALSE(daemon_->nextUpdateMs());
}

// ------------------------------------------------------------ viewer

TEST_F(DaemonTest, DismissHidesAMaintenanceCrawlUntilItsNextSlot) {
  bootWith(maintenanceNotice(), 1001, kT0);
  ASSERT_TRUE(daemon_->crawling());
  EXPECT_TRUE(daemon_->dismiss());
  EXPECT_EQ(bar_.hides, 1);
  EXPECT_FALSE(daemon_->crawling());
  EXPECT_TRUE(log_.has(LogLevel::kInfo, {"notice:1001", "dismissed"}));
  EXPECT_FALSE(daemon_->dismiss());  // nothing runs now

  tdt(kT0 + 60);
  EXPECT_EQ(bar_.shows.size(), 1u);
  EXPECT_EQ(daemon_->nextUpdateMs(), (kT0 + 60 + 3540) * 1000);  // an hour after the dismissal
  tdt(kT0 + 3600);
  EXPECT_EQ(bar_.shows.size(), 2u);
}

TEST_F(DaemonTest, AnEmergencyCannotBeDismissed) {
  bootWith(emergencyNotice(), 2001, kT0);
  ASSERT_EQ(bar_.shows.size(), 1u);
  EXPECT_EQ(bar_.last().style, Style::kEmergency);
  EXPECT_FALSE(daemon_->dismiss());
  EXPECT_EQ(bar_.hides, 0);
  EXPECT_TRUE(bar_.visible);
  EXPECT_TRUE(daemon_->crawling());
  EXPECT_TRUE(daemon_->currentCrawl()->emergency);
  tdt(kT0 + 5);
  EXPECT_EQ(bar_.hides, 0);
  EXPECT_EQ(bar_.shows.size(), 1u);
}

TEST_F(DaemonTest, TheMenuHidesACrawlAndClosingItBringsItBack) {
  bootWith(maintenanceNotice(), 1001, kT0);
  ASSERT_EQ(bar_.shows.size(), 1u);
  daemon_->setMenuOpen(true);
  EXPECT_EQ(bar_.hides, 1);
  EXPECT_FALSE(daemon_->crawling());
  tdt(kT0 + 60);
  tdt(kT0 + 7200);
  EXPECT_EQ(bar_.shows.size(), 1u);  // nothing but an emergency while the menu is open

  daemon_->setMenuOpen(false);  // cut short, not a pass: due at once
  ASSERT_EQ(bar_.shows.size(), 2u) << log_.dump();
  EXPECT_EQ(daemon_->currentCrawl()->key, "notice:1001");
  EXPECT_EQ(bar_.shows[1].start_ms, (kT0 + 7200) * 1000);
  EXPECT_EQ(daemon_->stats().passes, 0u);
}

TEST_F(DaemonTest, TheMenuLeavesAnEmergencyOnTheBar) {
  bootWith(maintenanceNotice(), 1001, kT0);
  daemon_->setMenuOpen(true);
  ASSERT_EQ(bar_.hides, 1);
  notice(emergencyNotice(), 2001, 1);
  ASSERT_EQ(bar_.shows.size(), 2u) << log_.dump();
  EXPECT_EQ(bar_.last().style, Style::kEmergency);
  daemon_->setMenuOpen(false);
  EXPECT_EQ(bar_.hides, 1);
  EXPECT_EQ(daemon_->currentCrawl()->key, "notice:2001");
}

// ------------------------------------------------------------ what arrives

TEST_F(DaemonTest, AnEmergencyPreemptsARunningMaintenanceCrawlAtOnce) {
  bootWith(maintenanceNotice(), 1001, kT0);
  ASSERT_EQ(bar_.shows.size(), 1u);
  tdt(kT0 + 5);
  notice(emergencyNotice(), 2001, 1);
  ASSERT_EQ(bar_.shows.size(), 2u) << log_.dump();
  EXPECT_EQ(bar_.last().style, Style::kEmergency);
  EXPECT_EQ(bar_.last().text.rfind("Alerta: Tormenta fuerte", 0), 0u) << bar_.last().text;
  EXPECT_EQ(bar_.shows[1].start_ms, (kT0 + 5) * 1000);
  EXPECT_EQ(daemon_->currentCrawl()->key, "notice:2001");
  EXPECT_TRUE(daemon_->currentCrawl()->emergency);
  EXPECT_EQ(daemon_->stats().crawls_shown, 2u);
  EXPECT_EQ(daemon_->stats().passes, 0u);
}

TEST_F(DaemonTest, ACancelRevisionRemovesTheRunningCrawl) {
  bootWith(maintenanceNotice(), 1001, kT0);
  ASSERT_TRUE(daemon_->crawling());
  notice(cancellationOf(maintenanceNotice()), 1001, 2);
  EXPECT_EQ(bar_.hides, 1) << log_.dump();
  EXPECT_FALSE(daemon_->crawling());
  EXPECT_TRUE(daemon_->intake().notices().empty());
  EXPECT_EQ(daemon_->stats().notice_tables, 2u);
  // A carousel repetition of revision 1 changes nothing.
  notice(maintenanceNotice(), 1001, 1);
  tdt(kT0 + 3 * 3600);
  tdt(kInProgress);
  EXPECT_EQ(bar_.shows.size(), 1u);
  EXPECT_FALSE(daemon_->nextUpdateMs());
}

TEST_F(DaemonTest, ARevisionWithNewTextReplacesTheRunningCrawl) {
  bootWith(maintenanceNotice(), 1001, kT0);
  Notice later = maintenanceNotice();
  later.texts[1].body = text("Nuevo horario de mantenimiento.", dvb::text::Charset::Iso6937);
  notice(later, 1001, 2);
  ASSERT_EQ(bar_.shows.size(), 2u) << log_.dump();
  EXPECT_NE(bar_.last().text.find("Nuevo horario"), std::string::npos) << bar_.last().text;
  EXPECT_TRUE(daemon_->crawling());
}

// ------------------------------------------------------------ storage

TEST_F(DaemonTest, AfterARestartTheStoredNoticeShowsWithoutAnySection) {
  bootWith(maintenanceNotice(), 1001, kT0);
  ASSERT_EQ(bar_.shows.size(), 1u);
  ASSERT_EQ(store_.size(), 1u);
  const uint64_t writes = store_.writes();

  FakeBar bar2;
  RecordingLog log2;
  ReplayClock replay2;
  Daemon second(replay2, ring_, store_, bar2, log2, options_, &replay2);
  second.start(0, false);
  EXPECT_EQ(second.intake().notices().size(), 1u) << log2.dump();
  EXPECT_TRUE(log2.has(LogLevel::kInfo, {"holding 1 notice(s) from storage"})) << log2.dump();
  EXPECT_TRUE(bar2.shows.empty());

  DaemonStream stream2;
  Packets packets = stream2.psi();  // the service on screen, no notice section
  const Packets time = stream2.tdt(kT0 + 600);
  packets.insert(packets.end(), time.begin(), time.end());
  for (size_t i = 0; i < packets.size(); i += dvb::kTsPacketSize)
    second.pushPacket(packets.data() + i);
  ASSERT_EQ(bar2.shows.size(), 1u) << log2.dump();
  EXPECT_EQ(bar2.last().style, Style::kMaintenance);
  EXPECT_EQ(second.currentCrawl()->key, "notice:1001");
  EXPECT_EQ(second.stats().notice_tables, 0u);
  EXPECT_EQ(store_.writes(), writes);
}

TEST_F(DaemonTest, AFailingStoreStillShowsTheNoticeAndLogsAnError) {
  store_.failWith("database or disk is full");
  bootWith(maintenanceNotice(), 1001, kT0);
  ASSERT_EQ(bar_.shows.size(), 1u) << log_.dump();
  EXPECT_EQ(daemon_->currentCrawl()->key, "notice:1001");
  EXPECT_EQ(store_.size(), 0u);
  EXPECT_EQ(daemon_->intake().unsavedChanges(), 1u);
  EXPECT_GE(log_.count(LogLevel::kError), 1u);
  EXPECT_TRUE(log_.has(LogLevel::kError, {"database or disk is full"})) << log_.dump();
}

TEST_F(DaemonTest, ABarThatCannotShowIsAnErrorAndRetried) {
  bar_.fail = true;
  bootWith(maintenanceNotice(), 1001, kT0);
  EXPECT_FALSE(daemon_->crawling());
  EXPECT_EQ(daemon_->stats().bar_errors, 1u);
  EXPECT_TRUE(log_.has(LogLevel::kError, {"subtitle bar", "no video layer"})) << log_.dump();
  bar_.fail = false;
  tdt(kT0 + 1);
  ASSERT_EQ(bar_.shows.size(), 1u);
  EXPECT_TRUE(daemon_->crawling());
}

// ------------------------------------------------------------ damaged input

TEST_F(DaemonTest, CorruptNoticeSectionsAreCountedAndIgnored) {
  boot();
  psi();
  tdt(kT0);
  const uint16_t pid = stream_.noticePid();

  // A section with one byte changed and the CRC left as it was.
  std::vector<dvb::Section> sections = sectionsOf(sign(maintenanceNotice(), 1001, 1, key_));
  ASSERT_FALSE(sections.empty());
  std::vector<uint8_t> bytes = sections[0].bytes();
  bytes[bytes.size() / 2] ^= 0x5A;
  std::string error;
  const auto damaged = dvb::Section::fromBytes(bytes, &error);
  ASSERT_TRUE(damaged) << error;
  push(stream_.noticeSections({*damaged}));
  EXPECT_GE(daemon_->demux().sectionErrors(pid).crc_errors, 1u);

  // Garbage on the notice PID: a packet whose adaptation field overruns it,
  // then packets that start sections of junk.
  Packets junk(dvb::kTsPacketSize * 4);
  for (size_t i = 0; i < junk.size(); ++i) junk[i] = static_cast<uint8_t>(i * 37 + 11);
  junk[0] = 0x47;
  junk[1] = static_cast<uint8_t>(pid >> 8);
  junk[2] = static_cast<uint8_t>(pid);
  junk[3] = 0x30;  // adaptation field and payload
  junk[4] = 0xF0;  // adaptation_field_length past the end of the packet
  for (size_t p = 1; p < 4; ++p) {
    uint8_t* packet = junk.data() + p * dvb::kTsPacketSize;
    packet[0] = 0x47;
    packet[1] = static_cast<uint8_t>(0x40 | (pid >> 8));  // payload_unit_start
    packet[2] = static_cast<uint8_t>(pid);
    packet[3] = static_cast<uint8_t>(0x10 | p);
    packet[4] = 0;     // pointer_field
    packet[5] = 0xC0;  // a notice table_id, then junk
  }
  const uint64_t malformed = daemon_->demux().malformedPackets();
  push(junk);
  EXPECT_EQ(daemon_->demux().malformedPackets(), malformed + 1);
  const dvb::SectionErrors errors = daemon_->demux().sectionErrors(pid);
  EXPECT_GE(errors.crc_errors + errors.malformed, 2u);

  EXPECT_EQ(daemon_->stats().notice_tables, 0u);
  EXPECT_TRUE(daemon_->intake().notices().empty());
  EXPECT_TRUE(bar_.shows.empty());
  EXPECT_FALSE(daemon_->crawling());

  // The stream recovers: the genuine object still gets through.
  notice(maintenanceNotice(), 1001, 1);
  EXPECT_EQ(daemon_->stats().notice_tables, 1u) << log_.dump();
  ASSERT_EQ(bar_.shows.size(), 1u);
}

TEST_F(DaemonTest, AForgedObjectIsRefusedAndNeverShown) {
  boot();
  psi();
  tdt(kT0);
  push(stream_.object(sign(maintenanceNotice(), 1001, 1, newKey())));
  EXPECT_EQ(daemon_->stats().notice_tables, 1u);
  EXPECT_TRUE(daemon_->intake().notices().empty());
  EXPECT_TRUE(bar_.shows.empty());
  EXPECT_TRUE(log_.has(LogLevel::kWarning, {"notice 1001", "unknown_key"})) << log_.dump();
}

// ------------------------------------------------------------ the notice PID

// The demux gathers the notice tables: intake sees each version once,
// however often the carousel repeats it.
TEST_F(DaemonTest, EachNoticeTableReachesIntakeOncePerVersion) {
  boot();
  psi();
  tdt(kT0);
  for (int i = 0; i < 3; ++i) notice(maintenanceNotice(), 1001, 1);
  EXPECT_EQ(daemon_->stats().notice_tables, 1u);
  notice(maintenanceNotice(), 1001, 2);
  notice(maintenanceNotice(), 1001, 2);
  EXPECT_EQ(daemon_->stats().notice_tables, 2u);
  EXPECT_EQ(daemon_->intake().notices().at(1001).revision, 2u);
}

// Intake's wantsTable() is the demux's filter: once the bucket count is
// known, other boxes' fee buckets are not even gathered.
TEST_F(DaemonTest, OnlyTheFeeBucketsIntakeWantsAreGathered) {
  constexpr uint16_t kBuckets = 8;
  const std::string me = options_.box.smartcard_id;
  const uint16_t mine = dvb::notice::feeBucketOf(me, kBuckets);
  std::vector<uint16_t> others;
  for (uint16_t b = 1; others.size() < 2; ++b)
    if (b != mine) others.push_back(b);
  // A batch listing someone in BUCKET (the box itself in its own).
  const auto batch = [&](uint16_t bucket) {
    std::string subscriber = me;
    for (int i = 0; dvb::notice::feeBucketOf(subscriber, kBuckets) != bucket; ++i)
      subscriber = "86100" + std::to_string(20000000 + i);
    dvb::notice::FeeBatch b;
    b.bucket_count = kBuckets;
    b.bucket = bucket;
    dvb::notice::FeeRecord r;
    r.subscriber_id = subscriber;
    r.paid_until = at("2026-12-05T00:00:00Z");
    r.amount_due = 2600;
    r.currency = "CNY";
    r.package = text("Basic");
    b.records = {r};
    return sign(b, bucket, 1, key_);
  };
  boot();
  psi();
  tdt(kT0);
  push(stream_.object(batch(others[0])));  // teaches the bucket count
  EXPECT_EQ(daemon_->stats().notice_tables, 1u);
  push(stream_.object(batch(others[1])));
  EXPECT_EQ(daemon_->stats().notice_tables, 1u);
  push(stream_.object(batch(mine)));
  EXPECT_EQ(daemon_->stats().notice_tables, 2u);
  ASSERT_TRUE(daemon_->intake().feeRecord()) << log_.dump();
  EXPECT_EQ(daemon_->intake().feeRecord()->amount_due, 2600u);
}

TEST_F(DaemonTest, AShortSectionOnANoticeTableIsSaidAndDropped) {
  boot();
  psi();
  tdt(kT0);
  push(stream_.noticeSections({dvb::Section::makeShort(0xC0, Packets(40, 0x55), false)}));
  EXPECT_EQ(daemon_->stats().notice_tables, 0u);
  EXPECT_TRUE(log_.has(LogLevel::kWarning, {"PID 0x0101", "table 192", "short-syntax"}))
      << log_.dump();
  notice(maintenanceNotice(), 1001, 1);  // the next genuine table still gets through
  EXPECT_EQ(daemon_->stats().notice_tables, 1u);
}

// A carousel whose key list comes after the notice it authorises, in every
// pass: each table version is gathered once, so the box must not need a
// second copy of the notice once the list has arrived.
TEST_F(DaemonTest, ANoticeBeforeItsKeyListShowsOnceTheListArrives) {
  const PrivateKey next = newKey();
  KeyList list;
  list.signing_keys.push_back({key_.id(), key_.publicKey().der()});
  list.signing_keys.push_back({next.id(), next.publicKey().der()});
  const Packets pass = [&] {
    Packets p = stream_.object(sign(maintenanceNotice(), 1001, 1, next));
    const Packets keys = stream_.object(sign(list, 0, 1, root_));
    p.insert(p.end(), keys.begin(), keys.end());
    return p;
  }();
  boot();
  psi();
  tdt(kT0);
  // The box tunes in just before the notice; the key list closes the pass.
  push(stream_.object(sign(maintenanceNotice(), 1001, 1, next)));
  EXPECT_TRUE(bar_.shows.empty());
  push(stream_.object(sign(list, 0, 1, root_)));
  ASSERT_EQ(bar_.shows.size(), 1u) << log_.dump();
  EXPECT_EQ(daemon_->currentCrawl()->key, "notice:1001");
  EXPECT_TRUE(log_.has(LogLevel::kWarning, {"notice 1001", "unknown_key"})) << log_.dump();
  // Later passes are repetitions: nothing new, nothing refused again.
  const size_t warnings = log_.count(LogLevel::kWarning);
  for (int i = 0; i < 3; ++i) {
    tdt(kT0 + 10 * (i + 1));
    push(pass);
  }
  EXPECT_EQ(log_.count(LogLevel::kWarning), warnings) << log_.dump();
  EXPECT_EQ(daemon_->intake().notices().size(), 1u);
  EXPECT_EQ(bar_.shows.size(), 1u);
}

// ------------------------------------------------------------ local time

Notice withEnglishText(Notice n) {
  n.texts.push_back({"eng", text("Maintenance"), text("Line maintenance tonight.")});
  return n;
}

TEST_F(DaemonTest, WithoutATotTheConfiguredOffsetNamesTheEnd) {
  options_.languages = {"eng"};
  options_.fallback_offset_minutes = 0;
  options_.schedule.viewing_hours = ViewingHours::wholeDay();  // 03:00 in UTC: the label alone
  bootWith(withEnglishText(maintenanceNotice()), 1001, kInProgress);
  ASSERT_EQ(bar_.shows.size(), 1u) << log_.dump();
  EXPECT_EQ(bar_.last().label, "Maintenance in progress · until 06:00");
  EXPECT_FALSE(daemon_->clock().localOffsetMinutes());
}

TEST_F(DaemonTest, ATotNamesTheLocalOffsetOfTheUntilLabel) {
  options_.languages = {"eng"};
  options_.fallback_offset_minutes = 0;
  boot();
  psi();
  notice(withEnglishText(maintenanceNotice()), 1001, 1);
  push(stream_.tot(kInProgress, 8 * 60));
  EXPECT_EQ(daemon_->stats().tots, 1u);
  EXPECT_EQ(daemon_->clock().localOffsetMinutes(), 480);
  ASSERT_EQ(bar_.shows.size(), 1u) << log_.dump();
  EXPECT_EQ(bar_.last().label, "Maintenance in progress · until 14:00");
  EXPECT_EQ(replay_->nowMs(), kInProgress * 1000);
}

TEST_F(DaemonTest, ATotForAnotherCountryLeavesTheFallback) {
  options_.languages = {"eng"};
  options_.fallback_offset_minutes = 480;
  boot();
  psi();
  notice(withEnglishText(maintenanceNotice()), 1001, 1);
  push(stream_.tot(kInProgress, -5 * 60, "USA"));
  ASSERT_EQ(bar_.shows.size(), 1u) << log_.dump();
  EXPECT_FALSE(daemon_->clock().localOffsetMinutes());
  EXPECT_EQ(bar_.last().label, "Maintenance in progress · until 14:00");
}

// ------------------------------------------------------------ nextUpdateMs

TEST_F(DaemonTest, NextUpdateIsUnknownWithoutTime) {
  boot();
  psi();
  EXPECT_FALSE(daemon_->nextUpdateMs());
  notice(maintenanceNotice(), 1001, 1);
  EXPECT_FALSE(daemon_->nextUpdateMs());
}

TEST_F(DaemonTest, NextUpdateIsTheWindowOpeningOfAHeldNotice) {
  const dvb::UtcSeconds early = at("2026-11-28T12:00:00Z");
  bootWith(maintenanceNotice(), 1001, early);
  EXPECT_TRUE(bar_.shows.empty());
  EXPECT_EQ(replay_->nowMs(), early * 1000);
  EXPECT_EQ(daemon_->nextUpdateMs(), kWindowOpens * 1000);
  tdt(kWindowOpens - 1);
  EXPECT_TRUE(bar_.shows.empty());
  EXPECT_EQ(daemon_->nextUpdateMs(), kWindowOpens * 1000);
  tdt(kWindowOpens);
  ASSERT_EQ(bar_.shows.size(), 1u);
  EXPECT_EQ(daemon_->currentCrawl()->key, "notice:1001");
}

TEST_F(DaemonTest, NextUpdateIsNothingWhenNothingIsHeld) {
  boot();
  tdt(kT0);
  EXPECT_TRUE(daemon_->clock().known());
  EXPECT_FALSE(daemon_->nextUpdateMs());
}

}  // namespace
}  // namespace stb
