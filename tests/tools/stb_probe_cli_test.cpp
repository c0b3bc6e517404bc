// stb-probe as a user runs it: exit codes, messages, JSON on stdout, and a
// live UDP source fed over loopback.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include "dvb/section_packetizer.h"
#include "dvb/table_ids.h"
#include "dvb/tables/nit.h"
#include "tests/support/command.h"
#include "tests/support/corpus.h"
#include "tests/support/loopback_port.h"

namespace {

using testing_support::CommandResult;

CommandResult run(const std::string& command_line) {
  return testing_support::runCommand(command_line);
}

const std::string kProbe = testing_support::binPath("stb-probe");

TEST(StbProbeCli, JsonOnACorpusFile) {
  const CommandResult r = run(kProbe + " --json " + testing_support::corpusPath("test-018.ts"));
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out.front(), '{');
  EXPECT_NE(r.out.find("\"packets\":100,"), std::string::npos);
  EXPECT_NE(r.out.find("\"tdt\":[{\"utc\":\"2018-02-13T12:35:05Z\"}"), std::string::npos);
  EXPECT_NE(r.out.find("{\"country\":\"ITA\",\"region\":0,\"offset_minutes\":60,"
                       "\"time_of_change\":\"2018-03-25T01:00:00Z\",\"next_offset_minutes\":120}"),
            std::string::npos);
  EXPECT_NE(r.out.find("{\"network_id\":272,\"actual\":true,\"name\":\"Mediaset\""),
            std::string::npos);
  EXPECT_NE(r.out.find("{\"onid\":272,\"tsid\":6000,\"sid\":1,\"actual\":true,\"type\":1,"
                       "\"name\":\"Italia 1\""),
            std::string::npos);
}

TEST(StbProbeCli, CorruptStreamStillExitsZero) {
  const CommandResult r = run(kProbe + " " + testing_support::corpusPath("test-143.ts"));
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("CRC errors 10"), std::string::npos) << r.out;
}

TEST(StbProbeCli, MissingSourceIsAClearError) {
  const CommandResult r = run(kProbe + " /nonexistent/stream.ts 2>&1");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("/nonexistent/stream.ts"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("No such file"), std::string::npos) << r.out;
}

TEST(StbProbeCli, UsageErrors) {
  EXPECT_EQ(run(kProbe + " 2>/dev/null").status, 2);
  EXPECT_EQ(run(kProbe + " --bogus x.ts 2>/dev/null").status, 2);
  EXPECT_EQ(run(kProbe + " --charset klingon x.ts 2>/dev/null").status, 2);
  EXPECT_EQ(run(kProbe + " --pid 0x2000 x.ts 2>/dev/null").status, 2);
  EXPECT_EQ(run(kProbe + " --help").status, 0);
}

TEST(StbProbeCli, UsageErrorsSayWhatIsWrong) {
  for (const auto& [args, first_line] : std::vector<std::pair<std::string, std::string>>{
           {"", "stb-probe: no SOURCE given"},
           {"--bogus x.ts", "stb-probe: unknown option --bogus"},
           {"x.ts --pid", "stb-probe: --pid needs a value"},
           {"x.ts --trust", "stb-probe: --trust needs a value"},
           {"--pid 010x x.ts", "stb-probe: bad --pid (0..0x1FFE)"},
           {"--duration 1e3 x.ts", "stb-probe: bad --duration"},
           {"x.ts y.ts", "stb-probe: only one SOURCE"}}) {
    const CommandResult r = run(kProbe + " " + args + " 2>&1");
    EXPECT_EQ(r.status, 2) << args;
    EXPECT_EQ(r.out.substr(0, r.out.find('\n')), first_line) << args;
    EXPECT_NE(r.out.find("usage: stb-probe"), std::string::npos) << args;
  }
}

// A NIT named "Nine Network Australia" with enough transport streams to need
// two packets: a capture too short for the five-sync rule.
std::vector<dvb::Section> nineNetworkNit() {
  dvb::Nit nit;
  nit.network_id = 0x3201;
  const std::string name = "Nine Network Australia";
  nit.descriptors.push_back({0x40, std::vector<uint8_t>(name.begin(), name.end())});
  for (uint16_t i = 0; i < 40; ++i) nit.transport_streams.push_back({i, 0x1010, {}});
  return nit.encode();
}

