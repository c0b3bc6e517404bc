#pragma once
// A string as carried in SI (EN 300 468 Annex A): the raw bytes, kept so an
// encoder reproduces them exactly, and their UTF-8 reading.
#include <cstdint>
#include <string>
#include <vector>

#include "dvb/text/annex_a.h"

namespace dvb {

struct DvbText {
  std::vector<uint8_t> raw;
  std::string utf8;          // empty when undecodable
  bool undecodable = false;  // unknown character table: never shown as garbage

  static DvbText fromRaw(const uint8_t* data, size_t size, const text::DecodeOptions& options);
  // Encodes utf8 in `charset`; false with *error when a character does not fit.
  static bool fromUtf8(const std::string& utf8, text::Charset charset, DvbText* out,
                       std::string* error);
};

}  // namespace dvb
