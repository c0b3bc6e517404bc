#pragma once
// `stb-notice verify`: what a box would accept from a source. Every object
// table is verified as a box does (dvb::notice::ObjectVerifier over a key
// ring of the given signing and root keys); key lists first, since a box
// applies them to its key ring before it can check what the new keys sign.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dvb/notice/object_verifier.h"
#include "tools/stb-notice/verify_source.h"

namespace tools::notice {

struct VerifyOptions {
  std::string source;
  std::vector<std::string> trust;  // signing keys (PEM public keys)
  std::vector<std::string> root;   // root keys
  std::optional<uint16_t> pid;
  // When notices are judged ended (--now). Unset: a stream's TDT/TOT, as a
  // box tuned to it takes them; a .bin or a stream without time: the
  // computer's clock, since a box that receives it later will not be earlier.
  std::optional<dvb::UtcSeconds> now;
};

struct ObjectResult {
  uint16_t pid = 0;
  uint8_t table_id = 0;
  uint16_t extension = 0;
  uint8_t version = 0;
  size_t section_count = 0;
  std::optional<dvb::notice::SignedObject> envelope;  // when the message parsed
  std::optional<dvb::notice::ObjectBody> body;        // only when verified
  std::string rejection;                              // "unknown_key: ..." when rejected
  // A notice whose end is not after the time it was judged at: signed
  // correctly, but refused by a box (rejection "ended: ...", no body).
  bool ended = false;
  bool verified() const { return body.has_value(); }
};

struct VerifyReport {
  std::string source;
  SourceScan scan;                                        // its tables are moved into `objects`
  std::vector<std::pair<std::string, std::string>> keys;  // (role, key id) of the key ring
  std::vector<ObjectResult> objects;
  // Every reason, protocol order, then "ended" (the box's own rule, not the verifier's).
  std::vector<std::pair<std::string, uint64_t>> rejections;
  uint64_t verified = 0;
  uint64_t rejected = 0;
  // Everything found verified, and something was found.
  bool ok() const {
    return !objects.empty() && rejected == 0 && scan.crc_errors == 0 &&
           scan.malformed_sections == 0;
  }
};

// False with *error when a key or the source cannot be read (nothing was verified).
bool runVerify(const VerifyOptions& options, VerifyReport* report, std::string* error);

// The verification step alone, over tables already gathered; a notice is
// judged ended at its table's stream_time (unset: never).
void verifyTables(std::vector<GatheredTable> tables, dvb::notice::KeyRing& keys,
                  VerifyReport* report);

}  // namespace tools::notice
