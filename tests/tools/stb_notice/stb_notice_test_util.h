#pragma once
// Shared by the stb-notice tests: scratch directories, keys, the sample
// input, and running the built binary.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "tests/support/command.h"
#include "tests/support/corpus.h"
#include "tests/support/files.h"
#include "tools/stb-notice/keygen.h"
#include "tools/stb-notice/verify.h"

namespace stb_notice_test {

using testing_support::ScratchDir;
using testing_support::writeTextFile;

inline bool exists(const std::string& path) {
  return std::filesystem::exists(path);
}

struct KeyFiles {
  std::string private_path, public_path, id;
};

inline KeyFiles makeKey(
    const std::string& dir, const std::string& name,
    dvb::notice::SignatureAlgorithm algorithm = dvb::notice::SignatureAlgorithm::Ed25519) {
  tools::notice::KeygenOptions o;
  o.dir = dir;
  o.name = name;
  o.algorithm = algorithm;
  std::string error;
  auto r = tools::notice::generateKeyPair(o, &error);
  EXPECT_TRUE(r) << error;
  return r ? KeyFiles{r->private_path, r->public_path, r->key_id} : KeyFiles{};
}

// A maintenance notice in Chinese (GB2312 and UTF-8) and Spanish (ISO 6937),
// a fee batch, a directory and a calendar.
inline std::string sampleInput() {
  return R"({
  "notices": [
    {"id": 1001, "revision": 2, "kind": "planned_maintenance",
     "start": "2026-11-30T02:00:00Z", "end": "2026-11-30T06:00:00Z", "lead_hours": 24,
     "targets": {"areas": ["3601"], "nodes": [12], "box_ids": ["STB-0001"], "smartcard_ids": ["8610012345678"]},
     "contact": "96123",
     "texts": [
       {"language": "zho", "charset": "gb2312", "title": "线路维护",
        "body": "11月30日02:00至06:00线路维护，届时暂停收看。"},
       {"language": "chi", "title": "线路维护（UTF-8）", "body": "南昌地区线路维护，请提前安排。"},
       {"language": "spa", "charset": "iso6937", "title": "Mantenimiento",
        "body": "Corte de servicio por mantenimiento de línea."}
     ]}
  ],
  "fee_records": {"revision": 1, "bucket_count": 1, "records": [
    {"subscriber_id": "8610012345678", "paid_until": "2026-12-05", "amount_due": 2600,
     "currency": "CNY", "package": "基本包", "charset": "gb2312"}]},
  "directories": [
    {"id": 1, "revision": 1, "area": "3601", "hotline": "96123", "supervision_phone": "12315",
     "office_phone": "0791-88888888", "office_address": "南昌市红谷滩区丰和中大道1号",
     "technician_name": "李明", "technician_staff_no": "JX-0042", "charset": "gb2312"}],
  "work_calendars": [
    {"year": 2026, "revision": 1, "days": [{"date": "2026-10-11", "type": "working_day"},
                                           {"date": "2026-10-01", "type": "holiday"}]}]
})";
}

using testing_support::CommandResult;

// stdout and stderr together.
inline CommandResult run(const std::string& command_line) {
  return testing_support::runCommand(command_line + " 2>&1");
}

inline std::string tool() {
  return testing_support::binPath("stb-notice");
}

// The time the tests' sources are judged at (their notices end on
// 2026-11-30): a .bin has no TDT, and this computer's clock moves on.
inline dvb::UtcSeconds testNow() {
  return *dvb::parseIso8601("2026-11-29T00:00:00Z");
}

// Verifies SOURCE with the given signing (TRUST) and ROOT key files through
// the tool's library, judged at NOW (unset: the stream's time or the
// clock); a source that cannot be read fails the test.
inline tools::notice::VerifyReport verifyWith(const std::string& source,
                                              std::vector<std::string> trust,
                                              std::vector<std::string> root = {},
                                              std::optional<dvb::UtcSeconds> now = testNow()) {
  tools::notice::VerifyOptions o;
  o.source = source;
  o.trust = std::move(trust);
  o.root = std::move(root);
  o.now = now;
  tools::notice::VerifyReport report;
  std::string error;
  EXPECT_TRUE(tools::notice::runVerify(o, &report, &error)) << error;
  return report;
}

}  // namespace stb_notice_test
