// A simulated day of stb-headend (issue 14, "Done means"): the headend plays
// a day at 2880 simulated seconds a second with its TDT/TOT and its off-air
// monitor, paced at 1 Mbit/s into a FIFO; the test relays every datagram to
// stbd and stb-probe on the loopback and reads it back itself. Notice 1001 is
// revised, then cancelled, by `stb-notice build --out` files renamed into the
// spool while it plays; notice 2002 plays untouched.
//
// Checks: no CC or CRC error on the notice PID; no gap between two whole
// repetitions of an object longer than its interval; each revision on air,
// and held (revision 2) or withdrawn (revision 3) by stbd, within one
// interval of the moment the headend logged it took effect; stb-probe saw
// every revision verified; the PID within its budget over every second; and
// the headend's own monitor raised no alarm.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/support/child_process.h"
#include "tests/support/command.h"
#include "tests/support/corpus.h"
#include "tests/support/files.h"
#include "tests/support/loopback_port.h"
#include "tests/tools/stb_headend/headend_day_test_relay.h"

namespace {

using testing_support::binPath;
using testing_support::ChildProcess;
using testing_support::readTextFile;
using testing_support::ScratchDir;
using testing_support::waitForText;
using testing_support::writeTextFile;

constexpr uint16_t kPid = 0x1F00;
constexpr uint64_t kBitrate = 1'000'000;
constexpr uint64_t kBudget = 200'000;
constexpr uint64_t kNoticeIntervalMs = 5000;  // stream time
constexpr uint64_t kReviseAtMs = 8'000, kCancelAtMs = 18'000;

std::string noticeJson(int id, int revision, const std::string& kind, const std::string& text,
                       bool cancel = false) {
  return R"({"notices": [{"id": )" + std::to_string(id) + R"(, "revision": )" +
         std::to_string(revision) + R"(, "kind": ")" + kind + R"(", )" +
         (cancel ? R"("cancel": true, )" : "") +
         R"("start": "2026-11-29T06:00:00Z", "end": "2026-11-30T06:00:00Z", "lead_hours": 24,
      "targets": {"areas": ["3601"]}, "contact": "96123",
      "texts": [{"language": "eng", "title": "Notice", "body": ")" +
         text + R"("}]}]})";
}

std::string headendConfig(const ScratchDir& dir) {
  return R"({"spool_dir": ")" + dir / "spool" + R"(", "state_dir": ")" + dir / "state" +
         R"(", "output": "fifo:)" + dir / "out.fifo" + R"(",
    "pid": "0x1F00", "with_psi": true, "bitrate_kbps": 1000, "budget_kbps": 200,
    "intervals_ms": {"emergency": 1000, "notice": 5000, "key_list": 30000,
                     "directory": 30000, "calendar": 30000, "fee_cycle": 60000},
    "tdt": {"enabled": true, "country": "CHN", "offset_minutes": 480},
    "clock": {"start": "2026-11-29T00:00:00Z", "speed": 2880, "pace": true},
    "monitor": {"enabled": true, "source": "self"}})";
}

std::string stbdConfig(const ScratchDir& dir) {
  return "[box]\narea_code = 360102\nnode = 17\nbox_id = STB-TEST-0001\n"
         "smartcard_id = 8610012345678\n[keys]\nsigning = " +
         dir / "keys/operator.pub.pem" +
         "\n[languages]\npreferred = eng\n[state]\ndir = " + dir / "box" +
         "\n[schedule]\nviewing_hours = 00:00-24:00\n";
}

// `stb-notice build JSON --out OUT` with the scenario's key.
void build(const ScratchDir& dir, const std::string& name, const std::string& json,
           const std::string& out) {
  writeTextFile(dir / (name + ".json"), json);
  const auto r = testing_support::runCommand(
      binPath("stb-notice") + " build " + dir / (name + ".json") + " --key " +
      dir / "keys/operator.key.pem" + " --issued 2026-11-28T00:00:00Z --out " + out + " 2>&1");
  ASSERT_EQ(r.status, 0) << r.out;
}

// The stream time of the headend's log line "at stream S.mmm s (...): NEEDLE".
std::optional<uint64_t> effectMs(const std::string& log, const std::string& needle) {
  const std::regex line(R"(at stream (\d+)\.(\d{3}) s \([^)]*\): )" + needle);
  std::smatch m;
  if (!std::regex_search(log, m, line)) return std::nullopt;
  return std::stoull(m[1]) * 1000 + std::stoull(m[2]);
}

