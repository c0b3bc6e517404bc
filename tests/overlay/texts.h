#pragma once
// The view models the tests and goldens draw.
#include "overlay/subtitle_bar_view.h"

namespace overlay_test {

inline overlay::SubtitleBarView maintenanceZh() {
  return {overlay::SubtitleBarView::Style::kMaintenance, "计划维护 · 12小时后开始",
          "明天02:00至06:00线路维护，届时暂停收看。"};
}

inline overlay::SubtitleBarView outageEs() {
  return {overlay::SubtitleBarView::Style::kOutage, "Corte de señal · empieza en 3 h",
          "Mañana de 02:00 a 06:00 no habrá señal en su zona por obras en la red. "
          "Disculpe las molestias."};
}

inline overlay::SubtitleBarView informationRu() {
  return {overlay::SubtitleBarView::Style::kInformation, "Информация",
          "Завтра с 02:00 до 06:00 плановые работы на сети. Приносим извинения."};
}

}  // namespace overlay_test
