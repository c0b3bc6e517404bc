// udp:// targets over loopback: 7-packet datagrams, paced at the bitrate, and
// the received stream verifies like the file.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "platform/unique_fd.h"
#include "tests/tools/stb_notice/stb_notice_test_util.h"
#include "tools/stb-notice/build.h"
#include "tools/stb-notice/verify.h"
#include "tools/stb-notice/verify_print.h"

namespace tools::notice {
namespace {

// A receiving socket on 127.0.0.1 with a port the kernel chose.
struct Receiver {
  platform::UniqueFd fd{::socket(AF_INET, SOCK_DGRAM, 0)};
  uint16_t port = 0;
  Receiver() {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(fd.get(), reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    socklen_t len = sizeof a;
    ::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
    const int buffer = 8 << 20;
    ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);
    timeval timeout{0, 500'000};
    ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  // Datagrams until `done` is set and half a second passes without one.
  std::vector<std::vector<uint8_t>> receive(const std::atomic<bool>& done) {
    std::vector<std::vector<uint8_t>> datagrams;
    uint8_t buf[65536];
    for (;;) {
      const ssize_t n = ::recv(fd.get(), buf, sizeof buf, 0);
      if (n > 0)
        datagrams.emplace_back(buf, buf + n);
      else if (done)
        return datagrams;
    }
  }
};

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
