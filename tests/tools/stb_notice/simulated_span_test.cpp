// The simulated clock: a day of TDTs every 30 s in a file a box replays in
// seconds. Checked packet by packet: exactly 2881 TDTs saying FROM + k * 30 s,
// every TDT interval holding complete PAT, PMT and every object table (no
// section straddles a TDT), continuous continuity counters, PCR following
// the packet count.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <map>
#include <set>

#include "dvb/section_assembler.h"
#include "dvb/tables/tdt.h"
#include "dvb/tables/tot.h"
#include "dvb/ts_packet.h"
#include "tests/tools/stb_notice/stb_notice_test_util.h"
#include "tools/stb-notice/build.h"
#include "tools/stb-notice/verify_source.h"

namespace tools::notice {
namespace {

using stb_notice_test::ScratchDir;

// (pid, table_id, extension, section_number): one section of the carousel.
using SectionKey = std::tuple<uint16_t, uint8_t, uint16_t, uint8_t>;

struct StreamFacts {
  std::vector<dvb::UtcSeconds> tdts;
  std::vector<size_t> tdt_packets;  // packet index of each TDT
  size_t tots = 0;
  std::vector<std::set<SectionKey>> intervals;  // sections completed after TDT k
  size_t cc_errors = 0;
  size_t pcr_errors = 0;
  size_t straddles = 0;  // sections begun before a TDT and finished after it
  bool clean() const { return cc_errors == 0 && pcr_errors == 0 && straddles == 0; }
};

StreamFacts readStream(const std::vector<uint8_t>& ts, uint64_t bitrate) {
  StreamFacts f;
  size_t packet = 0;
  dvb::SectionAssembler assembler([&](uint16_t pid, const dvb::Section& s) {
    if (s.tableId() == 0x70) {
      f.tdt_packets.push_back(packet);
      f.tdts.push_back(dvb::Tdt::decode({s}, nullptr)->utc);
      f.intervals.emplace_back();
    } else if (s.tableId() == 0x73) {
      ++f.tots;
    } else if (!f.intervals.empty()) {
      f.intervals.back().insert({pid, s.tableId(), s.extension(), s.number()});
    }
  });
  const uint16_t section_pids[] = {0x0000, kPmtPid, 0x0014, kDefaultNoticePid};
  for (uint16_t pid : section_pids) assembler.addPid(pid, 4096);
  std::map<uint16_t, uint8_t> last_cc;
  std::map<uint16_t, size_t> seen_in_interval;  // pid -> interval index of its last packet
  for (size_t i = 0; i + 188 <= ts.size(); i += 188) {
    const uint8_t* p = &ts[i];
    const auto h = dvb::parseTsHeader(p);
    if (!h) {
      ++f.cc_errors;
      continue;
    }
    if (h->has_payload && h->pid != dvb::kNullPid) {
      auto it = last_cc.find(h->pid);
      if (it != last_cc.end() && h->continuity_counter != ((it->second + 1) & 0x0F)) ++f.cc_errors;
      last_cc[h->pid] = h->continuity_counter;
    }
    if (h->pcr) {
      const uint64_t expected = (i / 188) * 188 * 8 * 27'000'000 / bitrate;
      if (*h->pcr != expected) ++f.pcr_errors;
    }
    const size_t interval = f.intervals.size();
    const bool carousel_pid = h->pid == 0 || h->pid == kPmtPid || h->pid == kDefaultNoticePid;
    if (carousel_pid && seen_in_interval[h->pid] != interval + 1) {
      // The PID's first packet after a TDT must start a section right away:
      // otherwise a section begun before the TDT continues into this interval.
      seen_in_interval[h->pid] = interval + 1;
      if (!h->payload_unit_start || p[h->payload_offset] != 0) ++f.straddles;
    }
    packet = i / 188;
    assembler.push(p, *h);
  }
  return f;
}

TEST(SimulatedSpan, ADayOfTdtsEvery30Seconds) {
  ScratchDir dir("span");
  const auto key = stb_notice_test::makeKey(dir.path(), "operator");
  // The sample, plus a notice big enough to need several sections.
  nlohmann::json doc = nlohmann::json::parse(stb_notice_test::sampleInput());
  nlohmann::json big = doc["notices"][0];
  big["id"] = 2002;
  for (auto& text : big["texts"]) text["body"] = std::string(2000, 'x');
  big["texts"].push_back({{"language", "eng"}, {"title", "T"}, {"body", std::string(2040, 'e')}});
  doc["notices"].push_back(big);
  stb_notice_test::writeTextFile(dir / "in.json", doc.dump());

  BuildOptions o;
  o.inputs = {dir / "in.json"};
  o.key_path = key.private_path;
  o.issued = *dvb::parseIso8601("2026-11-28T08:00:00Z");
  o.stream.from = *dvb::parseIso8601("2026-11-29T00:00:00Z");
  o.stream.to = *dvb::parseIso8601("2026-11-30T00:00:00Z");
  o.stream.tdt_every_ms = 30'000;
  std::string summary;
  std::vector<std::string> problems;
  for (const char* target : {"day.bin", "day.ts"}) {
    o.target = dir / target;
    ASSERT_TRUE(runBuild(o, &summary, &problems)) << testing::PrintToString(problems);
  }
  EXPECT_NE(summary.find("2881 TDTs from 2026-11-29T00:00:00Z to 2026-11-30T00:00:00Z every 30s"),
            std::string::npos)
      << summary;

  // Every section the objects have, from the .bin of the same build.
  SourceScan bin;
  scanSections(testing_support::readFile(dir / "day.bin"), &bin);
  std::set<SectionKey> expected = {{0x0000, 0x00, 1, 0}, {kPmtPid, 0x02, 1, 0}};
  size_t object_sections = 0;
  for (const GatheredTable& t : bin.tables)
    for (const dvb::Section& s : t.sections) {
      expected.insert({kDefaultNoticePid, s.tableId(), s.extension(), s.number()});
      ++object_sections;
    }
  ASSERT_EQ(bin.tables.size(), 5u);
  ASSERT_GT(object_sections, 5u);  // the big notice spans several

  const std::vector<uint8_t> ts = testing_support::readFile(dir / "day.ts");
  ASSERT_EQ(ts.size() % 188, 0u);
  const StreamFacts f = readStream(ts, o.stream.bitrate_bps);
  EXPECT_TRUE(f.clean()) << f.cc_errors << " CC, " << f.pcr_errors << " PCR, " << f.straddles
                         << " straddling";
  ASSERT_EQ(f.tdts.size(), 2881u);
  EXPECT_EQ(f.tots, 2881u);
  for (size_t k = 0; k < f.tdts.size(); ++k)
    ASSERT_EQ(f.tdts[k], o.stream.from + static_cast<dvb::UtcSeconds>(30 * k)) << k;
  for (size_t k = 0; k < f.intervals.size(); ++k)
    ASSERT_EQ(f.intervals[k], expected) << "TDT interval " << k;
  // Evenly spaced in stream time: each step opens with its TDT and has the
  // same number of packets.
  const size_t step = f.tdt_packets[1];
  for (size_t k = 0; k < f.tdt_packets.size(); ++k) ASSERT_EQ(f.tdt_packets[k], k * step) << k;
  EXPECT_EQ(ts.size() / 188, 2881 * step);
}

// --repeat and --step-time: more repetitions, longer steps, still aligned.
TEST(SimulatedSpan, RepetitionsAndStepTime) {
  ScratchDir dir("repeat");
  const auto key = stb_notice_test::makeKey(dir.path(), "operator");
  stb_notice_test::writeTextFile(dir / "in.json", stb_notice_test::sampleInput());
  BuildOptions o;
  o.inputs = {dir / "in.json"};
  o.key_path = key.private_path;
  o.target = dir / "r.ts";
  o.stream.from = *dvb::parseIso8601("2026-11-29T00:00:00Z");
  o.stream.to = *dvb::parseIso8601("2026-11-29T01:00:00Z");
  o.stream.tdt_every_ms = 60'000;
  o.stream.repetitions = 3;
  o.stream.min_step_ms = 200;
  std::string summary;
  std::vector<std::string> problems;
  ASSERT_TRUE(runBuild(o, &summary, &problems)) << testing::PrintToString(problems);
  const std::vector<uint8_t> ts = testing_support::readFile(o.target);
  const StreamFacts f = readStream(ts, o.stream.bitrate_bps);
  EXPECT_TRUE(f.clean()) << f.cc_errors << " CC, " << f.pcr_errors << " PCR, " << f.straddles
                         << " straddling";
  ASSERT_EQ(f.tdts.size(), 61u);
  // 200 ms at 2 Mbit/s: 265 packets a step.
  EXPECT_EQ(ts.size() / 188, 61u * (200 * 2'000'000 / (188 * 8 * 1000)));
}

// Without --to: real time, TDT every second of stream time.
TEST(SimulatedSpan, RealTimeWithoutTo) {
  ScratchDir dir("realtime");
  const auto key = stb_notice_test::makeKey(dir.path(), "operator");
  stb_notice_test::writeTextFile(dir / "in.json", stb_notice_test::sampleInput());
  BuildOptions o;
  o.inputs = {dir / "in.json"};
  o.key_path = key.private_path;
  o.target = dir / "rt.ts";
  o.stream.from = *dvb::parseIso8601("2026-11-29T00:00:00Z");
  std::string summary;
  std::vector<std::string> problems;
  ASSERT_TRUE(runBuild(o, &summary, &problems)) << testing::PrintToString(problems);
  const std::vector<uint8_t> ts = testing_support::readFile(o.target);
  EXPECT_EQ(ts.size() / 188, 10u * 2'000'000 / (188 * 8));
  const StreamFacts f = readStream(ts, o.stream.bitrate_bps);
  EXPECT_EQ(f.cc_errors, 0u);
  EXPECT_EQ(f.pcr_errors, 0u);
  ASSERT_EQ(f.tdts.size(), 10u);
  for (size_t k = 0; k < f.tdts.size(); ++k)
    EXPECT_EQ(f.tdts[k], o.stream.from + static_cast<dvb::UtcSeconds>(k));
}

}  // namespace
}  // namespace tools::notice
