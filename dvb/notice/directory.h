#pragma once
// The service directory of one area: the body of a signed object on table_id
// 0xC2 (docs/protocol.md, "Service directory"): who to call and who looks
// after the viewer's area.
#include <string>

#include "dvb/dvb_text.h"
#include "dvb/notice/notice.h"

namespace dvb::notice {

struct Directory {
  AreaPrefix area;                // the most specific prefix that covers a box wins
  std::string hotline;            // e.g. "96123"
  std::string supervision_phone;  // the regulator's supervision number
  std::string office_phone;
  DvbText office_address;
  DvbText technician_name;
  std::string technician_staff_no;
};

}  // namespace dvb::notice
