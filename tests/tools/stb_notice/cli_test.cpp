// stb-notice as an operator runs it: exit codes, messages, nothing written on
// a bad input, keys never overwritten.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include "tests/tools/stb_notice/stb_notice_test_util.h"

namespace {

using stb_notice_test::exists;
using stb_notice_test::run;
using stb_notice_test::ScratchDir;
using stb_notice_test::tool;
using stb_notice_test::writeTextFile;

class Cli : public testing::Test {
 protected:
  Cli() : dir_("cli") {
    keygen_ = run(tool() + " keygen --out " + dir_ / "keys");
    writeTextFile(dir_ / "notices.json", stb_notice_test::sampleInput());
  }
  std::string key() const { return dir_ / "keys/operator.key.pem"; }
  std::string pub() const { return dir_ / "keys/operator.pub.pem"; }
  std::string build(const std::string& rest) {
    return tool() + " build " + dir_ / "notices.json" + " --key " + key() + " " + rest;
  }
  size_t filesIn(const std::string& path) const {
    size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(path)) ++n;
    return n;
  }

  ScratchDir dir_;
  stb_notice_test::CommandResult keygen_;
};

TEST_F(Cli, Keygen) {
  EXPECT_EQ(keygen_.status, 0) << keygen_.out;
  EXPECT_TRUE(std::regex_search(keygen_.out, std::regex("key id      [0-9a-f]{16} \\(ed25519\\)")))
      << keygen_.out;
  struct stat st;
  ASSERT_EQ(stat(key().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const auto again = run(tool() + " keygen --out " + dir_ / "keys");
  EXPECT_EQ(again.status, 1);
  EXPECT_NE(again.out.find("already exists; refusing to overwrite"), std::string::npos);
  const auto p256 =
      run(tool() + " keygen --out " + dir_ / "keys" + " --name root --algorithm p256");
  EXPECT_EQ(p256.status, 0) << p256.out;
  EXPECT_NE(p256.out.find("(p256)"), std::string::npos);
  EXPECT_EQ(run(tool() + " keygen --out " + dir_ / "keys" + " --algorithm rsa").status, 2);
  EXPECT_EQ(run(tool() + " keygen").status, 2);
  EXPECT_EQ(run(tool() + " keygen --out " + dir_ / "keys" + " --name ../x").status, 1);
}

TEST_F(Cli, UsageErrors) {
  EXPECT_EQ(run(tool()).status, 2);
  EXPECT_EQ(run(tool() + " publish").status, 2);
  EXPECT_EQ(run(tool() + " --help").status, 0);
  EXPECT_EQ(run(tool() + " build --help").status, 0);
  EXPECT_EQ(run(build("--out " + dir_ / "x.mpg")).status, 2);
  EXPECT_EQ(run(build("--out " + dir_ / "x.bin --from 2026-11-29T00:00:00Z")).status, 2);
  EXPECT_EQ(run(build("--out " + dir_ / "x.ts --to 2026-11-29T00:00:00Z")).status, 2);
  EXPECT_EQ(run(build("--out " + dir_ / "x.ts --tdt-every 30x")).status, 2);
  EXPECT_EQ(run(build("--out " + dir_ / "x.ts --loop")).status, 2);
  EXPECT_EQ(run(build("--out " + dir_ / "x.ts --from 2026-11-29")).status, 2);
  const auto r = run(build("--out " + dir_ / "x.ts --pid 0x1000"));
  EXPECT_EQ(r.status, 1);  // found once the stream is planned: still nothing written
  EXPECT_FALSE(exists(dir_ / "x.ts"));
  EXPECT_EQ(run(tool() + " verify " + dir_ / "x.bin").status, 2);  // no keys
  EXPECT_EQ(run(tool() + " verify --trust " + pub()).status, 2);   // no source
  EXPECT_EQ(run(tool() + " verify " + dir_ / "missing.bin --trust " + pub()).status, 2);
}

TEST_F(Cli, InvalidInputWritesNothing) {
  nlohmann::json doc = nlohmann::json::parse(stb_notice_test::sampleInput());
  doc["notices"][0]["texts"][0]["language"] = "zh";
  doc["directories"][0].erase("hotline");
  writeTextFile(dir_ / "bad.json", doc.dump());
  const size_t before = filesIn(dir_.path());
  for (const char* target : {"bad.bin", "bad.ts"}) {
    const auto r =
        run(tool() + " build " + dir_ / "bad.json" + " --key " + key() + " --out " + dir_ / target);
    EXPECT_EQ(r.status, 1);
    const std::string file = dir_ / "bad.json";
    EXPECT_NE(r.out.find(file + ": $.notices[0].texts[0].language: must be 3 letters"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find(file + ": $.directories[0].hotline: required"), std::string::npos);
    EXPECT_NE(r.out.find("nothing was written"), std::string::npos);
    EXPECT_EQ(filesIn(dir_.path()), before) << "no output, no temporary file";
  }
  const auto r = run(tool() + " build " + dir_ / "notices.json" + " --key " + dir_ / "nokey.pem" +
                     " --out " + dir_ / "n.bin");
  EXPECT_EQ(r.status, 1);
  EXPECT_FALSE(exists(dir_ / "n.bin"));
}

TEST_F(Cli, RepeatedKeyWritesNothing) {
  std::string text = stb_notice_test::sampleInput();
  const std::string kind = R"("kind": "planned_maintenance",)";
  text.replace(text.find(kind), kind.size(), kind + R"( "kind": "emergency",)");
  writeTextFile(dir_ / "twice.json", text);
  const size_t before = filesIn(dir_.path());
  const auto r = run(tool() + " build " + dir_ / "twice.json" + " --key " + key() + " --out " +
                     dir_ / "twice.bin");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find(dir_ / "twice.json" + ": $.notices[0].kind: repeated key"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(filesIn(dir_.path()), before);
}

TEST_F(Cli, BuildAndVerify) {
  // The stream's clock before the notice ends (its TDT is what verify, like a box, judges by).
  const auto b = run(
      build("--issued 2026-11-28T08:00:00Z --from 2026-11-29T00:00:00Z --out " + dir_ / "n.ts"));
  ASSERT_EQ(b.status, 0) << b.out;
  EXPECT_NE(b.out.find("signed 4 objects (issued 2026-11-28T08:00:00Z)"), std::string::npos);
  const auto v = run(tool() + " verify " + dir_ / "n.ts" + " --trust " + pub());
  EXPECT_EQ(v.status, 0) << v.out;
  EXPECT_NE(v.out.find("zho (GB-2312-1980): 线路维护 | 11月30日02:00至06:00线路维护"),
            std::string::npos)
      << v.out;
  EXPECT_NE(v.out.find("4 objects: 4 verified, 0 rejected"), std::string::npos);

  const auto j =
      run(tool() + " verify --json " + dir_ / "n.ts" + " --trust " + pub() + " 2>/dev/null");
  ASSERT_EQ(j.status, 0);
  const auto json = nlohmann::json::parse(j.out);
  EXPECT_EQ(json["ok"], true);
  EXPECT_EQ(json["pids"][0], 0x1F00);
  EXPECT_EQ(json["objects"][0]["body"]["texts"][2]["body"],
            "Corte de servicio por mantenimiento de línea.");

  // The wrong key: exit 1. The wrong PID: nothing found, exit 1.
  run(tool() + " keygen --out " + dir_ / "keys" + " --name other");
  EXPECT_EQ(
      run(tool() + " verify " + dir_ / "n.ts" + " --trust " + dir_ / "keys/other.pub.pem").status,
      1);
  const auto none = run(tool() + " verify " + dir_ / "n.ts" + " --pid 0x1F01 --trust " + pub());
  EXPECT_EQ(none.status, 1);
  EXPECT_NE(none.out.find("no notice objects found"), std::string::npos);
  // Several --trust files after one flag.
  EXPECT_EQ(
      run(tool() + " verify " + dir_ / "n.ts" + " --trust " + dir_ / "keys/other.pub.pem " + pub())
          .status,
      0);
}

// A notice already over when it is on air: a box refuses it, and so does verify.
TEST_F(Cli, VerifyFailsANoticeThatHasEnded) {
  // The sample notice ends 2026-11-30T06:00:00Z; this stream's TDT says 07:00.
  ASSERT_EQ(run(build("--issued 2026-11-28T08:00:00Z --from 2026-11-30T07:00:00Z --out " +
                      dir_ / "late.ts"))
                .status,
            0);
  const auto v = run(tool() + " verify " + dir_ / "late.ts" + " --trust " + pub());
  EXPECT_EQ(v.status, 1) << v.out;
  EXPECT_NE(v.out.find("notice 1001 revision 2: REJECTED ended: at 2026-11-30T06:00:00Z, before "
                       "2026-11-30T07:00:00Z; a box refuses it"),
            std::string::npos)
      << v.out;
  EXPECT_NE(v.out.find("4 objects: 3 verified, 1 rejected (ended 1)"), std::string::npos) << v.out;
  const auto j =
      run(tool() + " verify --json " + dir_ / "late.ts" + " --trust " + pub() + " 2>/dev/null");
  EXPECT_EQ(j.status, 1);
  const auto json = nlohmann::json::parse(j.out);
  EXPECT_EQ(json["ok"], false);
  EXPECT_EQ(json["objects"][0]["status"], "rejected");
  EXPECT_EQ(json["objects"][0]["rejection"], "ended");
  EXPECT_EQ(json["rejections"]["ended"], 1);

  // --now judges at another time: before the end it passes, at the end it does not.
  EXPECT_EQ(run(tool() + " verify " + dir_ / "late.ts" + " --trust " + pub() +
                " --now 2026-11-30T05:59:59Z")
                .status,
            0);
  EXPECT_EQ(run(tool() + " verify " + dir_ / "late.ts" + " --trust " + pub() +
                " --now 2026-11-30T06:00:00Z")
                .status,
            1);
  EXPECT_EQ(
      run(tool() + " verify " + dir_ / "late.ts" + " --trust " + pub() + " --now tomorrow").status,
      2);
  // A .bin has no clock of its own: this computer's, unless --now says otherwise.
  writeTextFile(dir_ / "old.json", R"({"notices": [{"id": 7, "revision": 1, "kind": "information",
    "start": "2000-01-01T00:00:00Z", "end": "2000-01-01T01:00:00Z",
    "texts": [{"language": "eng", "title": "Old", "body": "Long over."}]}]})");
  ASSERT_EQ(
      run(tool() + " build " + dir_ / "old.json" + " --key " + key() + " --out " + dir_ / "old.bin")
          .status,
      0);
  const auto bin = run(tool() + " verify " + dir_ / "old.bin" + " --trust " + pub());
  EXPECT_EQ(bin.status, 1) << bin.out;
  EXPECT_NE(bin.out.find("notice 7 revision 1: REJECTED ended: at 2000-01-01T01:00:00Z"),
            std::string::npos)
      << bin.out;
  EXPECT_EQ(run(tool() + " verify " + dir_ / "old.bin" + " --trust " + pub() +
                " --now 2000-01-01T00:30:00Z")
                .status,
            0);
}

}  // namespace
