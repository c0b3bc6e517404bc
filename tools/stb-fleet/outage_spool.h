#pragma once
// The outage notice as the boxes get it: the signed sections in the
// headend's spool (tools/stb-headend/spool.h, the playout's input), read back
// object by object as the box's demux would gather them; and the fleet's own
// operator key (a TEST key, as stb-notice keygen makes it) that stb-central
// signs with and the boxes trust.
#include <string>
#include <vector>

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

}  // namespace tools::fleet
