#include "tools/web/password.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <vector>

#include "tools/web/secure_random.h"

namespace tools::web {
namespace {

constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;

// Cost bounds accepted when verifying: what hashPassword writes and a
// little above, so that a tampered row cannot ask for gigabytes.
bool saneCost(const ScryptCost& c) {
  return c.log2_n >= 10 && c.log2_n <= 20 && c.r >= 1 && c.r <= 16 && c.p >= 1 && c.p <= 4;
}

bool derive(std::string_view password, const std::string& salt, const ScryptCost& c,
            unsigned char* out) {
  const uint64_t n = uint64_t{1} << c.log2_n;
  // scrypt needs 128 * r * N bytes and a little more; OpenSSL's default cap
  // (32 MiB) is just below what N = 2^15, r = 8 takes.
  const uint64_t maxmem = 256 * static_cast<uint64_t>(c.r) * n + (1u << 20);
  return EVP_PBE_scrypt(password.data(), password.size(),
                        reinterpret_cast<const unsigned char*>(salt.data()), salt.size(), n,
                        static_cast<uint64_t>(c.r), static_cast<uint64_t>(c.p), maxmem, out,
                        kHashBytes) == 1;
}

std::optional<int> smallInt(std::string_view s) {
  if (s.empty() || s.size() > 2) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace

std::optional<std::string> hashPassword(std::string_view password, const ScryptCost& cost) {
  if (!saneCost(cost)) return std::nullopt;
  unsigned char salt[kSaltBytes];
  if (RAND_bytes(salt, sizeof salt) != 1) return std::nullopt;
  const std::string salt_bytes(reinterpret_cast<const char*>(salt), sizeof salt);
  unsigned char hash[kHashBytes];
  if (!derive(password, salt_bytes, cost, hash)) return std::nullopt;
  return "scrypt$" + std::to_string(cost.log2_n) + "$" + std::to_string(cost.r) + "$" +
         std::to_string(cost.p) + "$" + toHex(salt, sizeof salt) + "$" + toHex(hash, sizeof hash);
}

bool verifyPassword(std::string_view password, std::string_view stored) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t dollar = stored.find('$', start);
    parts.push_back(stored.substr(start, dollar - start));
    if (dollar == std::string_view::npos) break;
    start = dollar + 1;
  }
  if (parts.size() != 6 || parts[0] != "scrypt") return false;
  const auto log2_n = smallInt(parts[1]), r = smallInt(parts[2]), p = smallInt(parts[3]);
  if (!log2_n || !r || !p) return false;
  const ScryptCost cost{*log2_n, *r, *p};
  std::string salt, expected;
  if (!saneCost(cost) || !fromHex(parts[4], &salt) || !fromHex(parts[5], &expected) ||
      salt.size() < 8 || expected.size() != kHashBytes)
    return false;
  unsigned char hash[kHashBytes];
  if (!derive(password, salt, cost, hash)) return false;
  return constantTimeEquals(std::string_view(reinterpret_cast<const char*>(hash), kHashBytes),
                            expected);
}

}  // namespace tools::web
