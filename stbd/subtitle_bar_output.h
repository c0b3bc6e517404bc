#pragma once
// overlay::SubtitleBar seen as the daemon's stb::BarOutput, presenting each
// change of the band on the visible screen when there is one (a window or a
// box's OSD layer; headless runs have none).
#include "overlay/screen.h"
#include "overlay/subtitle_bar.h"
#include "stb/ports/bar_output.h"

namespace stbd {

class SubtitleBarOutput : public stb::BarOutput {
 public:
  SubtitleBarOutput(overlay::Display& display, overlay::SubtitleBarOptions options,
                    overlay::Screen* screen)
      : bar_(display, options), screen_(screen) {}

  bool show(const stb::SubtitleBarView& view, int64_t start_ms, std::string* error) override {
    return bar_.show(view, start_ms, error);
  }
  void render(int64_t now_ms) override {
    bar_.render(now_ms);
    ++frames_;
    if (screen_) screen_->present(bar_.layout().band);
  }
  bool finishedPass(int64_t now_ms) const override { return bar_.finishedPass(now_ms); }
  void hide() override {
    const overlay::Rect band = bar_.layout().band;
    const bool was_visible = bar_.visible();
    bar_.hide();
    if (screen_ && was_visible) screen_->present(band);
  }

  const overlay::SubtitleBar& bar() const { return bar_; }
  uint64_t frames() const { return frames_; }

 private:
  overlay::SubtitleBar bar_;
  overlay::Screen* screen_;
  uint64_t frames_ = 0;
};

}  // namespace stbd
