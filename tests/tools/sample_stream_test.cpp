// The sample stream the demo uses, written by stb-mkts's library in every
// packet size and read back through stb-probe's: what was put in comes out.
#include <gtest/gtest.h>

#include <cstdio>

#include "tools/stb-mkts/sample_stream.h"
#include "tools/stb-probe/probe_run.h"

namespace tools {
namespace {

ProbeReport writeAndProbe(size_t packet_size) {
  SampleStreamOptions options;
  options.start_utc = *dvb::parseIso8601("2026-11-29T02:00:00Z");
  options.duration_ms = 6000;
  options.packet_size = packet_size;
  const std::string path = testing::TempDir() + "sample-" + std::to_string(packet_size) + ".ts";
  std::string error;
  EXPECT_TRUE(writeSampleStream(path, options, &error)) << error;
  auto source = platform::openTsSource(path, &error);
  EXPECT_TRUE(source) << error;
  ProbeReport report;
  if (source) {
    EXPECT_TRUE(runProbe(*source, ProbeOptions{}, &report, &error)) << error;
  }
  std::remove(path.c_str());
  return report;
}

class SampleStream : public ::testing::TestWithParam<size_t> {};

TEST_P(SampleStream, ProbeSeesWhatWasWritten) {
  const ProbeReport r = writeAndProbe(GetParam());
  EXPECT_EQ(r.packet_size, GetParam());
  EXPECT_EQ(r.packets, 6000ull * 1'500'000 / (188 * 8 * 1000));
  ASSERT_TRUE(r.pat);
  EXPECT_EQ(r.pat->programs.size(), 4u);
  EXPECT_EQ(r.pmts.size(), 4u);
  ASSERT_EQ(r.networks.size(), 1u);
  EXPECT_EQ(r.networks.begin()->second.name, "江西有线");
  std::vector<std::string> names;
  for (const auto& [key, s] : r.services) names.push_back(s.name);
  EXPECT_EQ(names, (std::vector<std::string>{"江西卫视", "CCTV-1 综合", "Televisión Española",
                                             "Canal Clásico"}));
  ASSERT_EQ(r.tdts.size(), 6u);
  EXPECT_EQ(dvb::formatIso8601(r.tdts.front()), "2026-11-29T02:00:00Z");
  EXPECT_EQ(dvb::formatIso8601(r.tdts.back()), "2026-11-29T02:00:05Z");
  ASSERT_EQ(r.tots.size(), 2u);
  ASSERT_EQ(r.tots[0].offsets.size(), 1u);
  EXPECT_EQ(r.tots[0].offsets[0].country_code, "CHN");
  EXPECT_EQ(r.tots[0].offsets[0].offset_minutes, 480);
  EXPECT_EQ(r.health.sync_errors, 0u);
  EXPECT_EQ(r.health.total.continuity_errors, 0u);
  EXPECT_EQ(r.health.crc_errors, 0u);
  EXPECT_EQ(r.health.malformed_sections, 0u);
  // The mux repeats PAT/PMT every 100 ms and carries PCR, so gaps are known and small.
  ASSERT_TRUE(r.health.pat.max_gap_ms);
  EXPECT_LE(*r.health.pat.max_gap_ms, 500u);
  EXPECT_EQ(r.health.pat.gaps_over_limit, 0u);
  ASSERT_TRUE(r.health.tdt.max_gap_ms);
  EXPECT_EQ(*r.health.tdt.max_gap_ms, 1000u);
}

INSTANTIATE_TEST_SUITE_P(PacketSizes, SampleStream, ::testing::Values(188u, 192u, 204u));

}  // namespace
}  // namespace tools
