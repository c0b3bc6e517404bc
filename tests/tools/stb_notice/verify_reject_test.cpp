// What verify refuses, and why: an unknown key, a byte changed under a good
// CRC, a broken CRC, a revoked key, a key list without its root key, and an
// empty source; and what it must not refuse: a capture of only three packets.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <set>

#include "dvb/crc32.h"
#include "tests/tools/stb_notice/stb_notice_test_util.h"
#include "tools/stb-notice/build.h"
#include "tools/stb-notice/verify.h"
#include "tools/stb-notice/verify_print.h"

namespace tools::notice {
namespace {

using stb_notice_test::KeyFiles;
using stb_notice_test::makeKey;
using stb_notice_test::ScratchDir;
using stb_notice_test::writeTextFile;

class VerifyReject : public testing::Test {
 protected:
  VerifyReject() : dir_("reject") {
    key_ = makeKey(dir_.path(), "operator");
    writeTextFile(dir_ / "notices.json", stb_notice_test::sampleInput());
  }

  std::string build(const std::vector<std::string>& inputs, const KeyFiles& key,
                    const std::string& target, const std::string& root_key = "") {
    BuildOptions o;
    for (const std::string& in : inputs) o.inputs.push_back(dir_ / in);
    o.key_path = key.private_path;
    o.root_key_path = root_key;
    o.target = dir_ / target;
    o.issued = *dvb::parseIso8601("2026-11-28T08:00:00Z");
    o.stream.from = o.issued;
    o.stream.duration_ms = 1000;
    std::string summary;
    std::vector<std::string> problems;
    EXPECT_TRUE(runBuild(o, &summary, &problems)) << testing::PrintToString(problems);
    return o.target;
  }

  VerifyReport verify(const std::string& source, std::vector<std::string> trust,
                      std::vector<std::string> root = {}) {
    return stb_notice_test::verifyWith(source, std::move(trust), std::move(root));
  }

  static uint64_t count(const VerifyReport& r, const std::string& reason) {
    for (const auto& [name, n] : r.rejections)
      if (name == reason) return n;
    return 0;
  }

  ScratchDir dir_;
  KeyFiles key_;
};

TEST_F(VerifyReject, UnknownKey) {
  const KeyFiles other = makeKey(dir_.path(), "other");
  for (const char* target : {"n.bin", "n.ts"}) {
    const VerifyReport r = verify(build({"notices.json"}, key_, target), {other.public_path});
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.rejected, 4u);
    EXPECT_EQ(count(r, "unknown_key"), 4u);
    EXPECT_EQ(r.objects[0].rejection, "unknown_key: " + key_.id);
    EXPECT_NE(verifyText(r).find("notice 1001 revision 2: REJECTED unknown_key: " + key_.id),
              std::string::npos)
        << verifyText(r);
  }
}

// Change one byte inside the notice's section, then make the CRC right again:
// only the signature can tell, and it does, for every byte of the message.
TEST_F(VerifyReject, ChangedByteUnderAGoodCrc) {
  const std::string bin = build({"notices.json"}, key_, "n.bin");
  const std::vector<uint8_t> original = testing_support::readFile(bin);
  const size_t length = 3 + (((original[1] & 0x0F) << 8) | original[2]);  // the notice's section
  ASSERT_EQ(original[0], 0xC0);
  for (size_t i = 8; i + 4 < length; ++i) {
    std::vector<uint8_t> bytes = original;
    bytes[i] ^= 0x01;
    const uint32_t crc = dvb::crc32Mpeg2(bytes.data(), length - 4);
    for (int k = 0; k < 4; ++k) bytes[length - 4 + k] = static_cast<uint8_t>(crc >> (24 - 8 * k));
    const std::string tampered = dir_ / "tampered.bin";
    writeTextFile(tampered, std::string(bytes.begin(), bytes.end()));
    const VerifyReport r = verify(tampered, {key_.public_path});
    ASSERT_EQ(r.scan.crc_errors, 0u);
    ASSERT_EQ(r.objects.size(), 4u);
    EXPECT_FALSE(r.objects[0].verified()) << "byte " << i;
    EXPECT_EQ(r.verified, 3u) << "byte " << i;
    if (i == 40) {  // inside the body: a clean bad signature
      EXPECT_EQ(r.objects[0].rejection, "bad_signature: notice 1001");
      EXPECT_EQ(count(r, "bad_signature"), 1u);
    }
  }
}

TEST_F(VerifyReject, BrokenCrcIsCounted) {
  const std::string bin = build({"notices.json"}, key_, "n.bin");
  std::vector<uint8_t> bytes = testing_support::readFile(bin);
  bytes[40] ^= 0x01;
  writeTextFile(dir_ / "crc.bin", std::string(bytes.begin(), bytes.end()));
  const VerifyReport r = verify(dir_ / "crc.bin", {key_.public_path});
  EXPECT_EQ(r.scan.crc_errors, 1u);
  EXPECT_EQ(r.objects.size(), 3u);  // the notice never reaches the verifier
  EXPECT_FALSE(r.ok());
}

TEST_F(VerifyReject, RevokedKey) {
  const KeyFiles root = makeKey(dir_.path(), "root");
  const KeyFiles next = makeKey(dir_.path(), "next");
  writeTextFile(dir_ / "keys.json",
                R"({"key_list": {"revision": 1, "signing_keys": ["next.pub.pem"],
                                    "revoked": [")" +
                    key_.id + R"("]}})");
  // Notices still signed with the old key, after a key list that revokes it.
  const std::string ts = build({"keys.json", "notices.json"}, key_, "r.ts", root.private_path);
  const VerifyReport r = verify(ts, {key_.public_path}, {root.public_path});
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.verified, 1u);  // the key list
  EXPECT_EQ(count(r, "revoked_key"), 4u) << verifyText(r);
}

