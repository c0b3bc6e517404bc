// udp:// targets over loopback: 7-packet datagrams, paced at the bitrate, and
// the received stream verifies like the file.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "tests/support/udp_receiver.h"
#include "tests/tools/stb_notice/stb_notice_test_util.h"
#include "tools/stb-notice/build.h"
#include "tools/stb-notice/verify.h"
#include "tools/stb-notice/verify_print.h"

namespace tools::notice {
namespace {

using Receiver = testing_support::UdpReceiver;

class UdpTarget : public testing::Test {
 protected:
  UdpTarget() : dir_("udp") {
    key_ = stb_notice_test::makeKey(dir_.path(), "operator");
    stb_notice_test::writeTextFile(dir_ / "in.json", stb_notice_test::sampleInput());
    options_.inputs = {dir_ / "in.json"};
    options_.key_path = key_.private_path;
    options_.target = "udp://127.0.0.1:" + std::to_string(receiver_.port);
    options_.stream.from = *dvb::parseIso8601("2026-11-29T00:00:00Z");
    options_.stream.duration_ms = 1000;
  }

  stb_notice_test::ScratchDir dir_;
  stb_notice_test::KeyFiles key_;
  Receiver receiver_;
  BuildOptions options_;
};

TEST_F(UdpTarget, PacedDatagramsThatVerify) {
  std::atomic<bool> done{false};
  bool ok = false;
  std::string summary;
  std::vector<std::string> problems;
  const auto t0 = std::chrono::steady_clock::now();
  std::thread sender([&] {
    ok = runBuild(options_, &summary, &problems);
    done = true;
  });
  const auto datagrams = receiver_.receive(done);
  sender.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_TRUE(ok) << testing::PrintToString(problems);
  // 1 s at 2 Mbit/s is 1329 packets: 189 full datagrams and one of 6 packets.
  ASSERT_EQ(datagrams.size(), 190u) << summary;
  for (size_t i = 0; i + 1 < datagrams.size(); ++i) ASSERT_EQ(datagrams[i].size(), 7u * 188);
  EXPECT_EQ(datagrams.back().size(), 6u * 188);
  EXPECT_GT(seconds, 0.9);  // paced, not blasted
  EXPECT_NE(summary.find("190 datagrams, 1 complete pass"), std::string::npos) << summary;

  std::string bytes;
  for (const auto& d : datagrams) bytes.append(d.begin(), d.end());
  stb_notice_test::writeTextFile(dir_ / "received.ts", bytes);
  VerifyOptions v;
  v.source = dir_ / "received.ts";
  v.trust = {key_.public_path};
  VerifyReport report;
  std::string error;
  ASSERT_TRUE(runVerify(v, &report, &error)) << error;
  EXPECT_TRUE(report.ok()) << verifyText(report);
  EXPECT_EQ(report.verified, 4u);
}

TEST_F(UdpTarget, LoopUntilStopped) {
  std::atomic<bool> stop{false}, done{false};
  options_.loop = true;
  options_.stop = &stop;
  options_.stream.duration_ms = 300;
  bool ok = false;
  std::string summary;
  std::vector<std::string> problems;
  std::thread sender([&] {
    ok = runBuild(options_, &summary, &problems);
    done = true;
  });
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    stop = true;
  });
  const auto datagrams = receiver_.receive(done);
  sender.join();
  stopper.join();
  ASSERT_TRUE(ok) << testing::PrintToString(problems);
  // 300 ms passes stopped at 800 ms: about two complete ones, whatever the scheduler does.
  EXPECT_TRUE(summary.find("2 complete passes") != std::string::npos ||
              summary.find("1 complete pass,") != std::string::npos ||
              summary.find("3 complete passes") != std::string::npos)
      << summary;
  EXPECT_GT(datagrams.size(), 100u);
}

TEST_F(UdpTarget, BadTarget) {
  options_.target = "udp://:5000";
  std::string summary;
  std::vector<std::string> problems;
  EXPECT_FALSE(runBuild(options_, &summary, &problems));
  EXPECT_EQ(problems.at(0), "udp://:5000: a destination needs an address and a port");
}

}  // namespace
}  // namespace tools::notice
