#pragma once
// Password hashing with scrypt (OpenSSL's EVP_PBE_scrypt): a random 16-byte
// salt per password, the cost parameters kept in the stored text so that
// they can be raised later, compared in constant time.
//   stored form: scrypt$<log2 N>$<r>$<p>$<salt hex>$<hash hex>
#include <optional>
#include <string>
#include <string_view>

namespace tools::web {

struct ScryptCost {
  int log2_n = 15;  // N = 32768: 32 MiB and about 0.18 s a hash on the 2-core test machine
  int r = 8;
  int p = 1;
};

// The stored form, or nullopt when OpenSSL fails (no randomness, no memory).
std::optional<std::string> hashPassword(std::string_view password, const ScryptCost& cost = {});
// True when PASSWORD matches STORED. A malformed STORED or cost parameters
// outside sane bounds (which could make a login take minutes) give false.
bool verifyPassword(std::string_view password, std::string_view stored);

}  // namespace tools::web
