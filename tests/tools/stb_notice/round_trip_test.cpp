// keygen -> build (.bin and .ts) -> verify, through the library the CLI uses:
// what the operator wrote is what a box decodes, in every character table.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <nlohmann/json.hpp>

#include "tests/tools/stb_notice/stb_notice_test_util.h"
#include "tools/stb-notice/build.h"
#include "tools/stb-notice/verify.h"
#include "tools/stb-notice/verify_print.h"

namespace tools::notice {
namespace {

using dvb::notice::Directory;
using dvb::notice::FeeBatch;
using dvb::notice::KeyList;
using dvb::notice::Notice;
using dvb::notice::WorkCalendar;
using stb_notice_test::KeyFiles;
using stb_notice_test::makeKey;
using stb_notice_test::ScratchDir;
using stb_notice_test::writeTextFile;

const dvb::UtcSeconds kIssued = *dvb::parseIso8601("2026-11-28T08:00:00Z");

BuildOptions buildOptions(const std::vector<std::string>& inputs, const KeyFiles& key,
                          const std::string& target) {
  BuildOptions o;
  o.inputs = inputs;
  o.key_path = key.private_path;
  o.target = target;
  o.issued = kIssued;
  o.stream.from = *dvb::parseIso8601("2026-11-29T00:00:00Z");
  o.stream.duration_ms = 2000;
  return o;
}

void build(const BuildOptions& o) {
  std::string summary;
  std::vector<std::string> problems;
  ASSERT_TRUE(runBuild(o, &summary, &problems)) << testing::PrintToString(problems);
}

VerifyReport verify(const std::string& source, std::vector<std::string> trust,
                    std::vector<std::string> root = {}) {
  return stb_notice_test::verifyWith(source, std::move(trust), std::move(root));
}

template <typename T>
const T* find(const VerifyReport& r, uint32_t object_id) {
  for (const ObjectResult& o : r.objects)
    if (o.verified() && o.envelope->object_id == object_id)
      if (const T* body = std::get_if<T>(&*o.body)) return body;
  ADD_FAILURE() << "object " << object_id << " not verified:\n" << verifyText(r);
  return nullptr;
}

void checkSample(const VerifyReport& r, const std::string& key_id) {
  EXPECT_TRUE(r.ok()) << verifyText(r);
  ASSERT_EQ(r.objects.size(), 4u) << verifyText(r);
  EXPECT_EQ(r.verified, 4u);
  EXPECT_EQ(dvb::notice::keyIdHex(r.objects[0].envelope->key_id), key_id);
  EXPECT_EQ(r.objects[0].envelope->issued, kIssued);
  EXPECT_EQ(r.objects[0].envelope->revision, 2u);

  const Notice* n = find<Notice>(r, 1001);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->kind, dvb::notice::NoticeKind::kPlannedMaintenance);
  EXPECT_EQ(n->start, *dvb::parseIso8601("2026-11-30T02:00:00Z"));
  EXPECT_EQ(n->end, *dvb::parseIso8601("2026-11-30T06:00:00Z"));
  EXPECT_EQ(n->lead_minutes, 1440);
  EXPECT_EQ(n->targeting.areas.at(0).digits, "3601");
  EXPECT_EQ(n->targeting.nodes, std::vector<uint32_t>{12});
  EXPECT_EQ(n->targeting.box_ids, std::vector<std::string>{"STB-0001"});
  EXPECT_EQ(n->targeting.smartcard_ids, std::vector<std::string>{"8610012345678"});
  EXPECT_EQ(n->contact, "96123");
  ASSERT_EQ(n->texts.size(), 3u);
  EXPECT_EQ(n->texts[0].language, "zho");
  EXPECT_EQ(n->texts[0].title.raw.at(0), 0x13);  // GB2312 selector
  EXPECT_EQ(n->texts[0].body.utf8, "11月30日02:00至06:00线路维护，届时暂停收看。");
  EXPECT_EQ(n->texts[1].title.raw.at(0), 0x15);  // UTF-8 selector
  EXPECT_EQ(n->texts[1].title.utf8, "线路维护（UTF-8）");
  EXPECT_EQ(n->texts[2].title.raw.at(0), 'M');  // ISO 6937: the default table, no selector
  EXPECT_EQ(n->texts[2].body.utf8, "Corte de servicio por mantenimiento de línea.");

  const uint16_t bucket = dvb::notice::feeBucketOf("8610012345678", 1);  // the sample has 1 bucket
  const FeeBatch* fees = find<FeeBatch>(r, bucket);
  ASSERT_TRUE(fees);
  const dvb::notice::FeeRecord* rec = fees->find("8610012345678");
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->paid_until, *dvb::parseIso8601("2026-12-05T00:00:00Z"));
  EXPECT_EQ(rec->amount_due, 2600u);
  EXPECT_EQ(rec->currency, "CNY");
  EXPECT_EQ(rec->package.utf8, "基本包");

