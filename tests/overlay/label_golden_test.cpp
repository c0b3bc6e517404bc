// Every label the box says (stb/wording: each kind before and during its
// window with short and long time phrases, and every fee phrase) in every
// language of the catalogue at every resolution: never cut, and as pictures.
//
// One golden "sheet" per language, resolution and group: the left half of
// the band for each label, stacked top to bottom, composed over the test
// picture. A differing sheet writes NAME.candidate.png (golden_test.cpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "overlay/palette.h"
#include "overlay/subtitle_bar.h"
#include "overlay/test_picture.h"
#include "stb/scheduler.h"
#include "stb/wording.h"
#include "tests/overlay/fixtures.h"
#include "tests/overlay/png_compare.h"

namespace {

using dvb::notice::NoticeKind;
using overlay::Image;
using overlay::Rect;
using stb::SubtitleBarView;
using Style = SubtitleBarView::Style;

// 2026-11-29 20:00 UTC: 04:00 on 30 November in the box's +08:00.
constexpr dvb::UtcSeconds kNow = 1'795'982'400;
constexpr int kOffsetMinutes = 480;

struct Label {
  Style style;
  std::string text;
  std::string time_phrase;  // what must stay whole
};

const NoticeKind kKinds[] = {NoticeKind::kPlannedMaintenance, NoticeKind::kUnplannedOutage,
                             NoticeKind::kServiceChange, NoticeKind::kEmergency,
                             NoticeKind::kInformation};

// Starting in 1 minute, 24 hours and 12 days.
std::vector<Label> scheduledLabels(stb::Language lang) {
  std::vector<Label> out;
  for (NoticeKind kind : kKinds)
    for (int64_t ahead : {int64_t{60}, int64_t{24 * 3600}, int64_t{12 * 86400}}) {
      dvb::notice::Notice n;
      n.kind = kind;
      n.start = kNow + ahead;
      n.end = n.start + 4 * 3600;
      out.push_back(
          {stb::barStyleOf(kind),
           stb::noticeLabel(lang, kind, stb::NoticePhase::kScheduled, n, kNow, kOffsetMinutes),
           stb::formatStartsIn(lang, ahead)});
    }
  return out;
}

// Ending at 06:00 today, and at 06:00 on 13 December.
std::vector<Label> inProgressLabels(stb::Language lang) {
  std::vector<Label> out;
  for (NoticeKind kind : kKinds)
    for (dvb::UtcSeconds end : {kNow + 2 * 3600, kNow + 13 * 86400 + 2 * 3600}) {
      dvb::notice::Notice n;
      n.kind = kind;
      n.start = kNow - 3600;
      n.end = end;
      out.push_back(
          {stb::barStyleOf(kind),
           stb::noticeLabel(lang, kind, stb::NoticePhase::kInProgress, n, kNow, kOffsetMinutes),
           stb::formatUntil(lang, end, kNow, kOffsetMinutes)});
    }
  return out;
}

std::vector<Label> feeLabels(stb::Language lang) {
  std::vector<Label> out;
  for (int days : {30, 1, 0, -1, -30}) {
    const std::string label = stb::feeLabel(lang, days);
    out.push_back({Style::kFee, label, label.substr(label.rfind(" · ") + 4)});
  }
  return out;
}

using Case = overlay_test::ScreenCase;

class LabelTest : public ::testing::TestWithParam<Case> {
 protected:
  void SetUp() override {
    display_ = overlay_test::openDisplay(GetParam().w, GetParam().h);
    ASSERT_NE(display_, nullptr);
  }

  // Checks that LABEL is set whole inside its box, and returns the left half
  // of the band as the viewer sees it.
  Image showLabel(const Label& label) {
    overlay::SubtitleBar bar(*display_);
    std::string error;
    EXPECT_TRUE(bar.show(SubtitleBarView{label.style, label.text, ""}, 0, &error)) << error;
    bar.render(0);
    const overlay::BarLayout& l = bar.layout();
    const overlay::LabelFit& fit = bar.labelFit();
    // Measured: every line within the box's padding, all lines within its height.
    EXPECT_LE(fit.advance(), l.label_box.w - 2 * l.padding) << label.text;
    EXPECT_LE(static_cast<int>(fit.lines.size()) * fit.line_height, l.label_box.h) << label.text;
    // The time phrase is set whole, as a line's end.
    EXPECT_FALSE(fit.lines.empty()) << label.text;
    const std::string last = fit.lines.empty() ? "" : fit.lines.back();
    EXPECT_TRUE(last.size() >= label.time_phrase.size() &&
                last.compare(last.size() - label.time_phrase.size(), std::string::npos,
                             label.time_phrase) == 0)
        << label.text << " ends in line \"" << last << "\"";
    // Drawn: the box's right-hand padding is clear of ink.
    const Image overlay_img = overlay_test::capture(*display_);
    const overlay::Rgba box = overlay::paletteFor(label.style).label_box;
    int ink = 0;
    for (int y = l.label_box.y; y < l.label_box.bottom(); ++y)
      for (int x = l.label_box.right() - l.padding / 2; x < l.label_box.right(); ++x) {
        const overlay::Rgba c = overlay_img.at(x, y);
        ink += std::abs(c.r - box.r) + std::abs(c.g - box.g) + std::abs(c.b - box.b) > 0 ? 1 : 0;
      }
    EXPECT_EQ(ink, 0) << label.text;
    const Image screen = overlay::composeOver(
        overlay_img, overlay::makeTestPicture(display_->width(), display_->height()));
    const Rect crop{l.band.x, l.band.y, l.band.w / 2, l.band.h};
    Image out(crop.w, crop.h);
    for (int y = 0; y < crop.h; ++y)
      for (int x = 0; x < crop.w; ++x) out.set(x, y, screen.at(crop.x + x, crop.y + y));
    bar.hide();
    return out;
  }

  void checkSheet(const std::string& group, const std::vector<Label>& labels) {
    std::vector<Image> rows;
    for (const Label& label : labels) rows.push_back(showLabel(label));
    ASSERT_FALSE(rows.empty());
    Image sheet(rows[0].width, rows[0].height * static_cast<int>(rows.size()));
    for (size_t i = 0; i < rows.size(); ++i)
      std::copy(rows[i].rgba.begin(), rows[i].rgba.end(),
                sheet.rgba.begin() + static_cast<std::ptrdiff_t>(i * rows[i].rgba.size()));
    const Case c = GetParam();
    overlay_test::expectMatchesGolden(sheet, STB_OVERLAY_GOLDEN_DIR,
                                      "labels_" + group + "_" + c.language + "_" +
                                          std::to_string(c.w) + "x" + std::to_string(c.h));
  }

  std::unique_ptr<overlay::Display> display_;
};

TEST_P(LabelTest, ScheduledLabelsAreWhole) {
  checkSheet("scheduled", scheduledLabels(*stb::languageOf(GetParam().language)));
}

TEST_P(LabelTest, InProgressLabelsAreWhole) {
  checkSheet("in_progress", inProgressLabels(*stb::languageOf(GetParam().language)));
}

TEST_P(LabelTest, FeeLabelsAreWhole) {
  checkSheet("fee", feeLabels(*stb::languageOf(GetParam().language)));
}

INSTANTIATE_TEST_SUITE_P(Catalogue, LabelTest,
                         ::testing::ValuesIn(overlay_test::everyLanguageAndSize()),
                         overlay_test::screenCaseName);

}  // namespace
