#pragma once
// What the subtitle bar shows: a plain view model filled in by stb/. The
// overlay knows nothing of notices; it only draws this.
#include <string>

namespace stb {

struct SubtitleBarView {
  enum class Style { kOutage, kMaintenance, kServiceChange, kEmergency, kFee, kInformation };
  Style style = Style::kInformation;
  // The box at the left, e.g. "计划维护 · 12小时后开始" or "Mantenimiento · empieza en 12 h".
  std::string label;
  // The crawl text, UTF-8 (CJK, Latin, Cyrillic).
  std::string text;
};

}  // namespace stb
