// The order of a carousel, through the real stbd and stb-notice (issue 11):
// a notice signed by a key that a key list introduces, placed before that
// key list in every pass. stb-notice builds the objects (the notice with the
// new key, the key list with the root key); the test lays them out in that
// order, pass after pass, with a TDT opening each; stbd replays the stream
// fast and must crawl the notice from the first pass's key list on, and
// `stb-notice verify` must say the same of the same file. Likewise for a
// notice that has ended before it is on air.
#include <gtest/gtest.h>

#include <fstream>

#include "dvb/mjd_time.h"
#include "dvb/section.h"
#include "tests/stb/daemon_stream.h"
#include "tests/stbd/stbd_run.h"
#include "tests/support/command.h"
#include "tests/support/corpus.h"

namespace {

using stb::testing_stream::DaemonStream;
using stb::testing_stream::Packets;
using stbd_test::linesWith;
using stbd_test::Scenario;
using testing_support::binPath;
using testing_support::runCommand;

// Maintenance for area 3601 (the scenario box is 360102), in progress
// throughout the stream below.
const char kNotice[] = R"({"notices": [{"id": 1001, "revision": 1, "kind": "planned_maintenance",
  "start": "2026-11-30T18:00:00Z", "end": "2026-11-30T22:00:00Z", "lead_hours": 24,
  "targets": {"areas": ["3601"]}, "contact": "96123",
  "texts": [{"language": "zho", "charset": "gb2312", "title": "线路维护通知",
             "body": "南昌市区有线电视线路维护，届时暂停收看。"}]}]})";

// The key list the box has not seen: the operator's key stays, "next" joins.
const char kKeyList[] =
    R"({"key_list": {"revision": 1, "signing_keys": ["keys/operator.pub.pem", "keys/next.pub.pem"]}})";

// The sections of a .bin file stb-notice wrote.
std::vector<dvb::Section> readSections(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                   std::istreambuf_iterator<char>());
  std::vector<dvb::Section> out;
  for (size_t pos = 0; pos + 3 <= bytes.size();) {
    const size_t length = 3 + (((bytes[pos + 1] & 0x0F) << 8) | bytes[pos + 2]);
    std::string error;
    auto section = dvb::Section::fromBytes(
        std::vector<uint8_t>(bytes.begin() + static_cast<std::ptrdiff_t>(pos),
                             bytes.begin() + static_cast<std::ptrdiff_t>(pos + length)),
        &error);
    EXPECT_TRUE(section) << path << ": " << error;
    if (section) out.push_back(std::move(*section));
    pos += length;
  }
  EXPECT_FALSE(out.empty()) << path;
  return out;
}

void buildBin(const Scenario& s, const std::string& name, const std::string& json,
              const std::string& key_args) {
  std::ofstream(s.path(name + ".json"), std::ios::binary) << json;
  const auto r =
      runCommand(binPath("stb-notice") + " build " + s.path(name + ".json") + " " + key_args +
                 " --issued 2026-11-28T08:00:00Z --out " + s.path(name + ".bin") + " 2>&1");
  ASSERT_EQ(r.status, 0) << r.out;
}

