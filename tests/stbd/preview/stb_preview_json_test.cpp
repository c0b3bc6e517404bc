// stb-preview's preview.json: the pictures it made, the text each shows,
// and crossing times measured on the laid-out text.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "tests/overlay/png_compare.h"
#include "tests/stbd/preview/preview_fixture.h"
#include "tests/support/files.h"

namespace {

using testing_support::ScratchDir;

// stb-preview on NOTICE with ARGS; its preview.json, or null when it failed.
nlohmann::json preview(const ScratchDir& dir, const dvb::notice::Notice& notice,
                       const std::string& name, const std::string& args) {
  preview_test::writeBody(notice, dir / (name + ".body"));
  const auto run = preview_test::runPreview("--body " + dir / (name + ".body") + " --out " +
                                            dir / name + " " + args);
  EXPECT_EQ(run.status, 0) << run.err;
  const std::string text = testing_support::readTextFile(dir / name + "/preview.json");
  return nlohmann::json::parse(text, nullptr, false);
}

// Crossing seconds ("seconds" or "ahead_seconds") by "lang-WxH".
std::map<std::string, double> crossings(const nlohmann::json& j, const char* key) {
  std::map<std::string, double> out;
  for (const auto& c : j.at("crossings"))
    out[c.at("language").get<std::string>() + "-" + std::to_string(c.at("width").get<int>()) + "x" +
        std::to_string(c.at("height").get<int>())] = c.at(key).get<double>();
  return out;
}

TEST(PreviewJsonTest, ListsEveryPictureItWrote) {
  ScratchDir dir("preview_json_images");
  const auto j = preview(dir, preview_test::maintenance(), "m", "--languages zho,spa");
  ASSERT_FALSE(j.is_discarded());
  ASSERT_EQ(j.at("images").size(), 12u);  // 2 languages x 3 sizes x 2 moments
  const auto& first = j.at("images").at(0);
  EXPECT_EQ(first.at("file"), "zho-720x576-ahead.png");
  EXPECT_EQ(first.at("language"), "zho");
  EXPECT_EQ(first.at("width"), 720);
  EXPECT_EQ(first.at("height"), 576);
  EXPECT_EQ(first.at("state"), "ahead");
  EXPECT_EQ(j.at("images").at(1).at("state"), "live");
  for (const auto& image : j.at("images")) {
    EXPECT_TRUE(std::filesystem::is_regular_file(dir / "m/" + image.at("file").get<std::string>()))
        << image.at("file");
    EXPECT_EQ(image.at("text_language"), image.at("language"));
  }
  EXPECT_EQ(j.at("crossings").size(), 6u);
}

TEST(PreviewJsonTest, CrossingTakesLongerOnWiderScreensAndForLongerText) {
  ScratchDir dir("preview_json_crossings");
  const auto short_text =
      crossings(preview(dir, preview_test::maintenance(), "short", ""), "seconds");
  const auto long_text =
      crossings(preview(dir, preview_test::maintenance(true), "long", ""), "seconds");
  ASSERT_EQ(short_text.size(), 9u);
  for (const char* lang : {"zho", "spa", "eng"}) {
    SCOPED_TRACE(lang);
    const std::string l(lang);
    EXPECT_GT(short_text.at(l + "-720x576"), 5.0);
    EXPECT_LT(short_text.at(l + "-720x576"), short_text.at(l + "-1280x720"));
    EXPECT_LT(short_text.at(l + "-1280x720"), short_text.at(l + "-1920x1080"));
    for (const char* size : {"720x576", "1280x720", "1920x1080"})
      EXPECT_GT(long_text.at(l + "-" + size), short_text.at(l + "-" + size) + 1.0) << size;
  }
}

TEST(PreviewJsonTest, CrossingFollowsTheSpeed) {
  ScratchDir dir("preview_json_speed");
  const auto normal =
      crossings(preview(dir, preview_test::maintenance(), "n", "--sizes 1280x720 --languages spa"),
                "ahead_seconds");
  const auto fast = crossings(preview(dir, preview_test::maintenance(), "f",
                                      "--sizes 1280x720 --languages spa --speed 240"),
                              "ahead_seconds");
  ASSERT_EQ(normal.size(), 1u);
  ASSERT_EQ(fast.size(), 1u);
  EXPECT_NEAR(fast.at("spa-1280x720") * 2, normal.at("spa-1280x720"), 0.02);
}

// A box whose language the notice lacks shows its fallback text (the
// notice's first), worded in that text's language: the same picture.
TEST(PreviewJsonTest, LanguageTheNoticeLacksShowsTheBoxsFallback) {
  ScratchDir dir("preview_json_fallback");
  const auto j = preview(dir, preview_test::maintenance(), "m", "--sizes 720x576 --languages eng");
  ASSERT_FALSE(j.is_discarded());
  ASSERT_EQ(j.at("images").size(), 2u);
  EXPECT_EQ(j.at("images").at(0).at("file"), "eng-720x576-ahead.png");
  EXPECT_EQ(j.at("images").at(0).at("text_language"), "zho");
  EXPECT_EQ(j.at("crossings").at(0).at("text_language"), "zho");
  preview(dir, preview_test::maintenance(), "zho", "--sizes 720x576 --languages zho");
  for (const char* state : {"ahead", "live"}) {
    std::string error;
    const auto eng = overlay_test::readPng(dir / "m/eng-720x576-" + state + ".png", &error);
    const auto zho = overlay_test::readPng(dir / "zho/zho-720x576-" + state + ".png", &error);
    ASSERT_TRUE(eng && zho) << error;
    EXPECT_EQ(overlay_test::compareImages(*eng, *zho, 0).differing, 0u) << state;
  }
}

}  // namespace
