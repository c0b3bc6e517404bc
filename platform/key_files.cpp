#include "platform/key_files.h"

#include <openssl/crypto.h>

#include <fstream>
#include <iterator>

namespace platform {
namespace {

constexpr size_t kMaxKeyFileSize = 64 * 1024;  // a PEM key is a few hundred bytes

bool readKeyFile(const std::string& path, std::string* out, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (error) *error = "cannot open " + path;
    return false;
  }
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) {
    if (error) *error = "cannot read " + path;
    return false;
  }
  if (out->size() > kMaxKeyFileSize) {
    if (error)
      *error = path + ": too large for a PEM key (" + std::to_string(out->size()) + " bytes)";
    return false;
  }
  return true;
}

template <typename Key>
std::optional<Key> load(const std::string& path, std::string* error) {
  std::string text;
  if (!readKeyFile(path, &text, error)) return std::nullopt;
  std::string why;
  auto key = Key::fromPem(text, &why);
  OPENSSL_cleanse(text.data(), text.size());  // a private key should not linger on the heap
  if (!key && error) *error = path + ": " + why;
  return key;
}

}  // namespace

std::optional<dvb::notice::PublicKey> loadPublicKey(const std::string& path, std::string* error) {
  return load<dvb::notice::PublicKey>(path, error);
}

std::optional<dvb::notice::PrivateKey> loadPrivateKey(const std::string& path, std::string* error) {
  return load<dvb::notice::PrivateKey>(path, error);
}

}  // namespace platform
