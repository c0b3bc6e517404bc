#include "platform/box/frontend_tuner.h"

#include <fcntl.h>
#include <sys/ioctl.h>

#include <cerrno>
#include <cstring>

namespace platform {
namespace box {
namespace {

constexpr uint32_t kStatCommands[] = {
    DTV_STAT_SIGNAL_STRENGTH,      DTV_STAT_CNR,
    DTV_STAT_PRE_ERROR_BIT_COUNT,  DTV_STAT_PRE_TOTAL_BIT_COUNT,
    DTV_STAT_POST_ERROR_BIT_COUNT, DTV_STAT_POST_TOTAL_BIT_COUNT,
};
constexpr size_t kStatCount = sizeof(kStatCommands) / sizeof(kStatCommands[0]);
enum StatIndex { kSignal, kCnr, kPreErrors, kPreTotal, kPostErrors, kPostTotal };

// One error ratio from a pair of counters; the window restarts when either
// counter is missing.
std::optional<double> sampleRatio(BitErrorRatio* ratio, const StatReading& errors,
                                  const StatReading& total, bool* had_counters) {
  if (errors.unit != StatReading::Unit::kCount || total.unit != StatReading::Unit::kCount) {
    ratio->reset();
    return std::nullopt;
  }
  *had_counters = true;
  return ratio->sample(errors.count, total.count);
}

}  // namespace

std::string frontendPath(int adapter, int frontend) {
  return "/dev/dvb/adapter" + std::to_string(adapter) + "/frontend" + std::to_string(frontend);
}

std::unique_ptr<FrontendTuner> FrontendTuner::open(DeviceIo* io, const std::string& path,
                                                   std::string* error) {
  const IoResult opened = io->open(path, O_RDONLY | O_NONBLOCK);
  if (!opened.ok()) {
    *error = "cannot open frontend " + path + ": " + errorText(opened.err);
    return nullptr;
  }
  return std::unique_ptr<FrontendTuner>(
      new FrontendTuner(io, DeviceFd(io, static_cast<int>(opened.value)), path));
}

std::optional<TunerStatus> FrontendTuner::readStatus(std::string* error) {
  fe_status_t fe_status{};
  const IoResult got = io_->ioctl(fd_.get(), FE_READ_STATUS, &fe_status);
  if (!got.ok()) {
    *error = describe() + ": FE_READ_STATUS: " + errorText(got.err);
    return std::nullopt;
  }
  TunerStatus status;
  status.fe_status = static_cast<uint32_t>(fe_status);
  status.locked = (status.fe_status & FE_HAS_LOCK) != 0;

  bool have_ber_counters = false;
  if (!legacy_only_ && !readV5(&status, &have_ber_counters)) {
    pre_fec_.reset();
    post_fec_.reset();
  }
  readLegacy(&status, !have_ber_counters);
  return status;
}

bool FrontendTuner::readV5(TunerStatus* status, bool* have_ber_counters) {
  dtv_property props[kStatCount];
  std::memset(props, 0, sizeof(props));
  for (size_t i = 0; i < kStatCount; ++i) props[i].cmd = kStatCommands[i];
  dtv_properties request;
  request.num = kStatCount;
  request.props = props;
  const IoResult got = io_->ioctl(fd_.get(), FE_GET_PROPERTY, &request);
  if (!got.ok()) {
    if (got.err == ENOTTY || got.err == EOPNOTSUPP) legacy_only_ = true;
    return false;
  }
  StatReading readings[kStatCount];
  for (size_t i = 0; i < kStatCount; ++i) readings[i] = readStat(props[i]);

  const StatReading& signal = readings[kSignal];
  if (signal.unit == StatReading::Unit::kDecibel) status->signal_dbm = signal.value;
  if (signal.unit == StatReading::Unit::kPercent) status->signal_percent = signal.value;
  const StatReading& cnr = readings[kCnr];
  if (cnr.unit == StatReading::Unit::kDecibel) status->snr_db = cnr.value;
  if (cnr.unit == StatReading::Unit::kPercent) status->snr_percent = cnr.value;

  status->ber_pre_fec =
      sampleRatio(&pre_fec_, readings[kPreErrors], readings[kPreTotal], have_ber_counters);
  status->ber_post_fec =
      sampleRatio(&post_fec_, readings[kPostErrors], readings[kPostTotal], have_ber_counters);
  return true;
}

void FrontendTuner::readLegacy(TunerStatus* status, bool want_ber) {
  // A legacy call a driver does not implement fails (often ENOTTY or
  // EOPNOTSUPP); the measure then stays absent.
  if (!status->signal_dbm && !status->signal_percent) {
    uint16_t strength = 0;
    if (io_->ioctl(fd_.get(), FE_READ_SIGNAL_STRENGTH, &strength).ok()) {
      status->signal_percent = relativeToPercent(strength);
    }
  }
  if (!status->snr_db && !status->snr_percent) {
    uint16_t snr = 0;
    if (io_->ioctl(fd_.get(), FE_READ_SNR, &snr).ok()) status->snr_percent = relativeToPercent(snr);
  }
  if (want_ber) {
    uint32_t ber = 0;
    if (io_->ioctl(fd_.get(), FE_READ_BER, &ber).ok()) status->legacy_ber_raw = ber;
  }
}

}  // namespace box
}  // namespace platform