void writeBytes(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
}

TEST(StbProbeCli, ATwoPacketCaptureIsRead) {
  std::vector<uint8_t> ts;
  dvb::SectionPacketizer(dvb::pid::kNit).packetize(nineNetworkNit(), &ts);
  ASSERT_EQ(ts.size(), 2u * 188);
  const std::string path = testing::TempDir() + "two-packets.ts";
  writeBytes(path, ts);
  const CommandResult r = run(kProbe + " --json " + path + " 2>&1");
  std::remove(path.c_str());
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("\"packets\":2,\"packet_size\":188,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"name\":\"Nine Network Australia\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"bytes_skipped\":0,"), std::string::npos) << r.out;
}

TEST(StbProbeCli, AFileOfSectionsIsRead) {
  std::vector<uint8_t> bin;
  for (const dvb::Section& s : nineNetworkNit())
    bin.insert(bin.end(), s.bytes().begin(), s.bytes().end());
  const std::string path = testing::TempDir() + "nit.bin";
  writeBytes(path, bin);
  const CommandResult r = run(kProbe + " " + path + " 2>&1");
  std::remove(path.c_str());
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find(": 1 sections (a file of sections, no packets)"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\"Nine Network Australia\""), std::string::npos) << r.out;
}

TEST(StbProbeCli, NeitherPacketsNorSectionsIsAnError) {
  std::vector<uint8_t> junk(5000);
  for (size_t i = 0; i < junk.size(); ++i) junk[i] = static_cast<uint8_t>(i * 7 + 3);
  const std::string path = testing::TempDir() + "junk.ts";
  const std::string empty = testing::TempDir() + "empty.ts";
  writeBytes(path, junk);
  writeBytes(empty, {});
  const CommandResult r = run(kProbe + " " + path + " 2>&1");
  const CommandResult e = run(kProbe + " --json " + empty + " 2>&1");
  std::remove(path.c_str());
  std::remove(empty.c_str());
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "stb-probe: file " + path +
                       " is neither a transport stream (no run of 0x47 sync bytes every 188, 192 "
                       "or 204 bytes) nor a file of sections\n");
  EXPECT_EQ(e.status, 1);
  EXPECT_EQ(e.out, "stb-probe: file " + empty + " is empty\n");
}

TEST(StbProbeCli, LiveUdpWithRtp) {
  const std::string ts_path = testing::TempDir() + "udp-sample.ts";
  ASSERT_EQ(
      run(testing_support::binPath("stb-mkts") + " --out " + ts_path + " --duration 3").status, 0);
  const std::vector<uint8_t> ts = testing_support::readFile(ts_path);
  ASSERT_FALSE(ts.empty());
  const int port = testing_support::freeLoopbackPort(SOCK_DGRAM);

  // The sender waits for the probe to bind, then sends 7 packets per RTP datagram.
  std::thread sender([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const int s = socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<uint16_t>(port));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    uint16_t seq = 0;
    for (size_t off = 0; off + 7 * 188 <= ts.size(); off += 7 * 188, ++seq) {
      uint8_t dgram[12 + 7 * 188] = {0x80, 33, static_cast<uint8_t>(seq >> 8),
                                     static_cast<uint8_t>(seq)};
      std::copy(ts.begin() + static_cast<long>(off), ts.begin() + static_cast<long>(off + 7 * 188),
                dgram + 12);
      sendto(s, dgram, sizeof dgram, 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
      if (seq % 50 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    close(s);
  });
  const CommandResult r = run(kProbe + " --json --duration 3 udp://@:" + std::to_string(port));
  sender.join();
  std::remove(ts_path.c_str());
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("\"name\":\"江西卫视\""), std::string::npos) << r.out.substr(0, 500);
  EXPECT_NE(r.out.find("\"utc\":\"2026-11-29T02:00:00Z\""), std::string::npos);
  EXPECT_NE(r.out.find("\"continuity_errors\":0,"), std::string::npos);
}

}  // namespace