TEST_F(VerifyReject, KeyListNeedsARootKey) {
  const KeyFiles next = makeKey(dir_.path(), "next");
  writeTextFile(dir_ / "keys.json",
                R"({"key_list": {"revision": 1, "signing_keys": ["next.pub.pem"]}})");
  const std::string bin = build({"keys.json"}, key_, "k.bin");
  // The key that signed it is trusted, but only as a signing key.
  const VerifyReport r = verify(bin, {key_.public_path});
  EXPECT_EQ(count(r, "wrong_key_role"), 1u) << verifyText(r);
  EXPECT_FALSE(r.ok());
}

TEST_F(VerifyReject, NothingFound) {
  writeTextFile(dir_ / "empty.bin", "");
  const VerifyReport r = verify(dir_ / "empty.bin", {key_.public_path});
  EXPECT_FALSE(r.ok());
  EXPECT_NE(verifyText(r).find("no notice objects found"), std::string::npos);
  // A stream without the notice PID: the sample stream of stb-mkts would do; an empty TS too.
  writeTextFile(dir_ / "empty.ts", "");
  EXPECT_FALSE(verify(dir_ / "empty.ts", {key_.public_path}).ok());
}

// A capture cut down to PAT, PMT and one packet of the notice PID (three
// packets, too few for the framer to lock on) is read, not "nothing found".
TEST_F(VerifyReject, AShortCaptureOfWholePacketsIsRead) {
  writeTextFile(dir_ / "calendar.json",
                R"({"work_calendars": [{"year": 2026, "revision": 1,
                "days": [{"date": "2026-10-01", "type": "holiday"}]}]})");
  const std::string ts = build({"calendar.json"}, key_, "c.ts");
  std::ifstream in(ts, std::ios::binary);
  const std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_EQ(all.size() % 188, 0u);
  std::string cut;
  std::set<unsigned> taken;
  for (size_t at = 0; at + 188 <= all.size(); at += 188) {
    const auto* p = reinterpret_cast<const uint8_t*>(all.data() + at);
    const unsigned pid = ((p[1] & 0x1Fu) << 8) | p[2];
    if ((pid == 0x0000 || pid == 0x1000 || pid == 0x1F00) && taken.insert(pid).second)
      cut += all.substr(at, 188);
  }
  ASSERT_EQ(cut.size(), 3u * 188);
  writeTextFile(dir_ / "short.ts", cut);
  const VerifyReport r = verify(dir_ / "short.ts", {key_.public_path});
  EXPECT_TRUE(r.ok()) << verifyText(r);
  EXPECT_EQ(r.verified, 1u) << verifyText(r);
}

}  // namespace
}  // namespace tools::notice
