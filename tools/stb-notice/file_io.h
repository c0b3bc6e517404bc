#pragma once
// File writing for stb-notice: outputs appear whole or not at all.
#include <sys/types.h>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace tools::notice {

// Writes a new file that must not exist yet (O_EXCL) with `mode`, e.g. a
// private key with 0600.
bool writeNewFile(const std::string& path, const std::string& contents, mode_t mode,
                  std::string* error);

// Writes PATH through a temporary file in the same directory, renamed over
// PATH only once `produce` has written everything: a failure (full disk,
// bad option found late) never leaves a half-written stream behind.
// `produce` gets a write function that returns false after an I/O error.
using ChunkWriter = std::function<bool(const std::vector<uint8_t>&)>;
bool writeFileAtomically(const std::string& path,
                         const std::function<bool(const ChunkWriter&, std::string*)>& produce,
                         std::string* error);

bool fileExists(const std::string& path);
bool readTextFile(const std::string& path, std::string* out, std::string* error);

}  // namespace tools::notice
