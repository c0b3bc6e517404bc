#include "platform/box/simulated_tuner.h"

#include <linux/dvb/frontend.h>

namespace platform {
namespace box {

TunerStatus plausibleTunerStatus() {
  TunerStatus status;
  status.locked = true;
  status.fe_status = FE_HAS_SIGNAL | FE_HAS_CARRIER | FE_HAS_VITERBI | FE_HAS_SYNC | FE_HAS_LOCK;
  status.signal_dbm = -45.0;
  status.snr_db = 30.0;
  status.ber_pre_fec = 2e-7;
  status.ber_post_fec = 0.0;
  return status;
}

}  // namespace box
}  // namespace platform
