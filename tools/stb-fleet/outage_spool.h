#pragma once
// The outage notice as the boxes get it: the signed sections in the
// headend's spool (tools/stb-headend/spool.h, the playout's input), read back
// object by object as the box's demux would gather them. Also the fleet's
// own operator key (a TEST key, as stb-notice keygen makes it), and, for a
// central system that cannot publish yet, the notice signed here from the
// same JSON the headend console signs (kind unplanned_outage, the area, the
// confirm time to the expected restore; a cancellation to withdraw it).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dvb/mjd_time.h"
#include "dvb/notice/key_ring.h"
#include "dvb/section.h"

namespace tools::fleet {

// DIR/fleet-operator.key.pem (0600) and its public key in KEYS as a signing
// key, as a box's verified key list would install it. The key's path, or
// "" and *error.
std::string makeOperatorKey(const std::string& dir, dvb::notice::KeyRing* keys, std::string* error);

// Every object in the spool DIR's .bin files (the highest revision of each),
// each as one gathered table. False and *error when the directory or a file
// cannot be read.
bool readSpool(const std::string& dir, std::vector<std::vector<dvb::Section>>* tables,
               std::string* error);

struct OutageNotice {
  uint32_t object_id = 0;
  uint32_t revision = 1;
  std::string area_code;
  dvb::UtcSeconds start = 0, end = 0, issued = 0;
  bool cancel = false;
};
// The notice (or its cancellation) signed with the key at KEY_PATH and
// written to SPOOL_DIR/NAME.bin. False and *error.
bool spoolOutageNotice(const OutageNotice& notice, const std::string& key_path,
                       const std::string& spool_dir, const std::string& name, std::string* error);

}  // namespace tools::fleet
