#pragma once
// STAND-IN until wip-playout is merged: the Alarm of
// tools/stb-headend/playout_status.h (HEADEND-PLAN.md, "Status"), same
// namespace, same fields. Once playout_status.h exists this header only
// includes it, so the monitor and the playout share one struct.
#include <string>

#include "dvb/mjd_time.h"

namespace tools::headend {

// kind: "missing", "crc", "over_budget", "stopped", "mismatch", "refused".
struct Alarm {
  std::string kind;
  std::string what;
  dvb::UtcSeconds since = 0;
};

}  // namespace tools::headend
