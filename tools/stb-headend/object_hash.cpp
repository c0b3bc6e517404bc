#include "tools/stb-headend/object_hash.h"

#include <openssl/evp.h>

#include <memory>

namespace tools::headend {

std::string sectionsSha256(const std::vector<dvb::Section>& sections) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  bool ok = ctx && EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) == 1;
  for (const dvb::Section& s : sections)
    ok = ok && EVP_DigestUpdate(ctx.get(), s.bytes().data(), s.bytes().size()) == 1;
  ok = ok && EVP_DigestFinal_ex(ctx.get(), digest, &size) == 1;
  if (!ok) return "";
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0x0F];
  }
  return hex;
}

}  // namespace tools::headend
