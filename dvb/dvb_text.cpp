#include "dvb/dvb_text.h"

namespace dvb {

DvbText DvbText::fromRaw(const uint8_t* data, size_t size, const text::DecodeOptions& options) {
  DvbText t;
  t.raw.assign(data, data + size);
  text::DecodedText decoded = text::decode(data, size, options);
  t.utf8 = std::move(decoded.utf8);
  t.undecodable = decoded.undecodable;
  return t;
}

bool DvbText::fromUtf8(const std::string& utf8, text::Charset charset, DvbText* out,
                       std::string* error) {
  std::vector<uint8_t> raw;
  if (!text::encode(utf8, charset, &raw, error)) return false;
  if (raw.size() > 255) {
    if (error) *error = "text longer than 255 bytes once encoded";
    return false;
  }
  out->raw = std::move(raw);
  out->utf8 = utf8;
  out->undecodable = false;
  return true;
}

}  // namespace dvb