TEST(StbdCarouselOrder, ANoticeBeforeItsKeyListInEveryPassIsCrawled) {
  Scenario s("carousel-order");
  for (const char* name : {"root", "next"}) {
    const auto r = runCommand(binPath("stb-notice") + " keygen --out " + s.path("keys") +
                              " --name " + name + " 2>&1");
    ASSERT_EQ(r.status, 0) << r.out;
  }
  buildBin(s, "notice", kNotice, "--key " + s.path("keys/next.key.pem"));
  buildBin(
      s, "keys", kKeyList,
      "--key " + s.path("keys/operator.key.pem") + " --root-key " + s.path("keys/root.key.pem"));
  const std::vector<dvb::Section> notice = readSections(s.path("notice.bin"));
  const std::vector<dvb::Section> keys = readSections(s.path("keys.bin"));
  ASSERT_EQ(keys.front().tableId(), 0xC4);

  // Twelve passes ten seconds apart: TDT, PAT/PMT, the notice, then the key list.
  const dvb::UtcSeconds t0 = *dvb::parseIso8601("2026-11-30T18:30:00Z");
  DaemonStream stream;
  Packets ts;
  for (int pass = 0; pass < 12; ++pass) {
    for (const Packets& p : {stream.tdt(t0 + 10 * pass), stream.psi(),
                             stream.noticeSections(notice), stream.noticeSections(keys)})
      ts.insert(ts.end(), p.begin(), p.end());
  }
  const std::string file = s.path("keys-last.ts");
  std::ofstream(file, std::ios::binary)
      .write(reinterpret_cast<const char*>(ts.data()), static_cast<std::streamsize>(ts.size()));

  // The box holds the operator's key and the root key; "next" only the list brings.
  const std::string config =
      s.writeConfig("zho, eng", "[keys]\nroot = " + s.path("keys/root.pub.pem") + "\n");
  const Scenario::Run run = s.runStbd(config, file, "shots", "10s");
  ASSERT_EQ(run.status, 0) << run.log;
  // Refused once, before the list; crawled as soon as the first list arrived.
  EXPECT_EQ(linesWith(run.log, "unknown_key").size(), 1u) << run.log;
  EXPECT_EQ(linesWith(run.log, "verified now").size(), 1u) << run.log;
  const auto shown = linesWith(run.log, "bar: notice:1001 at ");
  ASSERT_FALSE(shown.empty()) << run.log;
  EXPECT_NE(shown.front().find("at 2026-11-30T18:30:00Z"), std::string::npos) << shown.front();
  EXPECT_NE(shown.front().find("线路维护通知"), std::string::npos) << shown.front();
  // A screenshot for a TDT's time waits until the stream at that time has been
  // read: the first pass's key list comes before it, so both show the crawl.
  for (const char* when : {"20261130T183000Z", "20261130T183010Z"}) {
    const auto shot = stbd_test::screenshot(run.snapshot_dir, when);
    ASSERT_TRUE(shot) << "no screenshot " << when << " in " << run.snapshot_dir;
    EXPECT_TRUE(stbd_test::bandFacts(*shot).barShown()) << when;
    EXPECT_GT(stbd_test::bandFacts(*shot).text, 200u) << when;
  }

  // verify agrees: both objects pass, exit status 0.
  const auto v = runCommand(binPath("stb-notice") + " verify " + file + " --root " +
                            s.path("keys/root.pub.pem") + " --trust " +
                            s.path("keys/operator.pub.pem") + " 2>&1");
  EXPECT_EQ(v.status, 0) << v.out;
  EXPECT_NE(v.out.find("2 objects: 2 verified, 0 rejected"), std::string::npos) << v.out;
}

// The other half of agreeing: a notice already over when it is on air. The
// box refuses it; verify, judging at the stream's TDT as the box does, fails.
TEST(StbdCarouselOrder, ANoticeThatHasEndedIsRefusedByTheBoxAndByVerify) {
  Scenario s("ended");
  const std::string stream =
      s.buildStream("late", kNotice, "2026-11-30T22:30:00Z", "2026-11-30T22:40:00Z", "1m");
  const Scenario::Run run = s.runStbd(s.writeConfig(), stream, "shots", "10m");
  ASSERT_EQ(run.status, 0) << run.log;
  EXPECT_EQ(linesWith(run.log, "notice 1001 revision 1 refused: it ended at").size(), 1u)
      << run.log;
  EXPECT_TRUE(linesWith(run.log, "bar: notice:1001").empty()) << run.log;

  const auto v = runCommand(binPath("stb-notice") + " verify " + stream + " --trust " +
                            s.path("keys/operator.pub.pem") + " 2>&1");
  EXPECT_EQ(v.status, 1) << v.out;
  EXPECT_NE(v.out.find("notice 1001 revision 1: REJECTED ended"), std::string::npos) << v.out;
}

}  // namespace
