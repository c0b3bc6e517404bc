// docs/protocol.md 1.1: a box takes the notice stream by its "STBN"
// registration_descriptor, never by stream type alone. A private-section
// stream without the descriptor is not read, and the box says so once.
#include <gtest/gtest.h>

#include "dvb/section_packetizer.h"
#include "dvb/tables/pat.h"
#include "dvb/tables/pmt.h"
#include "dvb/ts_packet.h"
#include "stb/daemon.h"
#include "stb/memory_state_store.h"
#include "tests/dvb/notice/notice_test_util.h"
#include "tests/stb/daemon_stream.h"
#include "tests/stb/stb_test_util.h"

namespace stb {
namespace {

using dvb::notice::testing_util::maintenanceNotice;
using dvb::notice::testing_util::newKey;
using dvb::notice::testing_util::sign;
using testing_stream::DaemonStream;
using testing_stream::Packets;

struct NoBar : BarOutput {
  bool show(const stb::SubtitleBarView&, int64_t, std::string*) override { return true; }
  void render(int64_t) override {}
  bool finishedPass(int64_t) const override { return false; }
  void hide() override {}
};

class DaemonRegistrationTest : public ::testing::Test {
 protected:
  DaemonRegistrationTest() : key_(newKey()) {
    ring_.addSigning(key_.publicKey());
    DaemonOptions options;
    options.box = dvb::notice::BoxIdentity{"360102", 77, "BOX-0001", "8610012345678"};
    daemon_ = std::make_unique<Daemon>(replay_, ring_, store_, bar_, log_, options, &replay_);
    daemon_->start(0, false);
  }

  void push(const Packets& packets) {
    for (size_t i = 0; i + dvb::kTsPacketSize <= packets.size(); i += dvb::kTsPacketSize)
      daemon_->pushPacket(packets.data() + i);
  }

  // PAT and a PMT (version VERSION) whose streams are STREAMS.
  Packets psi(const std::vector<dvb::Pmt::Stream>& streams, uint8_t version) {
    dvb::Pat pat;
    pat.transport_stream_id = 1;
    pat.programs.push_back({testing_stream::kProgram, testing_stream::kPmtPid});
    dvb::Pmt pmt;
    pmt.program_number = testing_stream::kProgram;
    pmt.version = version;
    pmt.streams = streams;
    Packets out;
    pat_.packetize(pat.encode(), &out);
    pmt_.packetize(pmt.encode(), &out);
    return out;
  }

  size_t warnings(const char* needle) const {
    size_t n = 0;
    for (const auto& [level, line] : log_.lines)
      n += level == LogLevel::kWarning && line.find(needle) != std::string::npos;
    return n;
  }

  dvb::notice::PrivateKey key_;
  dvb::notice::KeyRing ring_;
  MemoryStateStore store_;
  NoBar bar_;
  testing_util::RecordingLog log_;
  ReplayClock replay_;
  std::unique_ptr<Daemon> daemon_;
  DaemonStream stream_;
  dvb::SectionPacketizer pat_{0x0000};
  dvb::SectionPacketizer pmt_{testing_stream::kPmtPid};
};

TEST_F(DaemonRegistrationTest, StreamTypeFiveWithoutTheDescriptorIsNotReadAndSaidOnce) {
  const uint16_t pid = stream_.noticePid();
  push(psi({{0x05, pid, {}}}, 0));
  push(psi({{0x05, pid, {}}}, 1));  // a new PMT version: still said only once
  push(stream_.object(sign(maintenanceNotice(), 1001, 1, key_)));
  EXPECT_EQ(daemon_->stats().notice_tables, 0u);
  EXPECT_EQ(warnings("PID 0x0101 (program 1) carries private sections without the \"STBN\""), 1u)
      << log_.dump();
}

TEST_F(DaemonRegistrationTest, TheRegisteredStreamIsReadWithoutAWarning) {
  push(stream_.psi());
  push(stream_.object(sign(maintenanceNotice(), 1001, 1, key_)));
  EXPECT_EQ(daemon_->stats().notice_tables, 1u);
  EXPECT_EQ(warnings("registration_descriptor"), 0u) << log_.dump();
}

}  // namespace
}  // namespace stb
