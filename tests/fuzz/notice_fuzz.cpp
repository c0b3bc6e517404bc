// libFuzzer target: arbitrary bytes as an object body of every type, as a
// signed-object message, and as a section of the notice tables. Whatever
// decodes must encode again and decode to an object that encodes the same.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "dvb/notice/body_codec.h"
#include "dvb/notice/object_verifier.h"

namespace {

template <typename T>
void bodyRoundTrip(const std::vector<uint8_t>& bytes) {
  std::string error;
  T value;
  if (!dvb::notice::decodeBody(bytes, &value, &error)) return;
  const auto again = dvb::notice::encodeBody(value, &error);
  if (!again) std::abort();  // the encoder refused what the decoder accepted
  T second;
  if (!dvb::notice::decodeBody(*again, &second, &error)) std::abort();
  if (dvb::notice::encodeBody(second, &error) != again) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<uint8_t> bytes(data, data + size);
  bodyRoundTrip<dvb::notice::Notice>(bytes);
  bodyRoundTrip<dvb::notice::FeeBatch>(bytes);
  bodyRoundTrip<dvb::notice::Directory>(bytes);
  bodyRoundTrip<dvb::notice::WorkCalendar>(bytes);
  bodyRoundTrip<dvb::notice::KeyList>(bytes);

  std::string error;
  if (auto o =
          dvb::notice::SignedObject::parse(dvb::notice::ObjectType::kNotice, data, size, &error)) {
    if (o->serialize() != bytes) std::abort();  // the envelope is exact both ways
  }
  // As the payload of a notice section, through the verifier with an empty key ring.
  dvb::notice::KeyRing ring;
  dvb::notice::ObjectVerifier verifier(ring);
  const auto section = dvb::Section::makeLong(0xC0, 0, 0, 0, 0, bytes, true);
  if (verifier.verify({section}, &error)) std::abort();  // nothing verifies without a key
  return 0;
}
