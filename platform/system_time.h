#pragma once
// The platform's wall clock and whether the kernel believes it is
// synchronised (NTP / PTP discipline), for the box's clock before the first
// TDT arrives.
#include "dvb/mjd_time.h"

namespace platform {

struct SystemTime {
  dvb::UtcSeconds utc = 0;
  bool synchronised = false;
};

SystemTime readSystemTime();

}  // namespace platform
