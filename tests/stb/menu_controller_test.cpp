// The menu in the running box: when the box may ask its own question (the
// calm moment), the return visit asked once at such a moment, the service a
// fault report names, and the report's tuner and service diagnostics.
#include <gtest/gtest.h>

#include <memory>

#include "dvb/ts_packet.h"
#include "stb/daemon.h"
#include "stb/memory_state_store.h"
#include "stb/menu/calm_moment.h"
#include "stb/menu/menu_controller.h"
#include "stb/menu/report_body.h"
#include "stb/menu/service_on_screen.h"
#include "tests/dvb/notice/notice_test_util.h"
#include "tests/stb/daemon_stream.h"
#include "tests/stb/stb_test_util.h"

namespace stb::menu {
namespace {

using dvb::notice::KeyRing;
using dvb::notice::Notice;
using dvb::notice::NoticeKind;
using dvb::notice::PrivateKey;
using dvb::notice::testing_util::newKey;
using dvb::notice::testing_util::sign;
using dvb::notice::testing_util::text;
using testing_stream::DaemonStream;
using testing_stream::Packets;
using testing_util::RecordingLog;

// ------------------------------------------------------------ calm moment

TEST(CalmMomentTest, QuietClosedAndNothingOnTheBar) {
  CalmFacts f;
  f.quiet_since_ms = 1000;
  EXPECT_FALSE(isCalmMoment(f, 1000 + kCalmQuietMs - 1));
  EXPECT_TRUE(isCalmMoment(f, 1000 + kCalmQuietMs));
  EXPECT_TRUE(isCalmMoment(f, 1000 + 10 * kCalmQuietMs));
}

TEST(CalmMomentTest, NeverOverTheMenuOrACrawl) {
  CalmFacts f;
  const int64_t now = 100'000;
  f.menu_open = true;
  EXPECT_FALSE(isCalmMoment(f, now));
  f.menu_open = false;
  f.crawl_on_screen = true;
  EXPECT_FALSE(isCalmMoment(f, now));
  f.crawl_on_screen = false;
  EXPECT_TRUE(isCalmMoment(f, now));
}

TEST(CalmMomentTest, NotWhenACrawlIsDueWithinAMinute) {
  CalmFacts f;
  const int64_t now = 100'000;
  for (int64_t ahead : {int64_t{0}, int64_t{1}, kCalmCrawlAheadMs - 1}) {
    f.next_crawl_ms = now + ahead;
    EXPECT_FALSE(isCalmMoment(f, now)) << ahead;
  }
  f.next_crawl_ms = now - 5;  // overdue: about to start
  EXPECT_FALSE(isCalmMoment(f, now));
  f.next_crawl_ms = now + kCalmCrawlAheadMs;
  EXPECT_TRUE(isCalmMoment(f, now));
}

// ------------------------------------------------------------ service

dvb::Pat patWith(uint16_t tsid, const std::vector<uint16_t>& programs) {
  dvb::Pat pat;
  pat.transport_stream_id = tsid;
  pat.programs.push_back({0, 0x0010});  // the network PID entry: not a service
  for (uint16_t p : programs) pat.programs.push_back({p, static_cast<uint16_t>(0x1000 + p)});
  return pat;
}

dvb::Sdt::Service named(uint16_t sid, const std::string& name, dvb::text::Charset charset) {
  dvb::ServiceDescriptor sd;
  sd.service_type = 0x01;
  sd.service_name = text(name, charset);
  sd.provider_name = text("JXCATV", dvb::text::Charset::Iso6937);
  dvb::Sdt::Service s;
  s.service_id = sid;
  s.descriptors.push_back(*sd.encode());
  return s;
}

dvb::Sdt sdtWith(uint16_t tsid, uint16_t onid, std::vector<dvb::Sdt::Service> services) {
  dvb::Sdt sdt;
  sdt.transport_stream_id = tsid;
  sdt.original_network_id = onid;
  sdt.services = std::move(services);
  return sdt;
}

TEST(ServiceOnScreenTest, FirstProgramOfThePatNamedByTheSdt) {
  const auto s = serviceOnScreen(patWith(12, {149, 150}),
                                 sdtWith(12, 0x3601,
                                         {named(150, "Other", dvb::text::Charset::Iso6937),
                                          named(149, "江西卫视", dvb::text::Charset::Gb2312)}));
  EXPECT_EQ(s.onid, 0x3601);
  EXPECT_EQ(s.tsid, 12);
  EXPECT_EQ(s.sid, 149);
  EXPECT_EQ(s.name, "江西卫视");
}

TEST(ServiceOnScreenTest, WhatIsKnownWithoutTheOtherTable) {
  auto s = serviceOnScreen(patWith(12, {149}), std::nullopt);
  EXPECT_EQ(s.tsid, 12);
  EXPECT_EQ(s.sid, 149);
  EXPECT_EQ(s.onid, 0);
  EXPECT_EQ(s.name, "");

  s = serviceOnScreen(std::nullopt, sdtWith(7, 9, {named(3, "Tres", dvb::text::Charset::Iso6937)}));
  EXPECT_EQ(s.tsid, 7);
  EXPECT_EQ(s.onid, 9);
  EXPECT_EQ(s.sid, 3);
  EXPECT_EQ(s.name, "Tres");

  s = serviceOnScreen(std::nullopt, std::nullopt);
  EXPECT_EQ(s.sid, 0);
  EXPECT_EQ(s.name, "");
}

TEST(ServiceOnScreenTest, AnSdtOfAnotherMultiplexNamesNothing) {
  // Left from before a retune: another transport_stream_id.
  auto s = serviceOnScreen(patWith(12, {149}),
                           sdtWith(13, 9, {named(149, "Wrong", dvb::text::Charset::Iso6937)}));
  EXPECT_EQ(s.tsid, 12);
  EXPECT_EQ(s.sid, 149);
  EXPECT_EQ(s.onid, 0);
  EXPECT_EQ(s.name, "");
  // Or a table about another multiplex (0x46).
  dvb::Sdt other = sdtWith(12, 9, {named(149, "Other TS", dvb::text::Charset::Iso6937)});
  other.actual = false;
  s = serviceOnScreen(patWith(12, {149}), other);
  EXPECT_EQ(s.name, "");
  // A service the SDT does not describe keeps its number, without a name.
  s = serviceOnScreen(patWith(12, {151}),
                      sdtWith(12, 9, {named(149, "Not this", dvb::text::Charset::Iso6937)}));
  EXPECT_EQ(s.sid, 151);
  EXPECT_EQ(s.onid, 9);
  EXPECT_EQ(s.name, "");
}

// ------------------------------------------------------------ report body

TEST(ReportBodyTest, ServiceAndTunerFigures) {
  ReportRequest r;
  r.category = Category::kNoPicture;
  dvb::notice::BoxIdentity box{"360102", 17, "STB-1", "8610012345678"};
  Diagnostics d;
  d.service = {0x3601, 12, 149, "江西卫视 \"HD\""};
  d.tuner.source = "/dev/dvb/adapter0/frontend0";
  d.tuner.locked = true;
  d.tuner.signal_percent = 71;  // a relative reading only: no dBm
  d.tuner.snr_db = 31.5;
  const std::string body = reportBodyJson(r, box, 0, d);
  EXPECT_NE(body.find(R"("service":{"onid":13825,"tsid":12,"sid":149,"name":"江西卫视 \"HD\""})"),
            std::string::npos)
      << body;
  EXPECT_NE(body.find(R"("tuner":{"source":"/dev/dvb/adapter0/frontend0","locked":true,)"
                      R"("signal_dbm":null,"signal_percent":71,"snr_db":31.5,"ber_pre_fec":null,)"
                      R"("ber_post_fec":null})"),
            std::string::npos)
      << body;

