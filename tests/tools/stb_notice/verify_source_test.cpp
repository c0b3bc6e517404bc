// What verify's reader keeps from a source and what it only counts: other
// table_ids on a notice PID are foreign, a short-syntax section on a notice
// table_id is malformed, and a PID is named a notice PID only for the tables
// it carries.
#include <gtest/gtest.h>

#include "tests/dvb/notice/notice_test_util.h"
#include "tests/tools/notice_stream.h"
#include "tests/tools/stb_notice/stb_notice_test_util.h"
#include "tools/stb-notice/verify_source.h"

namespace tools::notice {
namespace {

using namespace dvb::notice;

const dvb::Section kForeign = dvb::Section::makeLong(0x90, 1, 0, 0, 0, {1, 2, 3});
const dvb::Section kShortNotice = dvb::Section::makeShort(0xC0, {4, 5, 6}, false);

std::vector<std::vector<uint8_t>> bytesOf(const std::vector<dvb::Section>& sections) {
  std::vector<std::vector<uint8_t>> out;
  for (const dvb::Section& s : sections) out.push_back(s.bytes());
  return out;
}

std::vector<dvb::Section> noticeSections() {
  const PrivateKey key = testing_util::newKey();
  return testing_util::sectionsOf(
      testing_util::sign(testing_util::maintenanceNotice(), 1001, 2, key));
}

TEST(VerifySource, StreamCountsWhatIsNotATableAndNamesOnlyPidsWithTables) {
  std::vector<dvb::Section> on_notice_pid = {kForeign, kShortNotice};
  const std::vector<dvb::Section> notice = noticeSections();
  on_notice_pid.insert(on_notice_pid.end(), notice.begin(), notice.end());
  // 0x1F01 comes first and carries nothing but a short-syntax section.
  stb_notice_test::ScratchDir dir("verify-source");
  const std::string path = dir / "s.ts";
  tools_test::writeNoticeStream(path, {0x1F01, 0x1F00},
                                {{0x1F01, {kShortNotice}, 200}, {0x1F00, on_notice_pid, 200}});

  SourceScan scan;
  std::string error;
  ASSERT_TRUE(scanSource(path, std::nullopt, &scan, &error)) << error;
  EXPECT_TRUE(scan.transport_stream);
  EXPECT_EQ(scan.pids, std::vector<uint16_t>{0x1F00});
  ASSERT_EQ(scan.tables.size(), 1u);  // once, although the carousel repeats it
  EXPECT_EQ(scan.tables[0].pid, 0x1F00);
  EXPECT_EQ(bytesOf(scan.tables[0].sections), bytesOf(notice));
  EXPECT_GT(scan.foreign_sections, 0u);
  // One short section on each PID for every foreign one on 0x1F00.
  EXPECT_EQ(scan.malformed_sections, 2 * scan.foreign_sections);
  EXPECT_EQ(scan.crc_errors, 0u);
}

TEST(VerifySource, FileOfSectionsCountsTheSame) {
  std::vector<dvb::Section> sections = {kForeign, kShortNotice};
  const std::vector<dvb::Section> notice = noticeSections();
  sections.insert(sections.end(), notice.begin(), notice.end());
  sections.push_back(notice[0]);  // a repetition: no second table
  std::vector<uint8_t> bytes;
  for (const dvb::Section& s : sections)
    bytes.insert(bytes.end(), s.bytes().begin(), s.bytes().end());

  SourceScan scan;
  scanSections(bytes, &scan);
  EXPECT_FALSE(scan.transport_stream);
  EXPECT_TRUE(scan.pids.empty());
  ASSERT_EQ(scan.tables.size(), 1u);
  EXPECT_EQ(scan.tables[0].pid, 0);
  EXPECT_EQ(bytesOf(scan.tables[0].sections), bytesOf(notice));
  EXPECT_EQ(scan.foreign_sections, 1u);
  EXPECT_EQ(scan.malformed_sections, 1u);
  EXPECT_EQ(scan.crc_errors, 0u);
}

}  // namespace
}  // namespace tools::notice
