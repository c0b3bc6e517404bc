#include "tools/stb-notice/keygen.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>

#include "tools/stb-notice/file_io.h"

namespace tools::notice {

using dvb::notice::PrivateKey;
using dvb::notice::SignatureAlgorithm;

const char* algorithmName(SignatureAlgorithm algorithm) {
  return algorithm == SignatureAlgorithm::Ed25519 ? "ed25519" : "p256";
}

std::optional<SignatureAlgorithm> algorithmFromName(const std::string& name) {
  if (name == "ed25519") return SignatureAlgorithm::Ed25519;
  if (name == "p256") return SignatureAlgorithm::EcdsaP256Sha256;
  return std::nullopt;
}

namespace {

// A name that stays inside DIR and reads well in a file listing.
bool validName(const std::string& name) {
  if (name.empty() || name.size() > 64 || name[0] == '.' || name[0] == '-') return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
      return false;
  return true;
}

}  // namespace

std::optional<KeygenResult> generateKeyPair(const KeygenOptions& options, std::string* error) {
  if (!validName(options.name)) {
    *error = "--name must be 1-64 letters, digits, '-', '_' or '.', not starting with '.' or '-'";
    return std::nullopt;
  }
  KeygenResult r;
  r.private_path = options.dir + "/" + options.name + ".key.pem";
  r.public_path = options.dir + "/" + options.name + ".pub.pem";
  for (const std::string* path : {&r.private_path, &r.public_path}) {
    if (fileExists(*path)) {
      *error = *path + " already exists; refusing to overwrite a key (choose another --name)";
      return std::nullopt;
    }
  }
  if (::mkdir(options.dir.c_str(), 0700) != 0 && errno != EEXIST) {
    *error = options.dir + ": " + std::strerror(errno);
    return std::nullopt;
  }
  auto key = PrivateKey::generate(options.algorithm, error);
  if (!key) return std::nullopt;
  if (!writeNewFile(r.private_path, key->pem(), 0600, error)) return std::nullopt;
  if (!writeNewFile(r.public_path, key->publicKey().pem(), 0644, error)) {
    ::unlink(r.private_path.c_str());  // a private key without its public half is of no use
    return std::nullopt;
  }
  r.key_id = dvb::notice::keyIdHex(key->id());
  return r;
}

}  // namespace tools::notice
