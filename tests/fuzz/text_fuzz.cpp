// libFuzzer target for dvb::text::decode (EN 300 468 Annex A). Whatever the bytes, decoding
// with the standard default table and with GB 2312 as default must give valid UTF-8, nothing
// at all when undecodable, and text that encodes to the UTF-8 table again. The text is also
// pushed through every other table's encoder, which may refuse it but must not misbehave.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "dvb/text/annex_a.h"
#include "tests/dvb/text/text_test_util.h"

namespace {

using dvb::text::testing::isValidUtf8;  // independent of the library's own UTF-8 reader

void check(const uint8_t* data, size_t size, const dvb::text::DecodeOptions& options) {
  const dvb::text::DecodedText text = dvb::text::decode(data, size, options);
  if (!isValidUtf8(text.utf8)) std::abort();
  if (text.undecodable && !text.utf8.empty()) std::abort();
  std::vector<uint8_t> utf8;
  std::string error;
  if (!dvb::text::encode(text.utf8, dvb::text::Charset::Utf8, &utf8, &error)) std::abort();
  if (dvb::text::decode(utf8.data(), utf8.size()).utf8 != text.utf8) std::abort();
}

void checkEncoders(const uint8_t* data, size_t size) {
  const dvb::text::DecodedText text = dvb::text::decode(data, size);
  for (int c = 0; c <= static_cast<int>(dvb::text::Charset::Utf8); ++c) {
    const auto charset = static_cast<dvb::text::Charset>(c);
    std::vector<uint8_t> bytes;
    std::string error;
    if (!dvb::text::encode(text.utf8, charset, &bytes, &error)) {
      if (!bytes.empty() || error.empty()) std::abort();
      continue;
    }
    const dvb::text::DecodedText again = dvb::text::decode(bytes.data(), bytes.size());
    if (again.undecodable || again.charset != charset || again.replaced != 0) {
      std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  check(data, size, dvb::text::DecodeOptions{});
  dvb::text::DecodeOptions gb2312;
  gb2312.default_charset = dvb::text::Charset::Gb2312;
  check(data, size, gb2312);
  checkEncoders(data, size);
  return 0;
}
