#pragma once
// A notice the box accepted: verified, aimed at this box, not cancelled and
// not yet over. What intake hands to the scheduler.
#include <cstdint>

#include "dvb/notice/notice.h"

namespace stb {

struct HeldNotice {
  uint32_t object_id = 0;
  uint32_t revision = 0;
  dvb::notice::Notice notice;
};

}  // namespace stb
