// stb-headend's configuration: the plan's keys read, every mistake named.
#include <gtest/gtest.h>

#include "tools/stb-headend/config.h"

namespace tools::headend {
namespace {

std::vector<std::string> problemsOf(const std::string& text) {
  std::vector<std::string> problems;
  EXPECT_FALSE(parseConfig("h.json", text, &problems));
  return problems;
}

const char* const kFull = R"({
  "spool_dir": "/var/lib/stb-headend/spool", "state_dir": "/var/lib/stb-headend",
  "output": "rtp://239.1.1.1:5000", "ttl": 4, "pid": "0x1F01", "with_psi": false,
  "bitrate_kbps": 2000, "budget_kbps": 300,
  "intervals_ms": {"emergency": 1000, "notice": 4000, "key_list": 20000,
                   "directory": 25000, "calendar": 35000, "fee_cycle": 90000},
  "tdt": {"enabled": true, "country": "ESP", "offset_minutes": 60},
  "clock": {"start": "2026-11-29T00:00:00Z", "speed": 120, "pace": false},
  "monitor": {"enabled": true, "source": "udp://239.1.1.1:5000"},
  "console": {"listen": "127.0.0.1:8443", "cert": "c.pem", "key": "k.pem", "staff_db": "s.db",
              "signing_key": "/etc/stb-headend/operator.key.pem", "root_key": null,
              "areas": "areas.json", "preview_program": "stb-preview"}
})";

TEST(HeadendConfig, ReadsEveryKeyOfThePlan) {
  std::vector<std::string> problems;
  auto c = parseConfig("h.json", kFull, &problems);
  ASSERT_TRUE(c) << problems.front();
  EXPECT_EQ(c->output, "rtp://239.1.1.1:5000");
  EXPECT_EQ(c->ttl, 4);
  EXPECT_EQ(c->pid, 0x1F01);
  EXPECT_FALSE(c->with_psi);
  EXPECT_EQ(c->bitrate_kbps, 2000u);
  EXPECT_EQ(c->budget_kbps, 300u);
  EXPECT_EQ(c->intervals.notice, 4000u);
  EXPECT_EQ(c->intervals.directory, 25000u);
  EXPECT_EQ(c->intervals.calendar, 35000u);
  EXPECT_EQ(c->intervals.fee_cycle, 90000u);
  EXPECT_TRUE(c->tdt.enabled);
  EXPECT_EQ(c->tdt.country, "ESP");
  EXPECT_EQ(c->tdt.offset_minutes, 60);
  EXPECT_EQ(c->clock.start, dvb::parseIso8601("2026-11-29T00:00:00Z"));
  EXPECT_EQ(c->clock.speed, 120);
  EXPECT_FALSE(c->clock.pace);
  EXPECT_EQ(c->monitor.source, "udp://239.1.1.1:5000");
  EXPECT_TRUE(c->console.present);
  EXPECT_EQ(c->console.signing_key, "/etc/stb-headend/operator.key.pem");
  EXPECT_FALSE(c->console.root_key);
}

TEST(HeadendConfig, OnlyThreeKeysAreRequired) {
  std::vector<std::string> problems;
  auto c =
      parseConfig("h.json", R"({"spool_dir": "s", "state_dir": "t", "output": "-"})", &problems);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->pid, 0x1F00);
  EXPECT_EQ(c->bitrate_kbps, 1000u);
  EXPECT_EQ(c->intervals.emergency, 1000u);
  EXPECT_TRUE(c->clock.pace);
  EXPECT_FALSE(c->clock.start);
  EXPECT_EQ(problemsOf("{}"), (std::vector<std::string>{"h.json: $.spool_dir: required",
                                                        "h.json: $.state_dir: required",
                                                        "h.json: $.output: required"}));
}

TEST(HeadendConfig, RefusesUnknownKeysByName) {
  EXPECT_EQ(problemsOf(R"({"spool_dir": "s", "state_dir": "t", "output": "-", "bitrate": 5})"),
            std::vector<std::string>{"h.json: $.bitrate: unknown field"});
  EXPECT_EQ(problemsOf(R"({"spool_dir": "s", "state_dir": "t", "output": "-",
                           "intervals_ms": {"emergncy": 500}})"),
            std::vector<std::string>{"h.json: $.intervals_ms.emergncy: unknown field"});
}

TEST(HeadendConfig, NamesTheKeyOfEveryBadValue) {
  const auto problems = problemsOf(R"({"spool_dir": "", "state_dir": 3, "output": "tcp://x",
    "pid": "0x1000", "bitrate_kbps": 100, "budget_kbps": 200, "ttl": 300,
    "intervals_ms": {"notice": 0}, "tdt": {"country": "chn"},
    "clock": {"start": "tomorrow", "speed": 0}, "monitor": {"source": "file:x"}})");
  const std::string all = [&] {
    std::string s;
    for (const std::string& p : problems) s += p + "\n";
    return s;
  }();
  for (const char* key : {"$.spool_dir:", "$.state_dir:", "$.output: tcp://x: must be",
                          "$.pid: must be 0x0020..0x1FFE", "$.budget_kbps: must not exceed",
                          "$.ttl:", "$.intervals_ms.notice:", "$.tdt.country:", "$.clock.start:",
                          "$.clock.speed:", "$.monitor.source:"})
    EXPECT_NE(all.find(key), std::string::npos) << key << " not in\n" << all;
}

TEST(HeadendConfig, ANonJsonFileIsAProblemNotACrash) {
  EXPECT_FALSE(problemsOf("{").empty());
  std::vector<std::string> problems;
  EXPECT_FALSE(loadConfig("/nonexistent/h.json", &problems));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("/nonexistent/h.json"), std::string::npos);
}

TEST(HeadendConfig, ThePackagedConfigurationReads) {
  std::vector<std::string> problems;
  auto c = loadConfig(STB_PACKAGING_DIR "/stb-headend.json", &problems);
  ASSERT_TRUE(c) << problems.front();
  EXPECT_EQ(c->spool_dir, "/var/lib/stb-headend/spool");
  EXPECT_EQ(c->output, "udp://239.1.1.1:5000");
  EXPECT_TRUE(c->clock.pace);
}

}  // namespace
}  // namespace tools::headend
