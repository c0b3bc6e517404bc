// stb-probe finds the notice PID through the PMT's 'STBN' registration and
// lists each object with its verification status.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "tests/dvb/notice/notice_test_util.h"
#include "tests/tools/notice_stream.h"
#include "tools/stb-probe/probe_run.h"

namespace tools {
namespace {

using namespace dvb::notice;

// A small stream: PAT, a PMT announcing PID 0x1F00 as 'STBN', and the objects.
std::string writeStream(const std::vector<dvb::Section>& objects) {
  std::string path = testing::TempDir() + "notice-probe.ts";
  tools_test::writeNoticeStream(path, {0x1F00}, {{0x1F00, objects, 200}});
  return path;
}

ProbeReport probe(const std::string& path, std::shared_ptr<KeyRing> keys) {
  std::string error;
  auto source = platform::openTsSource(path, &error);
  ProbeOptions options;
  options.keys = std::move(keys);
  ProbeReport report;
  EXPECT_TRUE(source && runProbe(*source, options, &report, &error)) << error;
  return report;
}

TEST(StbProbeNotices, ListsObjectsWithTheirVerificationStatus) {
  PrivateKey key = testing_util::newKey();
  PrivateKey stranger = testing_util::newKey();
  std::vector<dvb::Section> sections =
      testing_util::sectionsOf(testing_util::sign(testing_util::maintenanceNotice(), 1001, 2, key));
  const auto forged = testing_util::sectionsOf(
      testing_util::sign(testing_util::maintenanceNotice(), 1002, 1, stranger));
  sections.insert(sections.end(), forged.begin(), forged.end());
  // Not a table: counted with the PID's sections, not reported as an error.
  sections.push_back(dvb::Section::makeShort(0xC0, {1, 2, 3}, false));
  const std::string path = writeStream(sections);

  auto keys = std::make_shared<KeyRing>();
  keys->addSigning(key.publicKey());
  const ProbeReport r = probe(path, keys);
  ASSERT_EQ(r.objects.size(), 2u);  // each once, although the carousel repeats them
  EXPECT_EQ(r.objects[0].pid, 0x1F00);
  EXPECT_EQ(r.objects[0].type, "notice");
  EXPECT_EQ(r.objects[0].object_id, 1001u);
  EXPECT_EQ(r.objects[0].revision, 2u);
  EXPECT_EQ(r.objects[0].status, "verified");
  EXPECT_EQ(r.objects[0].summary,
            "planned_maintenance 2026-11-30T02:00:00Z .. 2026-11-30T06:00:00Z \"线路维护\"");
  EXPECT_EQ(r.objects[1].object_id, 1002u);
  EXPECT_EQ(r.objects[1].status.rfind("rejected: unknown_key", 0), 0u) << r.objects[1].status;
  // Every section on the PID, each repetition: 10 of 3 sections.
  EXPECT_EQ(r.extra_pid_sections, (std::map<uint16_t, uint64_t>{{0x1F00, 30}}));
  EXPECT_TRUE(r.table_errors.empty());

  const ProbeReport without_keys = probe(path, nullptr);
  ASSERT_EQ(without_keys.objects.size(), 2u);
  EXPECT_EQ(without_keys.objects[0].status, "unverified: no --trust key given");
  std::remove(path.c_str());
}

// A .bin as stb-notice writes it (sections back to back, no packets) is read
// as sections: before, it was 0 packets and nothing else, with success.
TEST(StbProbeNotices, AFileOfSectionsIsVerifiedToo) {
  PrivateKey key = testing_util::newKey();
  std::vector<dvb::Section> sections =
      testing_util::sectionsOf(testing_util::sign(testing_util::maintenanceNotice(), 1001, 2, key));
  sections.push_back(dvb::Section::makeShort(0xC0, {1, 2, 3}, false));  // read, not a table
  std::vector<uint8_t> bin;
  for (const dvb::Section& s : sections) bin.insert(bin.end(), s.bytes().begin(), s.bytes().end());
  const std::string path = testing::TempDir() + "notice-probe.bin";
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bin.data()), static_cast<std::streamsize>(bin.size()));

  auto keys = std::make_shared<KeyRing>();
  keys->addSigning(key.publicKey());
  const ProbeReport r = probe(path, keys);
  EXPECT_EQ(r.packets, 0u);
  EXPECT_EQ(r.file_sections, sections.size());
  ASSERT_EQ(r.objects.size(), 1u);
  EXPECT_EQ(r.objects[0].pid, 0);  // a file has no PIDs
  EXPECT_EQ(r.objects[0].object_id, 1001u);
  EXPECT_EQ(r.objects[0].status, "verified");
  EXPECT_TRUE(r.extra_pid_sections.empty());
  EXPECT_TRUE(r.table_errors.empty());

  // One byte off and it is not a file of sections any more.
  bin[bin.size() / 2] ^= 0x01;
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bin.data()), static_cast<std::streamsize>(bin.size()));
  std::string error;
  auto source = platform::openTsSource(path, &error);
  ProbeReport damaged;
  ASSERT_TRUE(source);
  EXPECT_FALSE(runProbe(*source, ProbeOptions{}, &damaged, &error));
  EXPECT_NE(error.find("nor a file of sections"), std::string::npos) << error;
  std::remove(path.c_str());
}

}  // namespace
}  // namespace tools
