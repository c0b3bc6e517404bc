// The carousel as it goes out: each kind at its interval, the budget, the
// key list first, bad spool files skipped, PAT/PMT or the PID alone.
#include <gtest/gtest.h>

#include <fstream>

#include "dvb/tables/tdt.h"
#include "tests/tools/stb_headend/headend_test_util.h"
#include "tests/tools/stb_notice/stb_notice_test_util.h"
#include "tools/stb-headend/object_hash.h"
#include "tools/stb-headend/playout.h"

namespace tools::headend {
namespace {

using headend_test::config;
using headend_test::listen;
using headend_test::MemoryOutput;
using headend_test::noticeJson;
using headend_test::sign;
using headend_test::spool;
using headend_test::times;

struct Played {
  std::vector<uint8_t> bytes;
  headend_test::HeardStream heard;
  StatusBoard board;
  std::vector<std::string> log;
};

// Plays `c` for `ms` of stream time into memory.
void play(const HeadendConfig& c, uint64_t ms, Played* p) {
  Playout playout(c, &p->board, [p](const std::string& line) { p->log.push_back(line); });
  std::string error;
  ASSERT_TRUE(playout.start(*c.clock.start, std::make_unique<MemoryOutput>(&p->bytes), &error))
      << error;
  ASSERT_TRUE(playout.run(ms, std::nullopt, nullptr, &error)) << error;
  p->heard = listen(p->bytes, c.bitrate_kbps * 1000, c.pid);
}

// Largest gap between consecutive times, and the first.
uint64_t maxGap(const std::vector<uint64_t>& t) {
  uint64_t gap = 0;
  for (size_t i = 1; i < t.size(); ++i) gap = std::max(gap, t[i] - t[i - 1]);
  return gap;
}

TEST(HeadendPlayout, EachKindRepeatsAtItsOwnInterval) {
  headend_test::ScratchDir dir("headend-intervals");
  std::filesystem::create_directories(dir / "spool");
  spool(dir, "maintenance", sign(noticeJson(1001, 1)));
  spool(dir, "emergency", sign(noticeJson(2001, 1, "emergency")));
  spool(dir, "fees", sign(R"({"fee_records": {"revision": 1, "bucket_count": 4, "records": [
      {"subscriber_id": "8610012345678", "paid_until": "2026-12-03", "amount_due": 2600,
       "currency": "CNY", "package": "basic"}]}})"));
  HeadendConfig c = config(dir);
  c.intervals.emergency = 1000;
  c.intervals.notice = 5000;
  c.intervals.fee_cycle = 20000;
  Played p;
  play(c, 59'000, &p);
  EXPECT_EQ(p.heard.cc_errors, 0u);
  EXPECT_EQ(p.heard.crc_errors, 0u);
  const auto emergency = times(p.heard, 0xC0, 2001), notice = times(p.heard, 0xC0, 1001);
  ASSERT_GE(emergency.size(), 59u);
  EXPECT_LE(maxGap(emergency), 1000u);
  EXPECT_EQ(notice.size(), 12u);
  EXPECT_LE(maxGap(notice), 5000u);
  // Fee batches: each once per 20 s cycle, one every 5 s (spread evenly).
  std::vector<uint64_t> fees;
  for (uint16_t b = 0; b < 4; ++b) {
    const auto t = times(p.heard, 0xC1, b);
    ASSERT_EQ(t.size(), 3u) << "batch " << b;
    EXPECT_LE(maxGap(t), 20000u);
    fees.insert(fees.end(), t.begin(), t.end());
  }
  std::sort(fees.begin(), fees.end());
  for (size_t i = 1; i < fees.size(); ++i)
    EXPECT_NEAR(double(fees[i] - fees[i - 1]), aimedIntervalMs(20'000) / 4.0, 10);
  // The status: what is on air, its interval, its hash, how full the budget is.
  const PlayoutStatus s = p.board.snapshot();
  ASSERT_EQ(s.objects.size(), 6u);
  EXPECT_GT(s.used_bps, 30'000u);  // PAT/PMT alone is 30 kbit/s
  EXPECT_LT(s.used_bps, s.budget_bps);
  for (const ObjectStatus& o : s.objects) {
    EXPECT_GE(o.last_out_ms, 0);
    if (o.object_id != 2001) continue;
    EXPECT_EQ(o.kind, "emergency");
    EXPECT_EQ(o.interval_ms, 1000u);
  }
  const std::string json = testing_support::readTextFile(dir / "status.json");
  EXPECT_NE(json.find("\"used_bps\": " + std::to_string(s.used_bps)), std::string::npos) << json;
}

TEST(HeadendPlayout, SendsTheSignedBytesUnchanged) {
  headend_test::ScratchDir dir("headend-bytes");
  std::filesystem::create_directories(dir / "spool");
  const auto sections = sign(noticeJson(1001, 1));
  spool(dir, "n", sections);
  Played p;
  play(config(dir), 2000, &p);
  std::vector<dvb::Section> heard;
  for (const auto& h : p.heard.sections)
    if (h.table_id == 0xC0 && heard.size() < sections.size())
      heard.push_back(*dvb::Section::fromBytes(h.bytes, nullptr));
  ASSERT_EQ(heard.size(), sections.size());
  EXPECT_EQ(sectionsSha256(heard), sectionsSha256(sections));
  EXPECT_EQ(p.board.snapshot().objects.at(0).sha256, sectionsSha256(sections));
}

TEST(HeadendPlayout, RefusesToStartOverBudgetWithTheFigures) {
  headend_test::ScratchDir dir("headend-budget");
  std::filesystem::create_directories(dir / "spool");
  for (uint32_t id = 1; id <= 20; ++id)
    spool(dir, "n" + std::to_string(id), sign(noticeJson(id, 1, "emergency")));
  HeadendConfig c = config(dir);
  c.budget_kbps = 50;
  StatusBoard board;
  Playout playout(c, &board, [](const std::string&) {});
  std::vector<uint8_t> bytes;
  std::string error;
  EXPECT_FALSE(playout.start(*c.clock.start, std::make_unique<MemoryOutput>(&bytes), &error));
  EXPECT_NE(error.find("needs more than budget_kbps"), std::string::npos) << error;
  EXPECT_NE(error.find("psi: 2 packet(s) per repetition, 30.1 kbit/s"), std::string::npos) << error;
  EXPECT_NE(error.find("emergency: 20 object(s), 20 packet(s) per repetition, 30.4 kbit/s"),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("total 60.5 kbit/s of a budget of 50.0 kbit/s (output 1000.0 kbit/s)"),
            std::string::npos)
      << error;
  EXPECT_TRUE(bytes.empty());
}

TEST(HeadendPlayout, RefusesToStartWithoutItsSpoolOrStateDirectory) {
  headend_test::ScratchDir dir("headend-dirs");
  HeadendConfig c = config(dir);
  StatusBoard board;
  std::string error;
  EXPECT_FALSE(Playout(c, &board, [](const std::string&) {}).start(0, &error));
  EXPECT_EQ(error.rfind("spool_dir " + dir / "spool" + ": No such file", 0), 0u) << error;
  std::filesystem::create_directories(dir / "spool");
  c.state_dir = dir / "missing";
  EXPECT_FALSE(Playout(c, &board, [](const std::string&) {}).start(0, &error));
  EXPECT_EQ(error.rfind("state_dir: cannot write " + dir / "missing/status.json", 0), 0u) << error;
}

TEST(HeadendPlayout, KeyListGoesOutBeforeWhatItSigns) {
  headend_test::ScratchDir dir("headend-keys");
  std::filesystem::create_directories(dir / "spool");
  const auto key = stb_notice_test::makeKey(dir.path(), "next");
  // Notices sort before the key list by name and by table_id: order must
  // come from the kind.
  spool(dir, "a-notice", sign(noticeJson(1001, 1, "emergency")));
  spool(dir, "z-keys", sign(headend_test::keyListJson(1, key.public_path)));
  Played p;
  play(config(dir), 3000, &p);
  ASSERT_FALSE(p.heard.sections.empty());
  std::vector<uint8_t> order;
  for (const auto& h : p.heard.sections)
    if (h.table_id >= 0xC0) order.push_back(h.table_id);
  ASSERT_GE(order.size(), 2u);
  EXPECT_EQ(order[0], 0xC4);
  EXPECT_EQ(order[1], 0xC0);
}

TEST(HeadendPlayout, SkipsABadSpoolFileAndPlaysTheRest) {
  headend_test::ScratchDir dir("headend-bad");
  std::filesystem::create_directories(dir / "spool");
  spool(dir, "good", sign(noticeJson(1001, 1)));
  auto bad = sign(noticeJson(1002, 1));
  std::vector<uint8_t> bytes = bad[0].bytes();
  bytes[20] ^= 0xFF;  // the CRC_32 no longer matches
  std::ofstream(dir / "spool/bad.bin", std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
  std::ofstream(dir / "spool/short.bin", std::ios::binary).write("\xC0\x01", 2);
  Played p;
  play(config(dir), 2000, &p);
  EXPECT_FALSE(times(p.heard, 0xC0, 1001).empty());
  EXPECT_TRUE(times(p.heard, 0xC0, 1002).empty());
  std::string log;
  for (const auto& l : p.log) log += l + "\n";
  EXPECT_NE(log.find("spool: bad.bin skipped: 1 section(s) fail their CRC_32"), std::string::npos)
      << log;
  EXPECT_NE(log.find("spool: short.bin skipped"), std::string::npos) << log;
}

TEST(HeadendPlayout, KeepsTheHighestRevisionWhicheverFileHoldsIt) {
  headend_test::ScratchDir dir("headend-highest");
  std::filesystem::create_directories(dir / "spool");
  spool(dir, "a", sign(noticeJson(1001, 3)));
  spool(dir, "b", sign(noticeJson(1001, 2)));
  Played p;
  play(config(dir), 6000, &p);
  EXPECT_FALSE(times(p.heard, 0xC0, 1001, 3).empty());
  EXPECT_TRUE(times(p.heard, 0xC0, 1001, 2).empty());
}

TEST(HeadendPlayout, PidOnlyModeSendsThePidAndNullPackets) {
  headend_test::ScratchDir dir("headend-pid-only");
  std::filesystem::create_directories(dir / "spool");
  spool(dir, "n", sign(noticeJson(1001, 1)));
  HeadendConfig c = config(dir);
  c.with_psi = false;
  c.pid = 0x0777;
  Played p;
  play(c, 2000, &p);
  EXPECT_EQ(p.heard.pids, (std::vector<uint16_t>{0x0777, 0x1FFF}));
  EXPECT_FALSE(times(p.heard, 0xC0, 1001).empty());
  // The rate stays constant: 2 s at 1 Mbit/s.
  EXPECT_NEAR(double(p.bytes.size()), 2.0 * 1'000'000 / 8, 188 * 7);
}

TEST(HeadendPlayout, TdtFollowsTheSimulatedClock) {
  headend_test::ScratchDir dir("headend-tdt");
  std::filesystem::create_directories(dir / "spool");
  HeadendConfig c = config(dir);
  c.tdt.enabled = true;
  c.clock.speed = 60;  // a minute of simulated time per second of stream
  Played p;
  play(c, 3000, &p);
  std::vector<std::string> tdts;
  for (const auto& h : p.heard.sections)
    if (h.table_id == 0x70) {
      auto s = dvb::Section::fromBytes(h.bytes, nullptr);
      tdts.push_back(dvb::formatIso8601(dvb::Tdt::decode({*s}, nullptr)->utc));
    }
  EXPECT_EQ(tdts, (std::vector<std::string>{"2026-11-29T00:00:00Z", "2026-11-29T00:01:00Z",
                                            "2026-11-29T00:02:00Z"}));
}

}  // namespace
}  // namespace tools::headend
