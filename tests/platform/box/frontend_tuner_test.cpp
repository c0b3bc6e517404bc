// FrontendTuner against a scripted frontend: DVBv5 statistics in each
// scale, the legacy fallback, and bit error ratios from counter deltas.
#include "platform/box/frontend_tuner.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <map>

#include "platform/box/simulated_tuner.h"
#include "tests/platform/box/fake_device_io.h"

namespace platform {
namespace box {
namespace {

const std::string kFrontend = "/dev/dvb/adapter0/frontend0";

dtv_stats stat(fecap_scale_params scale, int64_t svalue) {
  dtv_stats result;
  std::memset(&result, 0, sizeof(result));
  result.scale = scale;
  result.svalue = svalue;
  return result;
}
dtv_stats counter(uint64_t value) {
  dtv_stats result;
  std::memset(&result, 0, sizeof(result));
  result.scale = FE_SCALE_COUNTER;
  result.uvalue = value;
  return result;
}

// A frontend whose answers the test sets field by field.
class FakeFrontend {
 public:
  explicit FakeFrontend(FakeDeviceIo* io) {
    io->onIoctl([this](int, unsigned long request, void* arg) { return answer(request, arg); });
  }
  uint32_t status = FE_HAS_SIGNAL | FE_HAS_CARRIER | FE_HAS_VITERBI | FE_HAS_SYNC | FE_HAS_LOCK;
  std::map<uint32_t, dtv_stats> stats;  // by DTV_STAT_* command; missing = not available
  uint32_t stats_len = 1;
  int property_error = 0;
  std::optional<uint16_t> legacy_strength, legacy_snr;
  std::optional<uint32_t> legacy_ber;
  std::vector<uint32_t> asked;  // DTV_STAT_* commands of the last FE_GET_PROPERTY

 private:
  IoResult answer(unsigned long request, void* arg) {
    if (request == FE_READ_STATUS) {
      *static_cast<fe_status_t*>(arg) = static_cast<fe_status_t>(status);
    } else if (request == FE_GET_PROPERTY) {
      if (property_error != 0) return IoResult::failure(property_error);
      dtv_properties* request_props = static_cast<dtv_properties*>(arg);
      asked.clear();
      for (uint32_t i = 0; i < request_props->num; ++i) {
        dtv_property& prop = request_props->props[i];
        asked.push_back(prop.cmd);
        auto it = stats.find(prop.cmd);
        prop.u.st.len = it == stats.end() ? 0 : stats_len;
        if (it != stats.end()) prop.u.st.stat[0] = it->second;
      }
    } else if (request == FE_READ_SIGNAL_STRENGTH) {
      if (!legacy_strength) return IoResult::failure(EOPNOTSUPP);
      *static_cast<uint16_t*>(arg) = *legacy_strength;
    } else if (request == FE_READ_SNR) {
      if (!legacy_snr) return IoResult::failure(EOPNOTSUPP);
      *static_cast<uint16_t*>(arg) = *legacy_snr;
    } else if (request == FE_READ_BER) {
      if (!legacy_ber) return IoResult::failure(EOPNOTSUPP);
      *static_cast<uint32_t*>(arg) = *legacy_ber;
    }
    return IoResult::success(0);
  }
};

class FrontendTunerTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    tuner_ = FrontendTuner::open(&io_, kFrontend, &error);
    ASSERT_NE(tuner_, nullptr) << error;
  }
  TunerStatus read() {
    std::string error;
    std::optional<TunerStatus> status = tuner_->readStatus(&error);
    EXPECT_TRUE(status) << error;
    return status.value_or(TunerStatus{});
  }
  void setCounters(uint64_t pre_errors, uint64_t pre_total, uint64_t post_errors,
                   uint64_t post_total) {
    frontend_.stats[DTV_STAT_PRE_ERROR_BIT_COUNT] = counter(pre_errors);
    frontend_.stats[DTV_STAT_PRE_TOTAL_BIT_COUNT] = counter(pre_total);
    frontend_.stats[DTV_STAT_POST_ERROR_BIT_COUNT] = counter(post_errors);
    frontend_.stats[DTV_STAT_POST_TOTAL_BIT_COUNT] = counter(post_total);
  }

