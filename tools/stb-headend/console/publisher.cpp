#include "tools/stb-headend/console/publisher.h"

#include <openssl/sha.h>
#include <sys/stat.h>

#include <cstdio>

#include "platform/key_files.h"
#include "tools/stb-notice/sign_objects.h"

namespace tools::headend::console {

std::optional<dvb::notice::PrivateKey> loadSigningKey(const std::string& path, std::string* error) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    *error = path + ": no such key file";
    return std::nullopt;
  }
  if (st.st_mode & (S_IRWXG | S_IRWXO)) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%03o", static_cast<unsigned>(st.st_mode & 0777));
    *error =
        path + ": the signing key is open to its group or others (mode " + mode + "); chmod 600 it";
    return std::nullopt;
  }
  return platform::loadPrivateKey(path, error);
}

std::string sha256Hex(const std::vector<uint8_t>& bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(bytes.data(), bytes.size(), digest);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : digest) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

std::optional<SignedNotice> signNotice(const notice::ObjectInput& object,
                                       const dvb::notice::PrivateKey& key, int64_t issued,
                                       std::string* error) {
  auto signed_inputs = notice::signInputs({object}, key, nullptr, issued, error);
  if (!signed_inputs) return std::nullopt;
  SignedNotice out;
  out.sections = notice::allSections(*signed_inputs);
  if (out.sections.empty()) {
    *error = "the notice made no sections";
    return std::nullopt;
  }
  out.table_id = out.sections.front().tableId();
  std::vector<uint8_t> all;
  for (const dvb::Section& s : out.sections)
    all.insert(all.end(), s.bytes().begin(), s.bytes().end());
  out.sha256 = sha256Hex(all);
  return out;
}

std::string spoolName(uint32_t object_id) {
  return "console-notice-" + std::to_string(object_id);
}

}  // namespace tools::headend::console
