#pragma once
// Secrets from OpenSSL's CSPRNG, and comparing them without leaking timing.
#include <cstddef>
#include <string>
#include <string_view>

namespace tools::web {

// BYTES random bytes as lower-case hex (2 * BYTES characters); "" when the
// generator fails (the caller refuses to go on).
std::string randomHex(size_t bytes);
// Equal without an early exit on the first difference (CRYPTO_memcmp).
bool constantTimeEquals(std::string_view a, std::string_view b);

std::string toHex(const unsigned char* data, size_t size);
// False on odd length or a non-hex character.
bool fromHex(std::string_view hex, std::string* bytes);

}  // namespace tools::web