  FakeDeviceIo io_;
  FakeFrontend frontend_{&io_};
  std::unique_ptr<FrontendTuner> tuner_;
};

TEST_F(FrontendTunerTest, OpensReadOnlyAndAsksForTheSixStatistics) {
  EXPECT_EQ(io_.opened(), std::vector<std::string>{kFrontend});
  EXPECT_EQ(frontendPath(0, 0), kFrontend);
  EXPECT_EQ(tuner_->describe(), "frontend " + kFrontend);
  read();
  EXPECT_EQ(frontend_.asked,
            (std::vector<uint32_t>{DTV_STAT_SIGNAL_STRENGTH, DTV_STAT_CNR,
                                   DTV_STAT_PRE_ERROR_BIT_COUNT, DTV_STAT_PRE_TOTAL_BIT_COUNT,
                                   DTV_STAT_POST_ERROR_BIT_COUNT, DTV_STAT_POST_TOTAL_BIT_COUNT}));
  EXPECT_EQ(io_.ioctlsFor(FE_GET_PROPERTY).size(), 1u);
  EXPECT_EQ(io_.ioctlsFor(FE_READ_STATUS).size(), 1u);
}

TEST_F(FrontendTunerTest, LockComesFromFeHasLock) {
  EXPECT_TRUE(read().locked);
  frontend_.status = FE_HAS_SIGNAL | FE_HAS_CARRIER;
  const TunerStatus status = read();
  EXPECT_FALSE(status.locked);
  EXPECT_EQ(status.fe_status, static_cast<uint32_t>(FE_HAS_SIGNAL | FE_HAS_CARRIER));
}

TEST_F(FrontendTunerTest, DecibelScaleIsThousandthsOfADecibel) {
  frontend_.stats[DTV_STAT_SIGNAL_STRENGTH] = stat(FE_SCALE_DECIBEL, -45500);
  frontend_.stats[DTV_STAT_CNR] = stat(FE_SCALE_DECIBEL, 12345);
  const TunerStatus status = read();
  ASSERT_TRUE(status.signal_dbm);
  EXPECT_DOUBLE_EQ(*status.signal_dbm, -45.5);
  EXPECT_FALSE(status.signal_percent);
  ASSERT_TRUE(status.snr_db);
  EXPECT_DOUBLE_EQ(*status.snr_db, 12.345);
  EXPECT_FALSE(status.snr_percent);
  // v5 gave both: no legacy call.
  EXPECT_TRUE(io_.ioctlsFor(FE_READ_SIGNAL_STRENGTH).empty());
  EXPECT_TRUE(io_.ioctlsFor(FE_READ_SNR).empty());
}

TEST_F(FrontendTunerTest, RelativeScaleIsAPercentNeverDecibels) {
  dtv_stats full = stat(FE_SCALE_RELATIVE, 0);
  full.uvalue = 65535;
  dtv_stats half = stat(FE_SCALE_RELATIVE, 0);
  half.uvalue = 32768;
  frontend_.stats[DTV_STAT_SIGNAL_STRENGTH] = full;
  frontend_.stats[DTV_STAT_CNR] = half;
  const TunerStatus status = read();
  EXPECT_FALSE(status.signal_dbm);
  ASSERT_TRUE(status.signal_percent);
  EXPECT_DOUBLE_EQ(*status.signal_percent, 100.0);
  EXPECT_FALSE(status.snr_db);
  ASSERT_TRUE(status.snr_percent);
  EXPECT_NEAR(*status.snr_percent, 50.0, 0.01);
}

TEST_F(FrontendTunerTest, NotAvailableFallsBackToLegacyPerMeasure) {
  frontend_.stats[DTV_STAT_SIGNAL_STRENGTH] = stat(FE_SCALE_NOT_AVAILABLE, 0);
  frontend_.stats[DTV_STAT_CNR] = stat(FE_SCALE_DECIBEL, 20000);
  frontend_.legacy_strength = 0x8000;
  frontend_.legacy_snr = 0x1234;
  frontend_.legacy_ber = 77;
  const TunerStatus status = read();
  ASSERT_TRUE(status.signal_percent);
  EXPECT_NEAR(*status.signal_percent, 50.0, 0.01);
  ASSERT_TRUE(status.snr_db);
  EXPECT_DOUBLE_EQ(*status.snr_db, 20.0);
  EXPECT_FALSE(status.snr_percent);
  EXPECT_EQ(io_.ioctlsFor(FE_READ_SIGNAL_STRENGTH).size(), 1u);
  EXPECT_TRUE(io_.ioctlsFor(FE_READ_SNR).empty());
  // No v5 bit counters: the legacy BER, in driver units, is all there is.
  EXPECT_EQ(status.legacy_ber_raw, 77u);
  EXPECT_FALSE(status.ber_pre_fec);
  EXPECT_FALSE(tuner_->legacyOnly());
}

TEST_F(FrontendTunerTest, AStatsLengthBeyondTheArrayIsNotRead) {
  frontend_.stats[DTV_STAT_SIGNAL_STRENGTH] = stat(FE_SCALE_DECIBEL, -40000);
  frontend_.stats_len = MAX_DTV_STATS + 1;
  const TunerStatus status = read();
  EXPECT_FALSE(status.signal_dbm);
}

TEST_F(FrontendTunerTest, PropertyCallNotSupportedMeansLegacyFromThenOn) {
  frontend_.property_error = ENOTTY;
  frontend_.legacy_strength = 65535;
  frontend_.legacy_snr = 0;
  frontend_.legacy_ber = 12;
  TunerStatus status = read();
  EXPECT_TRUE(tuner_->legacyOnly());
  ASSERT_TRUE(status.signal_percent);
  EXPECT_DOUBLE_EQ(*status.signal_percent, 100.0);
  ASSERT_TRUE(status.snr_percent);
  EXPECT_DOUBLE_EQ(*status.snr_percent, 0.0);
  EXPECT_EQ(status.legacy_ber_raw, 12u);
  EXPECT_FALSE(status.snr_db);

  status = read();
  EXPECT_EQ(io_.ioctlsFor(FE_GET_PROPERTY).size(), 1u);  // not asked again
  EXPECT_EQ(io_.ioctlsFor(FE_READ_SIGNAL_STRENGTH).size(), 2u);
}

TEST_F(FrontendTunerTest, EopnotsuppAlsoMeansLegacyButOtherErrorsRetry) {
  frontend_.property_error = EIO;
  read();
  EXPECT_FALSE(tuner_->legacyOnly());
  frontend_.property_error = EOPNOTSUPP;
  read();
  EXPECT_TRUE(tuner_->legacyOnly());
  EXPECT_EQ(io_.ioctlsFor(FE_GET_PROPERTY).size(), 2u);
}

TEST_F(FrontendTunerTest, LegacyCallsADriverLacksLeaveMeasuresEmpty) {
  frontend_.property_error = ENOTTY;
  const TunerStatus status = read();
  EXPECT_TRUE(status.locked);
  EXPECT_FALSE(status.signal_dbm);
  EXPECT_FALSE(status.signal_percent);
  EXPECT_FALSE(status.snr_db);
  EXPECT_FALSE(status.snr_percent);
  EXPECT_FALSE(status.legacy_ber_raw);
  EXPECT_EQ(status.describe(), "locked");
}

TEST_F(FrontendTunerTest, BitErrorRatiosComeFromDeltasBetweenReadings) {
  setCounters(100, 1'000'000, 5, 900'000);
  TunerStatus status = read();
  EXPECT_FALSE(status.ber_pre_fec);  // one reading: no window yet
  EXPECT_FALSE(status.ber_post_fec);
  EXPECT_FALSE(status.legacy_ber_raw);
  EXPECT_TRUE(io_.ioctlsFor(FE_READ_BER).empty());

  setCounters(150, 2'000'000, 5, 1'800'000);
  status = read();
  ASSERT_TRUE(status.ber_pre_fec);
  EXPECT_DOUBLE_EQ(*status.ber_pre_fec, 50.0 / 1'000'000);
  ASSERT_TRUE(status.ber_post_fec);
  EXPECT_DOUBLE_EQ(*status.ber_post_fec, 0.0);

  // No bits counted since: no ratio.
  status = read();
  EXPECT_FALSE(status.ber_pre_fec);

  // Counters restarted (retune): a new window begins.
  setCounters(0, 1000, 0, 1000);
  EXPECT_FALSE(read().ber_pre_fec);
  setCounters(1, 2000, 0, 2000);
  status = read();
  ASSERT_TRUE(status.ber_pre_fec);
  EXPECT_DOUBLE_EQ(*status.ber_pre_fec, 0.001);
}

TEST_F(FrontendTunerTest, ACounterGoingMissingRestartsTheWindow) {
  setCounters(0, 1000, 0, 1000);
  read();
  frontend_.stats.erase(DTV_STAT_PRE_TOTAL_BIT_COUNT);
  EXPECT_FALSE(read().ber_pre_fec);
  setCounters(10, 2000, 0, 2000);
  const TunerStatus status = read();
  EXPECT_FALSE(status.ber_pre_fec);  // the window restarted at the gap
  ASSERT_TRUE(status.ber_post_fec);  // this one never stopped
  EXPECT_DOUBLE_EQ(*status.ber_post_fec, 0.0);
}

TEST_F(FrontendTunerTest, StatusReadFailureIsAnError) {
  io_.failIoctl(FE_READ_STATUS, EIO);
  std::string error;
  EXPECT_FALSE(tuner_->readStatus(&error));
  EXPECT_EQ(error, "frontend " + kFrontend + ": FE_READ_STATUS: " + std::strerror(EIO));
}

TEST(FrontendTunerOpenTest, AMissingFrontendIsNamed) {
  FakeDeviceIo io;
  io.failOpen(kFrontend, ENOENT);
  std::string error;
  EXPECT_EQ(FrontendTuner::open(&io, kFrontend, &error), nullptr);
  EXPECT_EQ(error, "cannot open frontend " + kFrontend + ": " + std::strerror(ENOENT));
}

TEST(FrontendStatsTest, BitErrorRatioNeverAboveOne) {
  BitErrorRatio ratio;
  EXPECT_FALSE(ratio.sample(0, 100));
  EXPECT_FALSE(ratio.sample(500, 200));  // 500 errors in 100 bits: a driver bug
}

TEST(SimulatedTunerTest, GivesPlausibleOrConfiguredValues) {
  SimulatedTuner tuner;
  std::string error;
  std::optional<TunerStatus> status = tuner.readStatus(&error);
  ASSERT_TRUE(status);
  EXPECT_TRUE(status->locked);
  EXPECT_EQ(status->signal_dbm, -45.0);
  EXPECT_EQ(status->snr_db, 30.0);
  EXPECT_EQ(status->ber_post_fec, 0.0);
  EXPECT_EQ(status->describe(),
            "locked, signal -45.0 dBm, snr 30.0 dB, ber pre-fec 2e-07, ber post-fec 0");
  EXPECT_EQ(tuner.describe(), "simulated tuner (file or UDP source)");

  TunerStatus lost;
  lost.signal_percent = 10;
  tuner.set(lost);
  status = tuner.readStatus(&error);
  ASSERT_TRUE(status);
  EXPECT_FALSE(status->locked);
  EXPECT_EQ(status->describe(), "not locked, signal 10 %");
  EXPECT_EQ(SimulatedTuner(lost, "udp://239.1.1.1:1234").describe(),
            "simulated tuner (udp://239.1.1.1:1234)");
}

}  // namespace
}  // namespace box
}  // namespace platform
