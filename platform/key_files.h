#pragma once
// Operator keys read from PEM files (the box's trust store, the headend's
// signing key). The parsing lives in dvb/notice; reading files is platform's.
#include <optional>
#include <string>

#include "dvb/notice/signature.h"

namespace platform {

// Errors name the file and the problem ("cannot open ...", "...: PEM holds a
// private key where a public key was expected").
std::optional<dvb::notice::PublicKey> loadPublicKey(const std::string& path, std::string* error);
std::optional<dvb::notice::PrivateKey> loadPrivateKey(const std::string& path, std::string* error);

}  // namespace platform