  d.tuner = TunerFigures{};
  d.tuner.source = "frontend0";
  d.tuner.error = "FE_READ_STATUS: Input/output error";
  const std::string unreadable = reportBodyJson(r, box, 0, d);
  EXPECT_NE(unreadable.find(
                R"("tuner":{"source":"frontend0","error":"FE_READ_STATUS: Input/output error"})"),
            std::string::npos)
      << unreadable;
}

// ------------------------------------------------------------ fakes

// What the box knows, set by the test.
struct FakeBox : BoxStatus {
  std::optional<dvb::UtcSeconds> utcNow() const override { return utc; }
  int localOffsetMinutes() const override { return offset_minutes; }
  const std::map<uint32_t, HeldNotice>& heldNotices() const override { return notices; }
  const std::optional<dvb::notice::Directory>& directory() const override { return dir; }
  const dvb::notice::BoxIdentity& boxIdentity() const override { return box; }
  const std::optional<dvb::Pat>& pat() const override { return pat_table; }
  const std::optional<dvb::Sdt>& sdt() const override { return sdt_table; }
  StreamHealthFigures streamHealth() const override { return {}; }

  std::optional<dvb::UtcSeconds> utc;
  int offset_minutes = 480;
  std::map<uint32_t, HeldNotice> notices;
  std::optional<dvb::notice::Directory> dir;
  dvb::notice::BoxIdentity box{"360102", 17, "STB-1", "8610012345678"};
  std::optional<dvb::Pat> pat_table;
  std::optional<dvb::Sdt> sdt_table;
};

// The subtitle bar under the menu: records what the menu hands down.
struct FakeBarUnderMenu : BarUnderMenu {
  void onKey(RemoteKey key) override { keys.push_back(key); }
  void setMenuOpen(bool open) override { menu_open = open; }
  bool crawling() const override { return crawl; }
  std::optional<int64_t> nextUpdateMs() const override { return next_ms; }

