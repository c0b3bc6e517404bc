// stb-preview's pictures against goldens (tests/overlay/golden/preview/),
// within the tolerance every screenshot test uses. A missing or differing
// golden writes NAME.candidate.png beside it: look at it, and rename it to
// NAME.png if it is right.
#include <gtest/gtest.h>

#include "tests/overlay/png_compare.h"
#include "tests/stbd/preview/preview_fixture.h"
#include "tests/support/files.h"

namespace {

using testing_support::ScratchDir;

// Each of FILES in OUT_DIR against the golden PREFIX + its name.
void expectGoldens(const std::string& out_dir, const std::string& prefix,
                   const std::vector<std::string>& files) {
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    std::string error;
    const auto picture = overlay_test::readPng(out_dir + "/" + file, &error);
    ASSERT_TRUE(picture.has_value()) << error;
    const std::string stem = file.substr(0, file.size() - 4);  // without ".png"
    overlay_test::expectMatchesGolden(*picture, STB_PREVIEW_GOLDEN_DIR, prefix + stem);
  }
}

TEST(PreviewGoldenTest, MaintenanceInChineseAndSpanishAtSdAndFullHd) {
  ScratchDir dir("preview_golden_maintenance");
  preview_test::writeBody(preview_test::maintenance(), dir / "notice.body");
  const auto run =
      preview_test::runPreview("--body " + dir / "notice.body" + " --out " + dir / "out" +
                               " --sizes 720x576,1920x1080 --languages zho,spa");
  ASSERT_EQ(run.status, 0) << run.err;
  std::vector<std::string> files;
  for (const char* language : {"zho", "spa"})
    for (const char* size : {"720x576", "1920x1080"})
      for (const char* state : {"ahead", "live"})
        files.push_back(std::string(language) + "-" + size + "-" + state + ".png");
  expectGoldens(dir / "out", "maintenance-", files);
}

TEST(PreviewGoldenTest, EmergencyShowsItsEmergencyStyle) {
  ScratchDir dir("preview_golden_emergency");
  preview_test::writeBody(preview_test::emergency(), dir / "notice.body");
  const auto run = preview_test::runPreview("--body " + dir / "notice.body" + " --out " +
                                            dir / "out" + " --sizes 1280x720 --languages zho,spa");
  ASSERT_EQ(run.status, 0) << run.err;
  expectGoldens(dir / "out", "emergency-",
                {"zho-1280x720-ahead.png", "zho-1280x720-live.png", "spa-1280x720-live.png"});
}

}  // namespace
