#pragma once
// What the box knows about its reception: lock, signal level, signal to
// noise and bit error rates, each absent when the tuner cannot say. Units
// are in the field names; a relative reading is never passed off as dB.
#include <cstdint>
#include <optional>
#include <string>

namespace platform {
namespace box {

struct TunerStatus {
  bool locked = false;
  uint32_t fe_status = 0;  // FE_HAS_SIGNAL | FE_HAS_CARRIER | ... as the driver gave them

  // Signal level: in dBm when the driver measures it (DVBv5 FE_SCALE_DECIBEL),
  // otherwise a relative 0..100 % (FE_SCALE_RELATIVE or legacy 0..65535).
  std::optional<double> signal_dbm;
  std::optional<double> signal_percent;
  // Carrier to noise: dB (DVBv5 FE_SCALE_DECIBEL) or relative 0..100 %
  // (FE_SCALE_RELATIVE, or legacy FE_READ_SNR, whose unit is driver-defined).
  std::optional<double> snr_db;
  std::optional<double> snr_percent;
  // Bit error ratios (errors / bits) between this reading and the one before,
  // from the DVBv5 counters; absent on the first reading and when no bits
  // were counted in between.
  std::optional<double> ber_pre_fec;
  std::optional<double> ber_post_fec;
  // Legacy FE_READ_BER: a driver-defined count, not a ratio.
  std::optional<uint32_t> legacy_ber_raw;

  // "locked, signal -45.0 dBm, snr 12.3 dB, ber pre 1.2e-05 post 0" for logs.
  std::string describe() const;
};

class Tuner {
 public:
  virtual ~Tuner() = default;
  // Absent (and *error) only when the lock state itself cannot be read;
  // a measure the tuner cannot give is simply left empty.
  virtual std::optional<TunerStatus> readStatus(std::string* error) = 0;
  virtual std::string describe() const = 0;
};

}  // namespace box
}  // namespace platform