  std::vector<RemoteKey> keys;
  bool menu_open = false;
  bool crawl = false;
  std::optional<int64_t> next_ms;
};

struct FakePanel : MenuOutput {
  bool show(const stb::MenuView& view, std::string*) override {
    shown = view;
    visible = true;
    return true;
  }
  void hide() override { visible = false; }
  stb::MenuView shown;
  bool visible = false;
};

const dvb::UtcSeconds kT0 = *dvb::parseIso8601("2026-12-01T10:00:00Z");

HeldNotice outage(uint32_t id, dvb::UtcSeconds start, dvb::UtcSeconds end) {
  HeldNotice h;
  h.object_id = id;
  h.notice.kind = NoticeKind::kUnplannedOutage;
  h.notice.start = start;
  h.notice.end = end;
  return h;
}

// ------------------------------------------------------------ known outage

TEST(KnownOutageTest, TheLatestEndOfARunningOutageInLocalTime) {
  FakeBox box;
  box.notices[1] = outage(1, kT0 - 3600, kT0 + 2 * 3600);  // 20:00 local (+08:00)
  box.notices[2] = outage(2, kT0 - 60, kT0 + 12 * 3600);   // 06:00 the next day
  box.notices[3] = outage(3, kT0 + 60, kT0 + 24 * 3600);   // not begun yet
  box.notices[4] = outage(4, kT0 - 7200, kT0);             // over
  HeldNotice maintenance = outage(5, kT0 - 60, kT0 + 20 * 3600);
  maintenance.notice.kind = NoticeKind::kPlannedMaintenance;
  box.notices[5] = maintenance;
  EXPECT_EQ(knownOutage(box), std::nullopt);  // the time is not known yet
  box.utc = kT0;
  ASSERT_TRUE(knownOutage(box));
  EXPECT_EQ(knownOutage(box)->until_text, "06:00");
  box.offset_minutes = -300;  // the TOT's offset
  EXPECT_EQ(knownOutage(box)->until_text, "17:00");
  box.notices.erase(2);
  box.offset_minutes = 480;
  EXPECT_EQ(knownOutage(box)->until_text, "20:00");
  box.notices.erase(1);
  EXPECT_EQ(knownOutage(box), std::nullopt);
}

// ------------------------------------------------------------ the menu on the box

// A menu controller on a fake box and bar; the test moves time.
class ControllerTest : public ::testing::Test {
 protected:
  ControllerTest() {
    MenuConfig config;
    config.languages = {"eng"};
    menu_ = std::make_unique<MenuController>(box_, bar_, panel_, log_, config);
    menu_->setReturnVisitHandler([this](const ReturnVisitAnswer& a) { answers_.push_back(a); });
  }

