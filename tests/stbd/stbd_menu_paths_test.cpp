// Two menu paths of the fault service, end to end: stbd on a short stream
// played in real time from now (the central system refuses reports dated
// in its future), a key script, stb-central over mutual TLS on 127.0.0.1.
//
// Known outage: with a signed unplanned outage running for the box's area,
// "Report a fault" first says so and asks whether to report anyway; BACK
// files nothing, "report anyway" files one report.
//
// Return visit: a report filed, the ticket resolved at the central system;
// the next run polls it, asks "Was the problem fixed?" at a calm moment and
// posts the answer; the run after that does not ask again.
#include <gtest/gtest.h>

#include <ctime>
#include <filesystem>
#include <fstream>

#include "dvb/descriptors/service_descriptor.h"
#include "dvb/mjd_time.h"
#include "dvb/section_packetizer.h"
#include "dvb/tables/sdt.h"
#include "overlay/layout.h"
#include "overlay/menu_panel.h"
#include "overlay/test_picture.h"
#include "tests/overlay/png_compare.h"
#include "tests/stbd/stbd_run.h"
#include "tests/support/command.h"
#include "tests/support/corpus.h"
#include "tests/support/files.h"

namespace {

using stbd_test::centralConfig;
using stbd_test::linesWith;
using stbd_test::Scenario;
using stbd_test::screenshot;
using stbd_test::startCentral;
using testing_support::binPath;
using testing_support::readTextFile;
using testing_support::runCommand;

// The service the stream carries, as its SDT names it.
constexpr uint16_t kOnid = 0x2301;
const char* const kServiceName = "江西卫视";

// An SDT (actual) naming stb-notice's program 1 of transport stream 1, as TS
// packets on PID 0x0011.
std::vector<uint8_t> sdtPackets() {
  dvb::ServiceDescriptor sd;
  sd.service_type = 0x01;
  std::string error;
  EXPECT_TRUE(
      dvb::DvbText::fromUtf8(kServiceName, dvb::text::Charset::Gb2312, &sd.service_name, &error))
      << error;
  EXPECT_TRUE(
      dvb::DvbText::fromUtf8("JXCATV", dvb::text::Charset::Iso6937, &sd.provider_name, &error))
      << error;
  dvb::Sdt sdt;
  sdt.transport_stream_id = 1;
  sdt.original_network_id = kOnid;
  dvb::Sdt::Service service;
  service.service_id = 1;
  service.running_status = 4;
  service.descriptors.push_back(*sd.encode());
  sdt.services.push_back(service);
  std::vector<uint8_t> out;
  dvb::SectionPacketizer(0x0011).packetize(sdt.encode(), &out);
  return out;
}

// SECONDS of stream from NOW carrying NOTICES_JSON, signed with the
// scenario's key, an SDT in front; written to live.ts.
void buildLiveStream(Scenario& s, dvb::UtcSeconds now, const std::string& notices_json,
                     int seconds) {
  std::ofstream(s.path("n.json"), std::ios::binary) << notices_json;
  const auto r =
      runCommand(binPath("stb-notice") + " build " + s.path("n.json") + " --key " +
                 s.path("keys/operator.key.pem") + " --out " + s.path("notices.ts") + " --from " +
                 dvb::formatIso8601(now) + " --duration " + std::to_string(seconds) + "s 2>&1");
  ASSERT_EQ(r.status, 0) << r.out;
  const std::vector<uint8_t> sdt = sdtPackets();
  std::ofstream live(s.path("live.ts"), std::ios::binary);
  live.write(reinterpret_cast<const char*>(sdt.data()), static_cast<std::streamsize>(sdt.size()));
  live << readTextFile(s.path("notices.ts"));
}

// A key script: each key at NOW + its second.
void writeKeys(Scenario& s, dvb::UtcSeconds now,
               const std::vector<std::pair<int, std::string>>& keys) {
  std::ofstream out(s.path("keys.txt"), std::ios::trunc);
  for (const auto& [second, key] : keys)
    out << dvb::formatIso8601(now + second) << " " << key << "\n";
}

// stbd on live.ts in real time with keys.txt, a screenshot every second of
// stream time into SHOTS/.
Scenario::Run runRealtime(Scenario& s, const std::string& config, const std::string& shots) {
  Scenario::Run run;
  run.snapshot_dir = s.path(shots);
  std::filesystem::create_directories(run.snapshot_dir);
  const auto r =
      runCommand(binPath("stbd") + " --config " + config + " --source " + s.path("live.ts") +
                 " --replay realtime --keys " + s.path("keys.txt") + " --snapshot-dir " +
                 run.snapshot_dir + " --snapshot-every 1s 2> " + s.path(shots + ".log"));
  run.status = r.status;
  run.log = readTextFile(s.path(shots + ".log"));
  return run;
}

std::string compact(dvb::UtcSeconds t) {
  std::string out;
  for (char c : dvb::formatIso8601(t))
    if (c != '-' && c != ':') out += c;
  return out;
}

// The latest screenshot in DIR taken at or after FROM and before UNTIL
// (stream time), by name; "" when there is none.
std::string lastShotIn(const std::string& dir, dvb::UtcSeconds from, dvb::UtcSeconds until) {
  std::string best;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().stem().string();
    if (name >= compact(from) && name < compact(until) && name > best) best = name;
  }
  return best;
}