  const Directory* d = find<Directory>(r, 1);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->technician_name.utf8, "李明");
  EXPECT_EQ(d->office_address.utf8, "南昌市红谷滩区丰和中大道1号");
  EXPECT_EQ(d->technician_staff_no, "JX-0042");

  const WorkCalendar* c = find<WorkCalendar>(r, 2026);
  ASSERT_TRUE(c);
  ASSERT_EQ(c->days.size(), 2u);  // sorted on the way
  EXPECT_EQ(c->days[0].type, dvb::notice::DayType::kHoliday);
  EXPECT_FALSE(c->isWorkingDay(*dvb::parseIso8601("2026-10-01T00:00:00Z")));
  EXPECT_TRUE(c->isWorkingDay(*dvb::parseIso8601("2026-10-11T00:00:00Z")));  // a Sunday
}

TEST(RoundTrip, BinAndTsWithEveryObject) {
  for (auto algorithm : {dvb::notice::SignatureAlgorithm::Ed25519,
                         dvb::notice::SignatureAlgorithm::EcdsaP256Sha256}) {
    ScratchDir dir("roundtrip");
    const KeyFiles key = makeKey(dir.path(), "operator", algorithm);
    struct stat st;
    ASSERT_EQ(stat(key.private_path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    writeTextFile(dir / "notices.json", stb_notice_test::sampleInput());
    for (const char* target : {"out.bin", "out.ts"}) {
      SCOPED_TRACE(target);
      build(buildOptions({dir / "notices.json"}, key, dir / target));
      checkSample(verify(dir / target, {key.public_path}), key.id);
    }
  }
}

TEST(RoundTrip, InputsSplitOverFiles) {
  ScratchDir dir("split");
  const KeyFiles key = makeKey(dir.path(), "operator");
  nlohmann::json doc = nlohmann::json::parse(stb_notice_test::sampleInput());
  nlohmann::json notices = {{"notices", doc["notices"]}};
  doc.erase("notices");
  writeTextFile(dir / "notices.json", notices.dump());
  writeTextFile(dir / "rest.json", doc.dump());
  build(buildOptions({dir / "notices.json", dir / "rest.json"}, key, dir / "out.bin"));
  checkSample(verify(dir / "out.bin", {key.public_path}), key.id);
}

// A big notice spans several sections, on a .ts as on a .bin.
TEST(RoundTrip, MultiSectionNotice) {
  ScratchDir dir("multi");
  const KeyFiles key = makeKey(dir.path(), "operator");
  nlohmann::json notice = nlohmann::json::parse(stb_notice_test::sampleInput())["notices"][0];
  notice["texts"] = nlohmann::json::array();
  for (const char* lang : {"zho", "chi", "eng", "spa", "fra", "deu", "ita", "por"})
    notice["texts"].push_back(
        {{"language", lang}, {"title", "T"}, {"body", std::string(2040, lang[0])}});
  writeTextFile(dir / "big.json", nlohmann::json({{"notices", {notice}}}).dump());
  for (const char* target : {"big.bin", "big.ts"}) {
    build(buildOptions({dir / "big.json"}, key, dir / target));
    const VerifyReport r = verify(dir / target, {key.public_path});
    ASSERT_EQ(r.objects.size(), 1u);
    EXPECT_TRUE(r.ok()) << verifyText(r);
    EXPECT_EQ(r.objects[0].section_count, 5u);
    EXPECT_EQ(std::get<Notice>(*r.objects[0].body).texts[7].body.utf8, std::string(2040, 'p'));
  }
}

// Rotation: a key list signed by the root key installs the new signing key,
// and the boxes, holding only the root key, accept what the new key signs.
TEST(RoundTrip, KeyListSignedByRoot) {
  ScratchDir dir("keylist");
  const KeyFiles root =
      makeKey(dir.path(), "root", dvb::notice::SignatureAlgorithm::EcdsaP256Sha256);
  const KeyFiles old_key = makeKey(dir.path(), "old");
  const KeyFiles new_key = makeKey(dir.path(), "new");
  writeTextFile(dir / "keys.json", R"({"key_list": {"revision": 3, "signing_keys": ["new.pub.pem"],
                                   "revoked": ["old.pub.pem"]}})");
  writeTextFile(dir / "notices.json", stb_notice_test::sampleInput());
  BuildOptions o = buildOptions({dir / "keys.json", dir / "notices.json"}, new_key, dir / "k.ts");
  o.root_key_path = root.private_path;
  build(o);
  const VerifyReport r = verify(dir / "k.ts", {}, {root.public_path});
  EXPECT_TRUE(r.ok()) << verifyText(r);
  ASSERT_EQ(r.objects.size(), 5u);
  const KeyList* list = find<KeyList>(r, 0);
  ASSERT_TRUE(list);
  EXPECT_EQ(dvb::notice::keyIdHex(list->signing_keys.at(0).key_id), new_key.id);
  EXPECT_EQ(dvb::notice::keyIdHex(list->revoked.at(0)), old_key.id);
  EXPECT_EQ(r.objects[0].envelope->revision, 3u);
  EXPECT_EQ(dvb::notice::keyIdHex(r.objects[0].envelope->key_id), root.id);

  // Without --root-key the key list is signed with --key: here the root key itself.
  writeTextFile(dir / "only-keys.json",
                R"({"key_list": {"revision": 4, "signing_keys": ["new.pub.pem"]}})");
  build(buildOptions({dir / "only-keys.json"}, root, dir / "k.bin"));
  EXPECT_TRUE(verify(dir / "k.bin", {}, {root.public_path}).ok());
}

}  // namespace
}  // namespace tools::notice
