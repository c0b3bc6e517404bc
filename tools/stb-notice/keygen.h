#pragma once
// `stb-notice keygen`: a new operator key pair as PEM files, DIR/NAME.key.pem
// (PKCS#8, mode 0600) and DIR/NAME.pub.pem, and its key id.
#include <optional>
#include <string>

#include "dvb/notice/signature.h"

namespace tools::notice {

struct KeygenOptions {
  std::string dir;
  std::string name = "operator";
  dvb::notice::SignatureAlgorithm algorithm = dvb::notice::SignatureAlgorithm::Ed25519;
};

struct KeygenResult {
  std::string private_path;
  std::string public_path;
  std::string key_id;  // 16 hex digits
};

// Never overwrites: if either file exists nothing is written. Creates DIR
// (mode 0700) when it does not exist yet.
std::optional<KeygenResult> generateKeyPair(const KeygenOptions& options, std::string* error);

// "ed25519" / "p256".
const char* algorithmName(dvb::notice::SignatureAlgorithm algorithm);
std::optional<dvb::notice::SignatureAlgorithm> algorithmFromName(const std::string& name);

}  // namespace tools::notice