// The CLOCK_MONOTONIC ms of stbd's first log line holding NEEDLE.
std::optional<int64_t> stbdAtMs(const std::string& log, const std::string& needle) {
  const std::regex line(R"(stbd\[(\d+)\.(\d{3})\] [a-z]+: [^\n]*)" + needle);
  std::smatch m;
  if (!std::regex_search(log, m, line)) return std::nullopt;
  return std::stoll(m[1]) * 1000 + std::stoll(m[2]);
}

bool waitStream(const headend_day::Relay& relay, uint64_t ms, ChildProcess& headend) {
  for (int i = 0; i < 6000 && relay.streamMs() < ms; ++i) {
    if (headend.wait(std::chrono::milliseconds(0))) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return relay.streamMs() >= ms;
}

TEST(HeadendDay, ANoticeRevisedAndCancelledWhileADayPlaysReachesTheBoxWithinACycle) {
  for (const char* program : {"stb-headend", "stb-notice", "stbd", "stb-probe"})
    ASSERT_TRUE(std::filesystem::exists(binPath(program)))
        << binPath(program) << " is missing: build it first";
  ScratchDir dir("headend-day");
  for (const char* sub : {"spool", "state", "box"}) std::filesystem::create_directories(dir / sub);
  const auto keygen = testing_support::runCommand(binPath("stb-notice") + " keygen --out " +
                                                  dir / "keys" + " 2>&1");
  ASSERT_EQ(keygen.status, 0) << keygen.out;
  build(dir, "r1", noticeJson(1001, 1, "planned_maintenance", "Revision one"),
        dir / "spool/n1001.bin");
  build(dir, "r2", noticeJson(1001, 2, "planned_maintenance", "Revision two"), dir / "r2.bin");
  build(dir, "r3", noticeJson(1001, 3, "planned_maintenance", "Cancelled", true), dir / "r3.bin");
  build(dir, "i1", noticeJson(2002, 1, "information", "Untouched"), dir / "spool/n2002.bin");
  writeTextFile(dir / "headend.json", headendConfig(dir));
  writeTextFile(dir / "stbd.conf", stbdConfig(dir));
  ASSERT_EQ(::mkfifo((dir / "out.fifo").c_str(), 0600), 0);

  const uint16_t box_port = testing_support::freeLoopbackPort(SOCK_DGRAM);
  const uint16_t probe_port = testing_support::freeLoopbackPort(SOCK_DGRAM);
  std::string error;
  // Declared first, so the programs are gone (and the FIFO closed) before it is.
  headend_day::Relay relay(dir / "out.fifo", {box_port, probe_port}, kBitrate, kPid);
  ChildProcess stbd, probe, headend;
  ASSERT_TRUE(stbd.start({binPath("stbd"), "--config", dir / "stbd.conf", "--source",
                          "udp://127.0.0.1:" + std::to_string(box_port)},
                         dir / "stbd.out", dir / "stbd.log", &error))
      << error;
  ASSERT_TRUE(
      probe.start({binPath("stb-probe"), "--json", "--duration", "120", "--trust",
                   dir / "keys/operator.pub.pem", "udp://127.0.0.1:" + std::to_string(probe_port)},
                  dir / "probe.json", dir / "probe.log", &error))
      << error;
  ASSERT_TRUE(waitForText(dir / "stbd.log", "reading udp://", 1, std::chrono::seconds(20), &stbd))
      << readTextFile(dir / "stbd.log");

  relay.start();
  ASSERT_TRUE(headend.start(
      {binPath("stb-headend"), "--config", dir / "headend.json", "--until", "2026-11-30T00:00:00Z"},
      dir / "headend.out", dir / "headend.log", &error))
      << error;

  // The revision, then the cancellation, as an operator's tool drops them in.
  ASSERT_TRUE(waitStream(relay, kReviseAtMs, headend)) << readTextFile(dir / "headend.log");
  std::filesystem::rename(dir / "r2.bin", dir / "spool/n1001.bin");
  ASSERT_TRUE(waitStream(relay, kCancelAtMs, headend)) << readTextFile(dir / "headend.log");
  std::filesystem::rename(dir / "r3.bin", dir / "spool/n1001.bin");

  ASSERT_EQ(headend.wait(std::chrono::seconds(60)), 0) << readTextFile(dir / "headend.log");
  const headend_day::RelayRecord record = relay.join();
  std::this_thread::sleep_for(std::chrono::seconds(3));  // stbd's idle turn is 2 s at most
  EXPECT_EQ(stbd.stop(), 0);
  probe.signal(SIGINT);
  EXPECT_EQ(probe.wait(std::chrono::seconds(20)), 0);
  const std::string headend_log = readTextFile(dir / "headend.log");
  const std::string box_log = readTextFile(dir / "stbd.log");
  ASSERT_TRUE(record.error.empty()) << record.error;

  // The whole day, at a constant rate, with nothing damaged on the PID.
  EXPECT_NE(headend_log.find("stopped at stream"), std::string::npos) << headend_log;
  EXPECT_NE(headend_log.find("(2026-11-30T00:00"), std::string::npos) << headend_log;
  EXPECT_EQ(record.pid_continuity_errors, 0u);
  EXPECT_EQ(record.pid_crc_errors, 0u);
  EXPECT_GT(record.max_pid_bps, 0u);
  EXPECT_LE(record.max_pid_bps, kBudget);
  EXPECT_EQ(headend_log.find("monitor: alarm"), std::string::npos) << headend_log;

  // No gap longer than the interval, across the revisions too.
  for (uint16_t id : {1001, 2002}) {
    const auto& reps = record.repetitions.at({0xC0, id});
    ASSERT_GE(reps.size(), 5u) << id;
    EXPECT_LE(reps.front().stream_ms, kNoticeIntervalMs);
    for (size_t i = 1; i < reps.size(); ++i)
      EXPECT_LE(reps[i].stream_ms - reps[i - 1].stream_ms, kNoticeIntervalMs)
          << "notice " << id << " between " << reps[i - 1].stream_ms << " and " << reps[i].stream_ms
          << " ms";
  }

  // Each change: logged by the headend, on air and on the box within one interval.
  const auto& reps = record.repetitions.at({0xC0, 1001});
  for (int revision : {2, 3}) {
    SCOPED_TRACE("revision " + std::to_string(revision));
    const auto effect =
        effectMs(headend_log, "notice 1001 revision " + std::to_string(revision) + " replaces");
    ASSERT_TRUE(effect) << headend_log;
    auto first = std::find_if(reps.begin(), reps.end(), [&](const headend_day::Repetition& r) {
      return r.version == revision;
    });
    ASSERT_NE(first, reps.end());
    EXPECT_GE(first->stream_ms + 10, *effect);
    EXPECT_LE(first->stream_ms, *effect + kNoticeIntervalMs);
    for (auto r = first; r != reps.end(); ++r) EXPECT_GE(r->version, revision);  // old one gone

    const std::string held = revision == 2 ? "replacing notice 1001 revision 2"
                                           : "notice 1001 withdrawn by notice 1001 revision 3";
    const auto box_ms = stbdAtMs(box_log, held);
    ASSERT_TRUE(box_ms) << box_log;
    const int64_t sent_ms = relay.sentAtMs(*effect);
    std::printf("revision %d: on air %llu ms after the headend's change, on the box %lld ms\n",
                revision, static_cast<unsigned long long>(first->stream_ms - *effect),
                static_cast<long long>(*box_ms - sent_ms));
    EXPECT_LE(*box_ms - sent_ms, static_cast<int64_t>(kNoticeIntervalMs))
        << "stbd: " << held << " " << *box_ms - sent_ms << " ms after the headend's change";
  }
  // Once withdrawn, the notice never crawls again.
  const size_t withdrawn = box_log.find("notice 1001 withdrawn");
  EXPECT_EQ(box_log.find("bar: notice:1001", withdrawn), std::string::npos) << box_log;
  EXPECT_NE(box_log.find("Revision one"), std::string::npos) << box_log;

  // stb-probe read the same stream the whole time.
  const auto report = nlohmann::json::parse(readTextFile(dir / "probe.json"), nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << readTextFile(dir / "probe.log");
  EXPECT_EQ(report["health"]["continuity_errors"], 0);
  EXPECT_EQ(report["health"]["crc_errors"], 0);
  EXPECT_EQ(report["health"]["sync_errors"], 0);
  std::set<std::pair<int, int>> verified;
  for (const auto& o : report["objects"])
    if (o["status"] == "verified")
      verified.insert({o["object_id"].get<int>(), o["revision"].get<int>()});
  EXPECT_EQ(verified, (std::set<std::pair<int, int>>{{1001, 1}, {1001, 2}, {1001, 3}, {2002, 1}}))
      << report["objects"].dump();
  ASSERT_FALSE(report["tdt"].empty());
  EXPECT_EQ(report["tdt"].back()["utc"].get<std::string>().substr(0, 13), "2026-11-29T23");
}

}  // namespace
