#pragma once
// From a checked notice to the spool: the operator's signing key (held
// readable by the service's user only), the signature by stb-notice's own
// code (sign_objects.h), the sections' SHA-256 for the audit log, and the
// spool file the playout takes it from (PLAYOUT's writeSpoolFile, passed in
// as a function so that this file does not depend on the playout).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dvb/notice/object_signer.h"
#include "dvb/section.h"
#include "tools/stb-notice/input.h"

namespace tools::headend::console {

// writeSpoolFile(dir, name, sections, error) of tools/stb-headend/spool.h.
using SpoolWriter =
    std::function<bool(const std::string& dir, const std::string& name,
                       const std::vector<dvb::Section>& sections, std::string* error)>;

// The key at PATH, refused (with *error saying why) when the file can be
// read or written by its group or by others.
std::optional<dvb::notice::PrivateKey> loadSigningKey(const std::string& path, std::string* error);

struct SignedNotice {
  std::vector<dvb::Section> sections;
  uint8_t table_id = 0;
  std::string sha256;  // hex, of the sections' bytes in order
};

// Signs OBJECT, issued at ISSUED. nullopt and *error (too big for its sections).
std::optional<SignedNotice> signNotice(const notice::ObjectInput& object,
                                       const dvb::notice::PrivateKey& key, int64_t issued,
                                       std::string* error);

// The spool name (without .bin) of the console's notice OBJECT_ID: every
// revision and the cancellation go to the same file, replacing the last.
std::string spoolName(uint32_t object_id);

// SHA-256 of BYTES as 64 lower-case hex digits.
std::string sha256Hex(const std::vector<uint8_t>& bytes);

}  // namespace tools::headend::console
