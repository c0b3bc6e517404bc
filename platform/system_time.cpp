#include "platform/system_time.h"

#include <sys/timex.h>

#include <ctime>

namespace platform {

SystemTime readSystemTime() {
  SystemTime t;
  t.utc = static_cast<dvb::UtcSeconds>(std::time(nullptr));
  // ntp_adjtime only reads when modes is 0. TIME_ERROR means the clock is
  // not disciplined (no NTP, or it lost sync): an RTC may be years off.
  timex tx{};
  t.synchronised = ntp_adjtime(&tx) != TIME_ERROR;
  return t;
}

}  // namespace platform
