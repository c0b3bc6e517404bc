// stb-probe's decoding on real broadcast captures (../shared/corpus/ts), against
// the facts in the corpus README (checked there with tshark and TSDuck).
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/support/corpus.h"
#include "tools/stb-probe/probe_format.h"
#include "tools/stb-probe/probe_run.h"

namespace tools {
namespace {

ProbeReport probe(const std::string& name, std::vector<uint16_t> extra_pids = {}) {
  const std::string path = testing_support::corpusPath(name);
  std::string error;
  auto source = platform::openTsSource(path, &error);
  EXPECT_TRUE(source) << error;
  ProbeReport report;
  if (!source) return report;
  ProbeOptions options;
  options.extra_pids = std::move(extra_pids);
  EXPECT_TRUE(runProbe(*source, options, &report, &error)) << error;
  return report;
}

uint64_t pidMalformed(const ProbeReport& r, uint16_t pid) {
  for (const auto& p : r.health.pids)
    if (p.pid == pid) return p.malformed_sections;
  return 0;
}

const ProbeService* findService(const ProbeReport& r, uint16_t sid, const std::string& name) {
  for (const auto& [key, s] : r.services)
    if (s.sid == sid && s.name == name) return &s;
  return nullptr;
}

uint64_t pidCcErrors(const ProbeReport& r, uint16_t pid) {
  for (const auto& p : r.health.pids)
    if (p.pid == pid) return p.counts.continuity_errors;
  return 0;
}

uint64_t pidCrcErrors(const ProbeReport& r, uint16_t pid) {
  for (const auto& p : r.health.pids)
    if (p.pid == pid) return p.crc_errors;
  return 0;
}

TEST(ProbeCorpus, Test018ItalianMux) {
  const ProbeReport r = probe("test-018.ts");
  EXPECT_EQ(r.packets, 100u);
  ASSERT_TRUE(r.pat);
  EXPECT_EQ(r.pat->transport_stream_id, 0x1770);
  EXPECT_EQ(r.pat->programs.size(), 20u);
  ASSERT_EQ(r.networks.count({0x0110, true}), 1u);
  EXPECT_EQ(r.networks.at({0x0110, true}).name, "Mediaset");
  EXPECT_EQ(r.services.size(), 20u);
  const ProbeService* italia1 = findService(r, 1, "Italia 1");
  ASSERT_NE(italia1, nullptr);
  EXPECT_EQ(italia1->onid, 272);
  EXPECT_EQ(italia1->tsid, 6000);
  EXPECT_EQ(italia1->type, 1);
  ASSERT_EQ(r.tdts.size(), 4u);
  EXPECT_EQ(dvb::formatIso8601(r.tdts.front()), "2018-02-13T12:35:05Z");
  EXPECT_EQ(dvb::formatIso8601(r.tdts.back()), "2018-02-13T12:35:08Z");
  ASSERT_FALSE(r.tots.empty());
  ASSERT_FALSE(r.tots[0].offsets.empty());
  const auto& ita = r.tots[0].offsets[0];
  EXPECT_EQ(ita.country_code, "ITA");
  EXPECT_EQ(ita.country_region_id, 0);
  EXPECT_EQ(ita.offset_minutes, 60);
  EXPECT_EQ(dvb::formatIso8601(ita.time_of_change), "2018-03-25T01:00:00Z");
  EXPECT_EQ(ita.next_offset_minutes, 120);
  EXPECT_EQ(r.health.sync_errors, 0u);
  EXPECT_EQ(r.health.total.continuity_errors, 0u);
  EXPECT_EQ(r.health.total.tei_packets, 0u);
  EXPECT_EQ(r.health.crc_errors, 0u);
}

TEST(ProbeCorpus, Test184FrenchSiWithAccents) {
  const ProbeReport r = probe("test-184.ts");
  EXPECT_EQ(r.packets, 6170u);
  ASSERT_FALSE(r.tdts.empty());
  EXPECT_EQ(dvb::formatIso8601(r.tdts.front()), "2019-01-22T12:51:09Z");
  EXPECT_EQ(dvb::formatIso8601(r.tdts.back()), "2019-01-22T12:52:09Z");
  ASSERT_FALSE(r.tots.empty());
  ASSERT_FALSE(r.tots[0].offsets.empty());
  EXPECT_EQ(r.tots[0].offsets[0].country_code, "FRA");
  EXPECT_EQ(r.tots[0].offsets[0].offset_minutes, 60);
  EXPECT_EQ(dvb::formatIso8601(r.tots[0].offsets[0].time_of_change), "2019-03-31T01:00:00Z");
  EXPECT_EQ(r.tots[0].offsets[0].next_offset_minutes, 120);
  EXPECT_EQ(r.services.size(), 46u);
  bool france_o = false, cherie = false;
  for (const auto& [key, s] : r.services) {
    france_o |= s.name == "France Ô";
    cherie |= s.name == "Chérie 25";
  }
  EXPECT_TRUE(france_o);
  EXPECT_TRUE(cherie);
  // The README counts 3 CRC failures on PID 0x12: 1 EIT plus 2 pseudo-sections
  // made of the junk that follows some sections. Reading pointer_fields, the
  // junk is cut short by the next section start before its CRC is due, so it
  // counts as malformed; only the real EIT fails its CRC.
  EXPECT_EQ(pidCrcErrors(r, 0x12), 1u);
  EXPECT_EQ(pidMalformed(r, 0x12), 27u);
  EXPECT_EQ(r.eit_sections, 1438u);
}

TEST(ProbeCorpus, Test103PatVersionChangeAndTotWithoutDescriptors) {
  const ProbeReport r = probe("test-103.ts");
  ASSERT_TRUE(r.pat);
  EXPECT_GT(r.pat->version, 0);  // the last PAT seen is a later version
  ASSERT_FALSE(r.tdts.empty());
  EXPECT_EQ(dvb::formatIso8601(r.tdts.front()), "2021-09-05T19:29:35Z");
  EXPECT_EQ(dvb::formatIso8601(r.tdts.back()), "2021-09-05T19:29:59Z");
  ASSERT_FALSE(r.tots.empty());
  for (const auto& tot : r.tots) EXPECT_TRUE(tot.offsets.empty());
}

TEST(ProbeCorpus, Test030TeiAndContinuityErrors) {
  const ProbeReport r = probe("test-030.ts");
  EXPECT_EQ(r.health.total.tei_packets, 9u);
  EXPECT_EQ(pidCcErrors(r, 0x0112), 5u);
  EXPECT_EQ(pidCcErrors(r, 0x0012), 1u);
  EXPECT_EQ(pidCrcErrors(r, 0x0012), 0u);
  // The bad CRCs are on PID 0x112, an EIT PID no table references, which a
  // box never reads; asked to, the probe finds them. (tshark flags 4 and calls
  // 8 more malformed; a section scanner finds 7 sections with a bad CRC.)
  EXPECT_EQ(pidCrcErrors(r, 0x0112), 0u);
  const ProbeReport asked = probe("test-030.ts", {0x0112});
  EXPECT_EQ(pidCrcErrors(asked, 0x0112), 7u);
}

TEST(ProbeCorpus, Test143CorruptedCaptureCountsItsDamage) {
  const ProbeReport r = probe("test-143.ts");
  EXPECT_EQ(pidCrcErrors(r, 0x0000), 2u);
  // The first PMT on 0x3C goes by before the first PAT that passes its CRC,
  // so a box (and the probe) sees 8 of the 9; watching the PID from the
  // start catches all 9, none of which passes.
  EXPECT_EQ(pidCrcErrors(r, 0x003C), 8u);
  EXPECT_TRUE(r.pmts.empty());
  EXPECT_EQ(pidCrcErrors(probe("test-143.ts", {0x003C}), 0x003C), 9u);
  EXPECT_GE(r.health.total.continuity_errors, 120u);
  EXPECT_LE(r.health.total.continuity_errors, 140u);
  EXPECT_GT(r.health.total.tei_packets, 0u);
  EXPECT_GT(r.health.total.scrambled_packets, 0u);
}

TEST(ProbeCorpus, Test127FakePatsAreNeverTrusted) {
  const ProbeReport r = probe("test-127.ts");
  EXPECT_FALSE(r.pat);
  EXPECT_TRUE(r.pmts.empty());
  EXPECT_TRUE(r.services.empty());
}

TEST(ProbeCorpus, Test120LenientTdtReader) {
  const ProbeReport r = probe("test-120.ts");
  ASSERT_EQ(r.tdts.size(), 30u);
  EXPECT_EQ(dvb::formatIso8601(r.tdts.front()), "2022-09-22T15:33:07Z");
  EXPECT_EQ(dvb::formatIso8601(r.tdts.back()), "2022-09-22T15:34:05Z");
  EXPECT_TRUE(std::is_sorted(r.tdts.begin(), r.tdts.end()));
}

TEST(ProbeCorpus, Test142SyncAndContinuityDamage) {
  const ProbeReport r = probe("test-142.ts");
  EXPECT_EQ(r.packets, 295u);
  EXPECT_EQ(r.health.sync_errors, 5u);
  size_t pids_with_cc_errors = 0;
  for (const auto& p : r.health.pids) pids_with_cc_errors += p.counts.continuity_errors > 0;
  EXPECT_EQ(pids_with_cc_errors, 16u);
}

TEST(ProbeCorpus, Test108RaiMuxWithoutTime) {
  const ProbeReport r = probe("test-108.ts");
  EXPECT_EQ(r.packets, 20000u);
  EXPECT_EQ(r.pmts.size(), 8u);
  EXPECT_TRUE(r.tdts.empty());
  EXPECT_TRUE(r.tots.empty());
  EXPECT_EQ(r.health.total.continuity_errors, 0u);
  EXPECT_EQ(r.health.crc_errors, 0u);
}

TEST(ProbeCorpus, EveryCaptureGivesValidJson) {
  for (const char* name :
       {"test-018.ts", "test-030.ts", "test-103.ts", "test-108.ts", "test-120.ts", "test-127.ts",
        "test-142.ts", "test-143.ts", "test-184.ts"}) {
    const std::string json = probeJson(probe(name));
    EXPECT_EQ(json.front(), '{') << name;
    EXPECT_NE(json.find("\"health\":{\"sync_errors\":"), std::string::npos) << name;
  }
}

}  // namespace
}  // namespace tools
