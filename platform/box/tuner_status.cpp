#include "platform/box/tuner.h"

#include <cstdio>

namespace platform {
namespace box {
namespace {

std::string format(const char* pattern, double value) {
  char text[48];
  std::snprintf(text, sizeof(text), pattern, value);
  return text;
}

}  // namespace

std::string TunerStatus::describe() const {
  std::string text = locked ? "locked" : "not locked";
  if (signal_dbm) text += ", signal " + format("%.1f dBm", *signal_dbm);
  if (signal_percent) text += ", signal " + format("%.0f %%", *signal_percent);
  if (snr_db) text += ", snr " + format("%.1f dB", *snr_db);
  if (snr_percent) text += ", snr " + format("%.0f %%", *snr_percent);
  if (ber_pre_fec) text += ", ber pre-fec " + format("%.2g", *ber_pre_fec);
  if (ber_post_fec) text += ", ber post-fec " + format("%.2g", *ber_post_fec);
  if (legacy_ber_raw) text += ", ber (driver units) " + std::to_string(*legacy_ber_raw);
  return text;
}

}  // namespace box
}  // namespace platform