// What the menu panel looks like in a screenshot: its title bar's colour and
// how much of the screen the overlay changed.
struct PanelFacts {
  bool shown = false;   // a panel-sized area differs from the test picture
  int top = -1;         // the panel's first row
  overlay::Rgba title;  // the title bar's colour at its left padding
};

PanelFacts panelFacts(const overlay::Image& shot) {
  const overlay::Image picture = overlay::makeTestPicture(shot.width, shot.height);
  const overlay::MenuMetrics m = overlay::menuMetrics(shot.width, shot.height);
  PanelFacts f;
  // Two pixels inside the panel's left edge: padding, never text.
  const int x = (shot.width - m.width) / 2 + 2;
  for (int y = 0; y < shot.height && f.top < 0; ++y)
    if (shot.at(x, y) != picture.at(x, y)) f.top = y;
  if (f.top < 0) return f;
  f.title = shot.at(x, f.top + m.title_bar / 2);
  size_t changed = 0;
  for (int y = f.top; y < shot.height; ++y)
    for (int xx = x; xx < x + m.width - 4; ++xx) changed += shot.at(xx, y) != picture.at(xx, y);
  f.shown = changed > static_cast<size_t>(m.width) * m.title_bar * 4;
  return f;
}

bool amber(overlay::Rgba c) {
  return c.r > 220 && c.g > 140 && c.g < 210 && c.b < 60;
}

// SHOT in DIR against tests/stbd/golden/NAME.png; with MASK_TITLE, the
// title bar (which names a ticket of the day) is replaced by the test
// picture first.
void expectGolden(const std::string& dir, const std::string& shot, const std::string& name,
                  bool mask_title = false) {
  std::string error;
  std::optional<overlay::Image> got = overlay_test::readPng(dir + "/" + shot + ".png", &error);
  ASSERT_TRUE(got) << error;
  if (mask_title) {
    const PanelFacts f = panelFacts(*got);
    ASSERT_GE(f.top, 0);
    const overlay::Image picture = overlay::makeTestPicture(got->width, got->height);
    const int bar = overlay::menuMetrics(got->width, got->height).title_bar;
    for (int y = f.top; y < f.top + bar && y < got->height; ++y)
      for (int x = 0; x < got->width; ++x) got->set(x, y, picture.at(x, y));
  }
  overlay_test::expectMatchesGolden(*got, STB_STBD_GOLDEN_DIR, name);
}

// The ticket numbers (T20261130-000001) the central system holds.
std::vector<std::string> ticketsOf(const testing_support::CentralServer& central) {
  std::vector<std::string> out;
  for (const testing_support::CentralTicket& t : central.tickets()) out.push_back(t.ticket);
  return out;
}

// ------------------------------------------------------------ known outage

// An unplanned outage for Nanchang (3601) from an hour ago until the next
// 22:00 UTC at least two hours away: 06:00 in Beijing, whatever the day.
std::string outageJson(dvb::UtcSeconds now) {
  dvb::UtcSeconds end = now - now % 86400 + 22 * 3600;
  while (end < now + 2 * 3600) end += 86400;
  return R"({"notices": [{"id": 3001, "revision": 1, "kind": "unplanned_outage",
      "start": ")" +
         dvb::formatIso8601(now - 3600) + R"(", "end": ")" + dvb::formatIso8601(end) +
         R"(", "targets": {"areas": ["3601"]}, "contact": "96123",
      "texts": [
        {"language": "zho", "charset": "gb2312", "title": "线路故障",
         "body": "南昌市区有线电视线路故障，正在抢修。"},
        {"language": "eng", "title": "Line fault", "body": "Cable line fault in Nanchang."}]}]})";
}

