#pragma once
// Test helpers for golden screenshots: a PNG reader (libpng) and a
// per-pixel comparator with a tolerance.
#include <cstddef>
#include <optional>
#include <string>

#include "overlay/image.h"

namespace overlay_test {

// Any PNG libpng reads, converted to 8-bit straight RGBA.
std::optional<overlay::Image> readPng(const std::string& path, std::string* error);

struct ImageDiff {
  bool same_size = false;
  size_t differing = 0;  // pixels with some channel differing by more than the tolerance
  size_t total = 0;
  int max_channel_diff = 0;
  double fraction() const { return total ? static_cast<double>(differing) / total : 1.0; }
};

ImageDiff compareImages(const overlay::Image& a, const overlay::Image& b, int tolerance);

// The golden check every screenshot test uses: SCREEN must match DIR/NAME.png
// within 8 levels per channel on all but 0.5% of the pixels. Otherwise the
// test fails and NAME.candidate.png is written beside it: look at it and, if
// it is right, rename it to NAME.png. A match removes a stale candidate.
void expectMatchesGolden(const overlay::Image& screen, const std::string& dir,
                         const std::string& name);

}  // namespace overlay_test
