#pragma once
// Tuner status from a Linux DVB frontend (/dev/dvb/adapterN/frontendM):
// FE_READ_STATUS for the lock, DVBv5 statistics (FE_GET_PROPERTY) for the
// measures, and the legacy FE_READ_SIGNAL_STRENGTH / FE_READ_SNR /
// FE_READ_BER for a measure v5 does not give.
#include <memory>
#include <string>

#include "platform/box/device_io.h"
#include "platform/box/frontend_stats.h"
#include "platform/box/tuner.h"

namespace platform {
namespace box {

// "/dev/dvb/adapterN/frontendM".
std::string frontendPath(int adapter, int frontend);

class FrontendTuner : public Tuner {
 public:
  // Opens PATH read-only and non-blocking: status reads need no write access,
  // and a read-only open does not disturb whoever tunes. IO must outlive the
  // tuner. Nullptr and *error (path and reason) when it cannot be opened.
  static std::unique_ptr<FrontendTuner> open(DeviceIo* io, const std::string& path,
                                             std::string* error);

  // Fails only when FE_READ_STATUS fails. Bit error ratios need two readings.
  std::optional<TunerStatus> readStatus(std::string* error) override;
  std::string describe() const override { return "frontend " + path_; }

  // True once FE_GET_PROPERTY answered ENOTTY or EOPNOTSUPP: from then on
  // only the legacy calls are made.
  bool legacyOnly() const { return legacy_only_; }

 private:
  FrontendTuner(DeviceIo* io, DeviceFd fd, std::string path)
      : io_(io), fd_(std::move(fd)), path_(std::move(path)) {}
  // Fills what DVBv5 statistics give; false when the call failed.
  bool readV5(TunerStatus* status, bool* have_ber_counters);
  void readLegacy(TunerStatus* status, bool want_ber);

  DeviceIo* io_;
  DeviceFd fd_;
  std::string path_;
  bool legacy_only_ = false;
  BitErrorRatio pre_fec_;
  BitErrorRatio post_fec_;
};

}  // namespace box
}  // namespace platform
