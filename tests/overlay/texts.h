#pragma once
// The view models the tests and goldens draw.
#include <string>

#include "stb/ports/subtitle_bar_view.h"

namespace overlay_test {

inline stb::SubtitleBarView maintenanceZh() {
  return {stb::SubtitleBarView::Style::kMaintenance, "计划维护 · 12小时后开始",
          "明天02:00至06:00线路维护，届时暂停收看。"};
}

inline stb::SubtitleBarView outageEs() {
  return {stb::SubtitleBarView::Style::kOutage, "Corte de señal · empieza en 3 h",
          "Mañana de 02:00 a 06:00 no habrá señal en su zona por obras en la red. "
          "Disculpe las molestias."};
}

inline stb::SubtitleBarView informationRu() {
  return {stb::SubtitleBarView::Style::kInformation, "Информация",
          "Завтра с 02:00 до 06:00 плановые работы на сети. Приносим извинения."};
}

// The first COUNT characters (not bytes) of PARAGRAPH repeated.
inline std::string repeatedCharacters(const std::string& paragraph, size_t count) {
  std::string out;
  size_t chars = 0;
  for (size_t i = 0;; i = (i + 1) % paragraph.size()) {
    const bool continuation = (static_cast<unsigned char>(paragraph[i]) & 0xC0) == 0x80;
    if (!continuation && ++chars > count) break;
    out += paragraph[i];
  }
  return out;
}

// The longest bodies the protocol carries (2,048 bytes on the wire,
// dvb/notice/limits.h), with a title and a contact as the box shows them.
// Chinese: 1,023 characters, 2 bytes each in GB2312 after the table byte.
inline stb::SubtitleBarView longestZh() {
  return {stb::SubtitleBarView::Style::kMaintenance, "计划维护 · 12小时后开始",
          "线路维护通知：" +
              repeatedCharacters("因光缆线路改造，本市部分区域有线电视信号将于明天凌晨二点至六点"
                                 "中断，届时暂停收看全部频道，维护完成后自动恢复，无需重启机顶盒。"
                                 "给您带来的不便，敬请谅解。",
                                 1023) +
              "咨询电话 96123"};
}

// Spanish and English: one byte a character in ISO 8859-1 / ASCII.
inline stb::SubtitleBarView longestEs() {
  return {stb::SubtitleBarView::Style::kOutage, "Corte de servicio · empieza en 3 h",
          "Corte programado: " +
              repeatedCharacters("Por obras de mejora en la red de fibra, mañana de 02:00 a 06:00 "
                                 "no habrá señal en su zona; el servicio volverá solo, sin "
                                 "reiniciar el decodificador. Disculpe las molestias. ",
                                 2047) +
              " Información: 96123"};
}

inline stb::SubtitleBarView longestEn() {
  return {stb::SubtitleBarView::Style::kInformation, "Notice",
          "Network works: " +
              repeatedCharacters("Because of fibre upgrades, there will be no signal in your area "
                                 "tomorrow from 02:00 to 06:00; service returns by itself, with "
                                 "no need to restart the box. We apologise for the trouble. ",
                                 2047) +
              " Info: 96123"};
}

}  // namespace overlay_test
