// The outputs: RTP datagrams on the loopback (header, sequence, 90 kHz
// clock, real-time pacing), and the built binary writing to stdout and to
// a file.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <regex>

#include "tests/support/command.h"
#include "tests/support/corpus.h"
#include "tests/support/udp_receiver.h"
#include "tests/tools/stb_headend/headend_test_util.h"
#include "tools/stb-headend/playout.h"

namespace tools::headend {
namespace {

using headend_test::noticeJson;
using headend_test::sign;
using headend_test::spool;
using headend_test::times;

using Receiver = testing_support::UdpReceiver;

TEST(HeadendOutput, RtpCarriesSevenPacketsBehindAPayloadType33Header) {
  headend_test::ScratchDir dir("headend-rtp");
  std::filesystem::create_directories(dir / "spool");
  spool(dir, "n", sign(noticeJson(1001, 1)));
  Receiver receiver;
  HeadendConfig c = headend_test::config(dir);
  c.output = "rtp://127.0.0.1:" + std::to_string(receiver.port);
  c.clock.pace = true;
  OutputSpec spec;
  std::string error;
  ASSERT_TRUE(parseOutputSpec(c.output, &spec, &error)) << error;
  StatusBoard board;
  Playout playout(c, &board, [](const std::string&) {});
  ASSERT_TRUE(playout.start(*c.clock.start, openOutput(spec, 1, &error), &error)) << error;
  const auto t0 = std::chrono::steady_clock::now();
  ASSERT_TRUE(playout.run(500, std::nullopt, nullptr, &error)) << error;
  const double wall_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_NEAR(wall_ms, 500, 60);  // paced in real time
  const auto datagrams = receiver.drain();
  // 500 ms at 1 Mbit/s: 332 packets, in 48 datagrams of seven.
  ASSERT_EQ(datagrams.size(), 48u);
  std::vector<uint8_t> ts;
  for (size_t i = 0; i < datagrams.size(); ++i) {
    const auto& d = datagrams[i];
    ASSERT_EQ(d.size(), 12u + 7 * 188);
    EXPECT_EQ(d[0], 0x80);  // version 2, no padding, extension or CSRC
    EXPECT_EQ(d[1], 33);    // MPEG-2 TS, no marker
    EXPECT_EQ(d[12], 0x47);
    const uint16_t seq = uint16_t((d[2] << 8) | d[3]);
    const uint32_t stamp = uint32_t((d[4] << 24) | (d[5] << 16) | (d[6] << 8) | d[7]);
    if (i > 0) {
      const auto& p = datagrams[i - 1];
      EXPECT_EQ(seq, uint16_t(((p[2] << 8) | p[3]) + 1));
      const uint32_t before = uint32_t((p[4] << 24) | (p[5] << 16) | (p[6] << 8) | p[7]);
      EXPECT_NEAR(double(stamp - before), 7 * 188 * 8 * 90'000.0 / 1'000'000, 1);  // 90 kHz
    }
    ts.insert(ts.end(), d.begin() + 12, d.end());
  }
  const auto heard = headend_test::listen(ts, 1'000'000);
  EXPECT_EQ(heard.cc_errors, 0u);
  EXPECT_FALSE(times(heard, 0xC0, 1001).empty());
}

// The binary, as a pipe's first stage: a config on disk, `-` as output.
class HeadendBinary : public testing::Test {
 protected:
  HeadendBinary() : dir_("headend-binary") {
    std::filesystem::create_directories(dir_ / "spool");
    spool(dir_, "n", sign(noticeJson(1001, 1)));
  }
  void writeConfig(const std::string& output) {
    testing_support::writeTextFile(dir_ / "h.json", R"({"spool_dir": ")" + dir_ / "spool" +
                                                        R"(", "state_dir": ")" + dir_.path() +
                                                        R"(", "output": ")" + output + R"(",
      "tdt": {"enabled": true},
      "clock": {"start": "2026-11-29T00:00:00Z", "speed": 60, "pace": false}})");
  }
  std::string tool() const { return testing_support::binPath("stb-headend"); }
  headend_test::ScratchDir dir_;
};

TEST_F(HeadendBinary, WritesTheStreamToStdoutUntilTheSimulatedTime) {
  writeConfig("-");
  const auto r = testing_support::runCommand(tool() + " --config " + dir_ / "h.json" +
                                             " --until 2026-11-29T00:02:00Z 2>" + dir_ / "err");
  ASSERT_EQ(r.status, 0) << testing_support::readTextFile(dir_ / "err");
  // Two simulated minutes at speed 60: two seconds of stream at 1 Mbit/s.
  EXPECT_NEAR(double(r.out.size()), 250'000, 188 * 7);
  const std::vector<uint8_t> bytes(r.out.begin(), r.out.end());
  const auto heard = headend_test::listen(bytes, 1'000'000);
  EXPECT_EQ(heard.cc_errors, 0u);
  EXPECT_FALSE(times(heard, 0xC0, 1001).empty());
  EXPECT_NE(testing_support::readTextFile(dir_ / "err").find("stopped at stream 2000 ms"),
            std::string::npos);
  EXPECT_NE(
      testing_support::readTextFile(dir_ / "status.json").find("\"now\": \"2026-11-29T00:02:00Z\""),
      std::string::npos);
}

TEST_F(HeadendBinary, WritesAFileAndRefusesABadConfigNamingTheKey) {
  writeConfig("file:" + dir_ / "out.ts");
  auto r = testing_support::runCommand(tool() + " --config " + dir_ / "h.json" +
                                       " --until 2026-11-29T00:01:00Z 2>&1");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(std::filesystem::file_size(dir_ / "out.ts") % 188, 0u);
  EXPECT_GT(std::filesystem::file_size(dir_ / "out.ts"), 100'000u);
  writeConfig("tcp://1.2.3.4:5");
  r = testing_support::runCommand(tool() + " --config " + dir_ / "h.json" + " 2>&1");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("$.output: tcp://1.2.3.4:5: must be udp://"), std::string::npos) << r.out;
}

TEST_F(HeadendBinary, WritesIntoAFifoForItsReader) {
  writeConfig("fifo:" + dir_ / "pipe");
  const auto r = testing_support::runCommand("sh -c '" + tool() + " --config " + dir_ / "h.json" +
                                             " --until 2026-11-29T00:01:00Z 2>" + dir_ / "err" +
                                             " & pid=$!; sleep 0.3; cat " + dir_ / "pipe" + " > " +
                                             dir_ / "out.ts" + "; wait $pid; echo status=$?'");
  EXPECT_NE(r.out.find("status=0"), std::string::npos)
      << r.out << testing_support::readTextFile(dir_ / "err");
  const std::string ts = testing_support::readTextFile(dir_ / "out.ts");
  const auto heard = headend_test::listen(std::vector<uint8_t>(ts.begin(), ts.end()), 1'000'000);
  EXPECT_EQ(heard.cc_errors, 0u);
  EXPECT_FALSE(times(heard, 0xC0, 1001).empty());
}

TEST_F(HeadendBinary, StopsCleanlyOnSigterm) {
  writeConfig("file:" + dir_ / "out.ts");
  // Real time this once: it must still be playing when the signal comes.
  testing_support::writeTextFile(
      dir_ / "h.json", std::regex_replace(testing_support::readTextFile(dir_ / "h.json"),
                                          std::regex("\"pace\": false"), "\"pace\": true"));
  const auto r = testing_support::runCommand(
      "sh -c '" + tool() + " --config " + dir_ / "h.json" + " 2>" + dir_ / "err" +
      " & pid=$!; sleep 1; kill -TERM $pid; wait $pid; echo status=$?'");
  const std::string err = testing_support::readTextFile(dir_ / "err");
  EXPECT_NE(r.out.find("status=0"), std::string::npos) << r.out << err;
  EXPECT_NE(err.find("stopped at stream"), std::string::npos) << err;
  EXPECT_NE(testing_support::readTextFile(dir_ / "status.json").find("\"kind\": \"notice\""),
            std::string::npos);
  // About a second of stream at 1 Mbit/s, whole packets.
  const auto size = std::filesystem::file_size(dir_ / "out.ts");
  EXPECT_EQ(size % 188, 0u);
  EXPECT_GT(size, 60'000u);
  EXPECT_LT(size, 400'000u);
}

}  // namespace
}  // namespace tools::headend
