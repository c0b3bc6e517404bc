#include "overlay/palette.h"

namespace overlay {

static constexpr Rgba kWhite{255, 255, 255, 255};
static constexpr Rgba kInk{20, 20, 20, 255};

// The band is the style colour darkened, at about 80% opacity, so the
// picture shows through a little and white text stays readable.
static constexpr uint8_t kBandAlpha = 204;

BarPalette paletteFor(stb::SubtitleBarView::Style style) {
  using Style = stb::SubtitleBarView::Style;
  switch (style) {
    case Style::kOutage:
      return {{211, 47, 47, 255}, kWhite, {60, 12, 12, kBandAlpha}, kWhite};
    case Style::kMaintenance:
      return {{255, 179, 0, 255}, kInk, {56, 40, 6, kBandAlpha}, kWhite};
    case Style::kServiceChange:
      return {{46, 125, 50, 255}, kWhite, {12, 40, 14, kBandAlpha}, kWhite};
    case Style::kEmergency:
      // Deep red everywhere and nearly opaque: it must not be missed.
      return {{139, 0, 0, 255}, kWhite, {110, 0, 0, 235}, kWhite};
    case Style::kFee:
      return {{21, 101, 192, 255}, kWhite, {8, 30, 60, kBandAlpha}, kWhite};
    case Style::kInformation:
      return {{84, 110, 122, 255}, kWhite, {24, 32, 38, kBandAlpha}, kWhite};
  }
  return {{84, 110, 122, 255}, kWhite, {24, 32, 38, kBandAlpha}, kWhite};
}

}  // namespace overlay
