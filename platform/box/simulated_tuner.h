#pragma once
// A tuner for file and UDP sources, where there is no frontend: it reports
// a fixed status (plausible defaults, or whatever the caller sets), so the
// fault report's diagnostics read the same way on every kind of box.
#include <string>

#include "platform/box/tuner.h"

namespace platform {
namespace box {

// Locked, signal -45 dBm, SNR 30 dB, BER 2e-7 before and 0 after FEC.
TunerStatus plausibleTunerStatus();

class SimulatedTuner : public Tuner {
 public:
  explicit SimulatedTuner(TunerStatus status = plausibleTunerStatus(),
                          std::string source = "file or UDP source")
      : status_(status), source_(std::move(source)) {}

  void set(const TunerStatus& status) { status_ = status; }
  std::optional<TunerStatus> readStatus(std::string*) override { return status_; }
  // "simulated tuner (udp://239.1.1.1:1234)".
  std::string describe() const override { return "simulated tuner (" + source_ + ")"; }

 private:
  TunerStatus status_;
  std::string source_;
};

}  // namespace box
}  // namespace platform
