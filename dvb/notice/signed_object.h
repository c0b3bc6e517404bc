#pragma once
// The envelope every protocol object travels in (docs/protocol.md, "Signed
// object"): a header (object id, revision, issue time), the body laid out by
// layouts.h, and the operator's signature over the table_id and every byte
// before the signature. On air it is cut into private sections of one
// table_id; table_id_extension is the object id's low 16 bits and
// version_number the revision modulo 32.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dvb/mjd_time.h"
#include "dvb/section.h"

namespace dvb::notice {

enum class ObjectType : uint8_t {
  kNotice = 0xC0,
  kFeeBatch = 0xC1,
  kDirectory = 0xC2,
  kWorkCalendar = 0xC3,
  kKeyList = 0xC4,
};
constexpr uint8_t kFirstTableId = 0xC0, kLastTableId = 0xC4;
const char* objectTypeName(ObjectType type);  // "notice", "fee_batch", ...
bool isObjectTableId(uint8_t table_id);

constexpr uint8_t kProtocolVersion = 1;
constexpr uint32_t kRegistrationFormat = 0x5354424E;  // "STBN", registration_descriptor

struct SignedObject {
  ObjectType type = ObjectType::kNotice;
  uint32_t object_id = 0;
  uint32_t revision = 0;
  UtcSeconds issued = 0;
  std::vector<uint8_t> body;
  std::array<uint8_t, 8> key_id{};
  uint8_t algorithm = 0;  // SignatureAlgorithm
  std::vector<uint8_t> signature;

  // What the signature covers: table_id, then the message up to (excluding) the signature.
  std::vector<uint8_t> signedBytes() const;
  // The whole message (what the sections carry, concatenated).
  std::vector<uint8_t> serialize() const;
  static std::optional<SignedObject> parse(ObjectType type, const uint8_t* message, size_t size,
                                           std::string* error);

  uint16_t extension() const { return static_cast<uint16_t>(object_id & 0xFFFF); }
  uint8_t version() const { return static_cast<uint8_t>(revision % 32); }
  // Sections of at most limits::kMaxSectionSize bytes; nullopt (and *error)
  // when the message needs more than limits::kMaxSectionsPerObject.
  std::optional<std::vector<Section>> toSections(std::string* error) const;
  // Joins a gathered table back into an object, checking that table_id,
  // extension and version agree with the header inside (a section may not be
  // moved onto another object's table).
  static std::optional<SignedObject> fromSections(const std::vector<Section>& sections,
                                                  std::string* error);
  // Message bytes per section: a 4096-byte section less header and CRC.
  static size_t payloadCapacity();
};

}  // namespace dvb::notice