  // T0 + SECONDS on the stream, the same on the monotonic clock; the loop
  // turns.
  void at(double seconds) {
    now_ms_ = static_cast<int64_t>(seconds * 1000);
    box_.utc = kT0 + static_cast<dvb::UtcSeconds>(seconds);
    menu_->tick(now_ms_);
  }
  void press(RemoteKey key) { menu_->onKey(key, now_ms_); }
  bool asking() const { return menu_->menu().page() == Menu::Page::kReturnFixed && panel_.visible; }

  FakeBox box_;
  FakeBarUnderMenu bar_;
  FakePanel panel_;
  RecordingLog log_;
  int64_t now_ms_ = 0;
  std::unique_ptr<MenuController> menu_;
  std::vector<ReturnVisitAnswer> answers_;
};

TEST_F(ControllerTest, KeysTheMenuDoesNotTakeGoDownToTheBar) {
  at(0);
  press(RemoteKey::kBack);  // dismisses a crawl
  press(RemoteKey::kInfo);
  EXPECT_EQ(bar_.keys, (std::vector<RemoteKey>{RemoteKey::kBack, RemoteKey::kInfo}));
  EXPECT_FALSE(bar_.menu_open);
  press(RemoteKey::kMenu);
  ASSERT_TRUE(menu_->isOpen());
  EXPECT_TRUE(bar_.menu_open);  // only emergencies on the bar now
  press(RemoteKey::kBack);      // the menu's own
  EXPECT_EQ(bar_.keys.size(), 2u);
  EXPECT_FALSE(menu_->isOpen());
  EXPECT_FALSE(bar_.menu_open);
}

TEST_F(ControllerTest, TheReportPagesKnowTheOutageTheBoxHolds) {
  box_.notices[1] = outage(1, kT0 - 60, kT0 + 12 * 3600);
  at(0);
  press(RemoteKey::kMenu);
  press(RemoteKey::kOk);  // Report a fault
  EXPECT_EQ(menu_->menu().page(), Menu::Page::kOutage);
  std::string body;
  for (const std::string& line : panel_.shown.body) body += line + "\n";
  EXPECT_NE(body.find("06:00"), std::string::npos) << body;
}

TEST_F(ControllerTest, AskedOnceAfterAQuietPeriodAndTheAnswerGoesToTheHost) {
  menu_->setReturnVisitsDue({"T20261201-000001"});
  at(0);  // the box's start: the quiet period counts from here
  EXPECT_FALSE(menu_->isOpen());
  at(9);
  EXPECT_FALSE(menu_->isOpen());
  at(10);
  ASSERT_TRUE(asking()) << log_.dump();
  EXPECT_NE(panel_.shown.title.find("T20261201-000001"), std::string::npos) << panel_.shown.title;
  EXPECT_TRUE(log_.has(LogLevel::kInfo, {"asking the viewer about ticket T20261201-000001"}));
  EXPECT_TRUE(bar_.menu_open);

  press(RemoteKey::kOk);  // "Yes, fixed"
  EXPECT_EQ(menu_->menu().page(), Menu::Page::kReturnScore);
  press(digitKey(4));
  ASSERT_EQ(answers_.size(), 1u);
  EXPECT_EQ(answers_[0].ticket, "T20261201-000001");
  EXPECT_TRUE(answers_[0].fixed);
  EXPECT_EQ(answers_[0].score, 4);
  press(RemoteKey::kOk);  // thanks
  EXPECT_FALSE(menu_->isOpen());
  EXPECT_FALSE(panel_.visible);
  EXPECT_FALSE(bar_.menu_open);

  // The host has not caught up yet and still names the ticket: not again.
  at(30);
  at(60);
  EXPECT_FALSE(menu_->isOpen());
  EXPECT_EQ(answers_.size(), 1u);
}

TEST_F(ControllerTest, AQuestionClosedUnansweredIsNotAskedAgainInThisRun) {
  menu_->setReturnVisitsDue({"T1", "T2"});
  at(0);
  at(10);
  ASSERT_TRUE(asking());
  EXPECT_NE(panel_.shown.title.find("T1"), std::string::npos);
  press(RemoteKey::kExit);
  EXPECT_FALSE(menu_->isOpen());
  // The key restarted the quiet period; then the next ticket, never T1.
  at(19);
  EXPECT_FALSE(menu_->isOpen());
  at(21);
  ASSERT_TRUE(asking());
  EXPECT_NE(panel_.shown.title.find("T2"), std::string::npos) << panel_.shown.title;
  press(RemoteKey::kExit);
  at(60);
  at(120);
  EXPECT_FALSE(menu_->isOpen());
  EXPECT_TRUE(answers_.empty());
}

TEST_F(ControllerTest, ARemoteKeyRestartsTheQuietPeriod) {
  menu_->setReturnVisitsDue({"T1"});
  at(0);
  at(8);
  press(RemoteKey::kInfo);  // the viewer is busy with the TV
  at(12);
  at(17);
  EXPECT_FALSE(menu_->isOpen());
  at(18);
  EXPECT_TRUE(asking());
}

TEST_F(ControllerTest, NeverWhileTheMenuIsOpen) {
  menu_->setReturnVisitsDue({"T1"});
  at(0);
  press(RemoteKey::kMenu);
  ASSERT_EQ(menu_->menu().page(), Menu::Page::kMain);
  at(20);
  at(40);
  EXPECT_EQ(menu_->menu().page(), Menu::Page::kMain);
  EXPECT_FALSE(menu_->calmAt(now_ms_));
}

TEST_F(ControllerTest, NeverOverACrawlNorJustBeforeOne) {
  menu_->setReturnVisitsDue({"T1"});
  at(0);
  bar_.crawl = true;
  at(20);
  EXPECT_FALSE(menu_->isOpen());
  bar_.crawl = false;
  bar_.next_ms = 80'000;  // a crawl due within a minute
  at(30);
  EXPECT_FALSE(menu_->isOpen());
  bar_.next_ms = 100'000;
  at(40);
  EXPECT_TRUE(asking());
}

TEST_F(ControllerTest, NothingIsAskedWithoutTheTime) {
  menu_->setReturnVisitsDue({"T1"});
  menu_->tick(0);
  menu_->tick(60'000);
  EXPECT_FALSE(menu_->isOpen());
}

// ------------------------------------------------------------ on the daemon

struct FakeBar : BarOutput {
  bool show(const stb::SubtitleBarView&, int64_t start_ms, std::string*) override {
    ++shows;
    start_ms_ = start_ms;
    return true;
  }
  void render(int64_t) override {}
  bool finishedPass(int64_t now_ms) const override { return now_ms >= start_ms_ + 30'000; }
  void hide() override {}
  int shows = 0;
  int64_t start_ms_ = 0;
};

// A daemon in fast replay (its monotonic clock is the stream's time) with a
// menu controller on top, the daemon as its box and bar; time moves with
// the TDTs the test pushes.
class ReturnVisitTest : public ::testing::Test {
 protected:
  ReturnVisitTest() : key_(newKey()), root_(newKey()) {
    ring_.addRoot(root_.publicKey());
    ring_.addSigning(key_.publicKey());
    DaemonOptions options;
    options.box = dvb::notice::BoxIdentity{"360102", 17, "STB-1", "8610012345678"};
    options.languages = {"eng"};
    daemon_ = std::make_unique<Daemon>(replay_, ring_, store_, bar_, log_, options, &replay_);
    daemon_->start(0, false);
    MenuConfig config;
    config.languages = {"eng"};
    menu_ = std::make_unique<MenuController>(*daemon_, *daemon_, panel_, log_, config);
    push(stream_.psi());
  }

  void push(const Packets& packets) {
    ASSERT_EQ(packets.size() % dvb::kTsPacketSize, 0u);
    for (size_t i = 0; i < packets.size(); i += dvb::kTsPacketSize)
      daemon_->pushPacket(packets.data() + i);
  }
  // The stream reaches T0 + SECONDS; the loop turns.
  void at(double seconds) {
    push(stream_.tdt(kT0 + static_cast<dvb::UtcSeconds>(seconds)));
    daemon_->update();
    menu_->tick(replay_.nowMs());
  }
  void notice(const Notice& n, uint32_t id) { push(stream_.object(sign(n, id, 1, key_))); }
  bool asking() const { return menu_->menu().page() == Menu::Page::kReturnFixed && panel_.visible; }

  PrivateKey key_, root_;
  KeyRing ring_;
  MemoryStateStore store_;
  RecordingLog log_;
  FakeBar bar_;
  FakePanel panel_;
  ReplayClock replay_;
  DaemonStream stream_;
  std::unique_ptr<Daemon> daemon_;
  std::unique_ptr<MenuController> menu_;
};

TEST_F(ReturnVisitTest, NeverOverACrawlNorWhenOneIsDueWithinAMinute) {
  // An emergency for the box from T0 + 30 s to T0 + 70 s, then a
  // maintenance window whose crawls begin at T0 + 100 s.
  Notice emergency;
  emergency.kind = NoticeKind::kEmergency;
  emergency.start = kT0 + 30;
  emergency.end = kT0 + 70;
  emergency.lead_minutes = 0;
  emergency.targeting.areas = {{"36"}};
  emergency.texts.push_back({"eng", text("Storm", dvb::text::Charset::Iso6937),
                             text("Stay at home.", dvb::text::Charset::Iso6937)});
  notice(emergency, 1);
  Notice maintenance = emergency;
  maintenance.kind = NoticeKind::kPlannedMaintenance;
  maintenance.start = kT0 + 100 + 24 * 3600;
  maintenance.end = maintenance.start + 3600;
  maintenance.lead_minutes = 24 * 60;
  notice(maintenance, 2);
  ASSERT_EQ(daemon_->intake().notices().size(), 2u) << log_.dump();
  menu_->setReturnVisitsDue({"T1"});
  at(0);
  at(12);  // quiet long enough, but the emergency is 18 s away
  EXPECT_FALSE(daemon_->crawling());
  EXPECT_FALSE(menu_->isOpen());
  at(40);
  ASSERT_TRUE(daemon_->crawling()) << log_.dump();
  EXPECT_FALSE(menu_->isOpen());
  at(71);  // the emergency has ended; the maintenance crawl is 29 s away
  EXPECT_FALSE(daemon_->crawling());
  EXPECT_FALSE(menu_->isOpen());
  at(100);
  ASSERT_TRUE(daemon_->crawling());
  EXPECT_FALSE(menu_->isOpen());
  at(131);  // its pass is over; the next one is an hour away
  EXPECT_FALSE(daemon_->crawling());
  EXPECT_TRUE(asking()) << log_.dump();
}

}  // namespace
}  // namespace stb::menu