TEST(StbdMenuPaths, KnownOutageFirstBackFilesNothingReportAnywayFilesOne) {
  Scenario s("outage");
  const testing_support::TestPki pki;
  testing_support::CentralServer central;
  startCentral(central, pki, s);
  const std::string config = s.writeConfig("zho, eng", centralConfig(pki, central.url()));

  // Run 1: MENU, OK (Report a fault): the outage page; BACK; EXIT. The
  // keys are 3 s apart: with nothing crawling stbd turns every 2 s at
  // most, and a screenshot in between shows each page.
  dvb::UtcSeconds now = static_cast<dvb::UtcSeconds>(std::time(nullptr));
  buildLiveStream(s, now, outageJson(now), 9);
  writeKeys(s, now, {{1, "MENU"}, {2, "OK"}, {5, "BACK"}, {8, "EXIT"}});
  const Scenario::Run back = runRealtime(s, config, "back");
  ASSERT_EQ(back.status, 0) << back.log;
  EXPECT_FALSE(linesWith(back.log, "notice:3001").empty()) << back.log;  // held and shown
  EXPECT_TRUE(linesWith(back.log, "confirmed a fault report").empty()) << back.log;
  EXPECT_TRUE(linesWith(back.log, "stored in the outbox").empty()) << back.log;
  EXPECT_TRUE(central.tickets().empty()) << central.admin("tickets").out;

  // The outage page, in Chinese with the end time in local time, over the
  // picture with the bar hidden (only emergencies crawl over the menu).
  const std::string page = lastShotIn(back.snapshot_dir, now + 2, now + 5);
  ASSERT_FALSE(page.empty()) << back.log;
  if (auto shot = screenshot(back.snapshot_dir, page)) {
    const PanelFacts f = panelFacts(*shot);
    EXPECT_TRUE(f.shown);
    EXPECT_TRUE(amber(f.title)) << int(f.title.r) << "," << int(f.title.g) << "," << int(f.title.b);
    EXPECT_FALSE(stbd_test::bandFacts(*shot).barShown());
  }
  expectGolden(back.snapshot_dir, page, "menu_known_outage_zh_1280x720");
  // After BACK: the main menu (a normal title bar).
  const std::string main = lastShotIn(back.snapshot_dir, now + 5, now + 8);
  ASSERT_FALSE(main.empty()) << back.log;
  if (auto shot = screenshot(back.snapshot_dir, main)) {
    const PanelFacts f = panelFacts(*shot);
    EXPECT_TRUE(f.shown);
    EXPECT_FALSE(amber(f.title));
  }

  // Run 2: OK alone on the outage page goes back (the safe answer is the
  // default), then report anyway (UP to the first row), then no picture
  // with OK on every page.
  now = static_cast<dvb::UtcSeconds>(std::time(nullptr));
  buildLiveStream(s, now, outageJson(now), 4);
  writeKeys(s, now,
            {{1, "MENU"},
             {1, "OK"},
             {1, "OK"},
             {1, "OK"},
             {1, "UP"},
             {1, "OK"},
             {1, "OK"},
             {1, "OK"},
             {1, "OK"},
             {1, "OK"}});
  const Scenario::Run anyway = runRealtime(s, config, "anyway");
  ASSERT_EQ(anyway.status, 0) << anyway.log;
  EXPECT_EQ(linesWith(anyway.log, "stored in the outbox (no_picture)").size(), 1u) << anyway.log;
  const std::vector<std::string> tickets = ticketsOf(central);
  ASSERT_EQ(tickets.size(), 1u) << central.admin("tickets").out;
  EXPECT_FALSE(linesWith(anyway.log, tickets[0]).empty()) << anyway.log;
  // The report names the service on screen, from the SDT, and the outage.
  const auto report = central.admin("report", tickets[0]);
  ASSERT_EQ(report.status, 0) << report.out;
  EXPECT_NE(report.out.find(R"("onid":8961)"), std::string::npos) << report.out;
  EXPECT_NE(report.out.find(R"("tsid":1)"), std::string::npos) << report.out;
  EXPECT_NE(report.out.find(R"("sid":1)"), std::string::npos) << report.out;
  EXPECT_NE(report.out.find(std::string("\"name\":\"") + kServiceName + "\""), std::string::npos)
      << report.out;
  EXPECT_NE(report.out.find("3001"), std::string::npos) << report.out;  // active notices
}

// ------------------------------------------------------------ return visit

// Nothing on the bar for this box: a notice for Guangzhou only.
const char* const kElsewhereJson = R"({"notices": [{"id": 9, "revision": 1,
    "kind": "information", "start": "2026-12-20T00:00:00Z", "end": "2026-12-21T00:00:00Z",
    "targets": {"areas": ["44"]}, "texts": [{"language": "eng", "title": "Elsewhere",
    "body": "Not for Jiangxi."}]}]})";

