#include "dvb/notice/signed_object.h"

#include "dvb/notice/limits.h"
#include "dvb/notice/wire.h"
#include "dvb/tables/table_codec.h"

namespace dvb::notice {
namespace {

// Fields before the body, and between body and signature.
template <typename Io>
void layoutHeader(Io& io, SignedObject& o, uint8_t& protocol_version) {
  io.u8("protocol_version", protocol_version);
  io.require(protocol_version == kProtocolVersion, "protocol_version", "unsupported");
  io.u32("object_id", o.object_id);
  io.u32("revision", o.revision);
  io.utc("issued", o.issued);
  io.blob16("body", o.body, limits::kMaxBodySize);
  io.bytes("key_id", o.key_id.data(), o.key_id.size());
  io.u8("signature_algorithm", o.algorithm);
  io.require(o.algorithm == 1 || o.algorithm == 2, "signature_algorithm", "must be 1 or 2");
}

constexpr size_t kSignatureSize = 64;

}  // namespace

const char* objectTypeName(ObjectType type) {
  switch (type) {
    case ObjectType::kNotice:
      return "notice";
    case ObjectType::kFeeBatch:
      return "fee_batch";
    case ObjectType::kDirectory:
      return "directory";
    case ObjectType::kWorkCalendar:
      return "work_calendar";
    case ObjectType::kKeyList:
      return "key_list";
  }
  return "unknown";
}

bool isObjectTableId(uint8_t table_id) {
  return table_id >= kFirstTableId && table_id <= kLastTableId;
}

std::vector<uint8_t> SignedObject::signedBytes() const {
  WireWriter w;
  SignedObject copy = *this;
  uint8_t version = kProtocolVersion;
  uint8_t table_id = static_cast<uint8_t>(type);
  w.u8("table_id", table_id);
  layoutHeader(w, copy, version);
  uint8_t signature_length = kSignatureSize;
  w.u8("signature_length", signature_length);
  return w.take();
}

std::vector<uint8_t> SignedObject::serialize() const {
  std::vector<uint8_t> bytes = signedBytes();
  bytes.erase(bytes.begin());  // the table_id travels in the section header
  bytes.insert(bytes.end(), signature.begin(), signature.end());
  return bytes;
}

std::optional<SignedObject> SignedObject::parse(ObjectType type, const uint8_t* message,
                                                size_t size, std::string* error) {
  SignedObject o;
  o.type = type;
  WireReader r(message, size);
  uint8_t version = 0;
  layoutHeader(r, o, version);
  uint8_t signature_length = 0;
  r.u8("signature_length", signature_length);
  r.require(signature_length == kSignatureSize, "signature_length", "must be 64");
  if (r.ok()) {
    o.signature.resize(kSignatureSize);
    r.bytes("signature", o.signature.data(), kSignatureSize);
  }
  if (!r.finish("signature")) {
    if (error) *error = r.error();
    return std::nullopt;
  }
  return o;
}

std::optional<std::vector<Section>> SignedObject::toSections(std::string* error) const {
  const std::vector<uint8_t> message = serialize();
  const size_t per_section = payloadCapacity();
  const size_t count = (message.size() + per_section - 1) / per_section;
  if (count > limits::kMaxSectionsPerObject) {
    if (error)
      *error = "object of " + std::to_string(message.size()) + " bytes needs " +
               std::to_string(count) + " sections; the limit is " +
               std::to_string(limits::kMaxSectionsPerObject);
    return std::nullopt;
  }
  std::vector<Section> sections;
  for (size_t i = 0; i < count; ++i) {
    const auto begin = message.begin() + static_cast<std::ptrdiff_t>(i * per_section);
    const auto end =
        i + 1 == count ? message.end() : begin + static_cast<std::ptrdiff_t>(per_section);
    sections.push_back(Section::makeLong(static_cast<uint8_t>(type), extension(), version(),
                                         static_cast<uint8_t>(i), static_cast<uint8_t>(count - 1),
                                         std::vector<uint8_t>(begin, end), true));
  }
  return sections;
}

std::optional<SignedObject> SignedObject::fromSections(const std::vector<Section>& sections,
                                                       std::string* error) {
  auto fail = [&](const std::string& why) {
    if (error) *error = why;
    return std::nullopt;
  };
  if (sections.empty() || !isObjectTableId(sections[0].tableId())) return fail("not an object");
  if (sections.size() > limits::kMaxSectionsPerObject) return fail("too many sections");
  // The section headers are not signed: they must describe exactly one table.
  if (!checkTableSections(sections, sections[0].tableId(), error)) return std::nullopt;
  std::vector<uint8_t> message;
  for (const Section& s : sections) {
    if (!s.currentNext()) return fail("current_next_indicator is 0");
    if (s.bytes().size() > limits::kMaxSectionSize) return fail("oversized section");
    message.insert(message.end(), s.payload(), s.payload() + s.payloadSize());
  }
  const auto type = static_cast<ObjectType>(sections[0].tableId());
  auto object = parse(type, message.data(), message.size(), error);
  if (!object) return std::nullopt;
  if (object->extension() != sections[0].extension())
    return fail("table_id_extension does not match object_id");
  if (object->version() != sections[0].version())
    return fail("version_number does not match revision");
  return object;
}

size_t SignedObject::payloadCapacity() {
  return limits::kMaxSectionSize - 12;
}

}  // namespace dvb::notice
