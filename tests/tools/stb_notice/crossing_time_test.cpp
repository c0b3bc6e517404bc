// The operator is warned when a notice's crawl would take longer than a
// viewer will watch to cross the box's screen: in build's summary and in
// verify's report, per notice and language, with the limit an option.
#include "tools/stb-notice/crossing_time.h"

#include <gtest/gtest.h>

#include "tests/tools/stb_notice/stb_notice_test_util.h"

namespace {

using stb_notice_test::run;
using stb_notice_test::ScratchDir;
using stb_notice_test::tool;
using stb_notice_test::writeTextFile;
using tools::notice::CrossingLimit;

std::string repeated(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// 620 Chinese characters: the body of issue 11.
const std::string kLongZh = repeated("线路维护期间暂停收看全部频道，敬请谅解。", 31);

dvb::notice::NoticeText text(const std::string& language, const std::string& title,
                             const std::string& body) {
  dvb::notice::NoticeText t;
  t.language = language;
  t.title.utf8 = title;
  t.body.utf8 = body;
  return t;
}

TEST(CrossingTimeTest, EstimateFollowsTheBoxFontAndSpeed) {
  // 620 wide characters at 1920x1080 (51 px text): about 31,600 px + the
  // 1,728 px band, 278 s at 120 px/s (the box measures 31,620 px of text).
  const auto c = tools::notice::estimateCrossing(text("zho", "", kLongZh), "", 120);
  EXPECT_EQ(c.width, 1920);
  EXPECT_EQ(c.height, 1080);
  EXPECT_NEAR(c.seconds, (1728 + 620 * 51) / 120.0, 1.0);
  // Twice the speed, half the time.
  EXPECT_NEAR(tools::notice::estimateCrossing(text("zho", "", kLongZh), "", 240).seconds,
              c.seconds / 2, 0.5);
  // Latin text advances about 0.45 em a character.
  const std::string latin(200, 'a');
  EXPECT_NEAR(tools::notice::estimateCrossing(text("eng", "", latin), "", 120).seconds,
              (1728 + 200 * 0.45 * 51) / 120.0, 1.0);
}

TEST(CrossingTimeTest, WarnsPerLanguageOnlyForTheLongText) {
  dvb::notice::Notice n;
  n.contact = "96123";
  n.texts = {text("zho", "线路维护", kLongZh), text("spa", "Aviso", "Corte breve esta noche.")};
  const auto warnings = tools::notice::crossingWarnings(1001, n, CrossingLimit{});
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("warning: notice 1001 (zho)"), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[0].find("1920x1080"), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[0].find("more than 1m"), std::string::npos) << warnings[0];
  // A limit above the crossing time: nothing to say.
  EXPECT_TRUE(tools::notice::crossingWarnings(1001, n, CrossingLimit{120, 600'000}).empty());
}

std::string noticeJson(const std::string& zh_body) {
  return R"({"notices": [{"id": 7, "revision": 1, "kind": "planned_maintenance",
    "start": "2026-11-30T02:00:00Z", "end": "2026-11-30T06:00:00Z",
    "targets": {"areas": ["36"]}, "texts": [
      {"language": "zho", "charset": "gb2312", "title": "线路维护", "body": ")" +
         zh_body + R"("},
      {"language": "eng", "title": "Maintenance", "body": "Short outage tonight."}]}]})";
}

TEST(CrossingTimeTest, BuildAndVerifyWarnAboutALongTextOnly) {
  ScratchDir dir("crossing");
  const auto key = stb_notice_test::makeKey(dir.path(), "op");
  writeTextFile(dir / "long.json", noticeJson(kLongZh));
  writeTextFile(dir / "short.json", noticeJson("今晚短暂停机。"));
  const std::string build =
      tool() + " build --key " + key.private_path + " --issued " + "2026-11-29T00:00:00Z ";

  const auto long_build = run(build + dir / "long.json" + " --out " + dir / "long.bin");
  ASSERT_EQ(long_build.status, 0) << long_build.out;
  EXPECT_NE(long_build.out.find("warning: notice 7 (zho): the crawl takes about"),
            std::string::npos)
      << long_build.out;
  EXPECT_EQ(long_build.out.find("(eng)"), std::string::npos) << long_build.out;

  const auto short_build = run(build + dir / "short.json" + " --out " + dir / "short.bin");
  ASSERT_EQ(short_build.status, 0) << short_build.out;
  EXPECT_EQ(short_build.out.find("warning"), std::string::npos) << short_build.out;

  // The limit is the operator's: 10 minutes lets the long text pass, 5 s
  // catches even the short one.
  const auto relaxed =
      run(build + dir / "long.json" + " --out " + dir / "long2.bin --crawl-limit 10m");
  ASSERT_EQ(relaxed.status, 0) << relaxed.out;
  EXPECT_EQ(relaxed.out.find("warning"), std::string::npos) << relaxed.out;
  const auto strict =
      run(build + dir / "short.json" + " --out " + dir / "short2.bin --crawl-limit 5s");
  EXPECT_NE(strict.out.find("warning: notice 7 (zho)"), std::string::npos) << strict.out;
  const auto bad = run(build + dir / "short.json" + " --out " + dir / "x.bin --crawl-limit soon");
  EXPECT_EQ(bad.status, 2) << bad.out;

  // verify says the same about what is on the air.
  // Judged before the notice ends, as a .bin is otherwise judged by the clock.
  const std::string verify =
      tool() + " verify --now 2026-11-29T00:00:00Z --trust " + key.public_path + " ";
  const auto long_verify = run(verify + dir / "long.bin");
  EXPECT_EQ(long_verify.status, 0) << long_verify.out;
  EXPECT_NE(long_verify.out.find("warning: notice 7 (zho)"), std::string::npos) << long_verify.out;
  const auto short_verify = run(verify + dir / "short.bin");
  EXPECT_EQ(short_verify.status, 0) << short_verify.out;
  EXPECT_EQ(short_verify.out.find("warning"), std::string::npos) << short_verify.out;
  const auto faster = run(verify + dir / "long.bin --crawl-speed 1000");
  EXPECT_EQ(faster.out.find("warning"), std::string::npos) << faster.out;
}

}  // namespace