TEST(StbdMenuPaths, ResolvedTicketAskedOnceAtACalmMomentAnswerPostedOnce) {
  Scenario s("revisit");
  const testing_support::TestPki pki;
  testing_support::CentralServer central;
  startCentral(central, pki, s);
  const std::string config = s.writeConfig("eng", centralConfig(pki, central.url()));

  // Run 1: a viewer files "no picture".
  dvb::UtcSeconds now = static_cast<dvb::UtcSeconds>(std::time(nullptr));
  buildLiveStream(s, now, kElsewhereJson, 4);
  writeKeys(s, now, {{1, "MENU"}, {1, "OK"}, {1, "OK"}, {1, "OK"}, {1, "OK"}, {1, "OK"}});
  const Scenario::Run file = runRealtime(s, config, "file");
  ASSERT_EQ(file.status, 0) << file.log;
  const std::vector<std::string> tickets = ticketsOf(central);
  ASSERT_EQ(tickets.size(), 1u) << central.admin("tickets").out << file.log;
  const std::string ticket = tickets[0];
  EXPECT_TRUE(linesWith(file.log, "asking the viewer").empty()) << file.log;  // not resolved

  // The operator's technician fixes it.
  auto r = central.admin("resolve", ticket);
  ASSERT_EQ(r.status, 0) << r.out;

  // Run 2: stbd polls at start, finds the ticket resolved and asks once
  // the viewer has left the remote alone for 10 s; the viewer answers
  // "fixed" (OK on the first row) and 4 on the digit keys.
  now = static_cast<dvb::UtcSeconds>(std::time(nullptr));
  buildLiveStream(s, now, kElsewhereJson, 14);
  writeKeys(s, now, {{13, "OK"}, {13, "4"}});
  const Scenario::Run ask = runRealtime(s, config, "ask");
  ASSERT_EQ(ask.status, 0) << ask.log;
  EXPECT_FALSE(linesWith(ask.log, "ticket " + ticket + " is now resolved").empty()) << ask.log;
  ASSERT_EQ(linesWith(ask.log, "asking the viewer about ticket " + ticket).size(), 1u) << ask.log;
  EXPECT_EQ(linesWith(ask.log, "return visit for ticket " + ticket +
                                   " stored in the outbox (fixed yes, score 4)")
                .size(),
            1u)
      << ask.log;
  EXPECT_EQ(linesWith(ask.log, "return visit for ticket " + ticket + " delivered").size(), 1u)
      << ask.log;

  // The question on screen: not before the quiet period, up until the
  // viewer's first key.
  size_t before = 0;
  for (const auto& entry : std::filesystem::directory_iterator(ask.snapshot_dir)) {
    const std::string name = entry.path().stem().string();
    if (name >= compact(now + 10)) continue;
    ++before;
    if (auto shot = screenshot(ask.snapshot_dir, name)) {
      EXPECT_FALSE(panelFacts(*shot).shown) << name;
    }
  }
  EXPECT_GE(before, 3u);
  const std::string question = lastShotIn(ask.snapshot_dir, now + 10, now + 13);
  ASSERT_FALSE(question.empty()) << ask.log;
  if (auto shot = screenshot(ask.snapshot_dir, question)) {
    const PanelFacts f = panelFacts(*shot);
    EXPECT_TRUE(f.shown) << question;
    EXPECT_FALSE(amber(f.title));
    EXPECT_GT(f.title.b, 150);  // the normal blue title bar, naming the ticket
    EXPECT_FALSE(stbd_test::bandFacts(*shot).barShown());
  }
  expectGolden(ask.snapshot_dir, question, "menu_return_visit_en_1280x720", true);

  // Exactly one answer at the central system.
  r = central.admin("return-visits");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find(ticket), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("fixed yes  score 4"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 return visit(s)"), std::string::npos) << r.out;

  // Run 3: longer than the quiet period, and the box does not ask again.
  now = static_cast<dvb::UtcSeconds>(std::time(nullptr));
  buildLiveStream(s, now, kElsewhereJson, 13);
  writeKeys(s, now, {});
  const Scenario::Run again = runRealtime(s, config, "again");
  ASSERT_EQ(again.status, 0) << again.log;
  EXPECT_TRUE(linesWith(again.log, "asking the viewer").empty()) << again.log;
  EXPECT_TRUE(linesWith(again.log, "return visit").empty()) << again.log;
  r = central.admin("return-visits");
  EXPECT_NE(r.out.find("1 return visit(s)"), std::string::npos) << r.out;
}

}  // namespace
