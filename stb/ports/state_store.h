#pragma once
// The box's persistent state behind an interface (the idea of Ninja's
// DiskInterface): stbd gives it SQLite on flash (platform/sqlite_state_store.h),
// tests and a box whose flash is unusable give it memory
// (stb/memory_state_store.h). Policy code never touches a file.
//
// What is kept are the signed objects exactly as they came off the air, so
// that a copy read back from flash is verified again like any other.
#include <cstdint>
#include <string>
#include <vector>

namespace stb {

struct StoredObject {
  uint8_t table_id = 0;  // 0xC0..0xC4 (dvb::notice::ObjectType)
  uint32_t object_id = 0;
  uint32_t revision = 0;
  std::vector<uint8_t> message;  // dvb::notice::SignedObject::serialize()
};

class StateStore {
 public:
  virtual ~StateStore() = default;
  // Each call is one transaction: it happens whole or not at all. On failure
  // (full disk, read-only or damaged flash) false and *error; nothing changed.
  //
  // Replaces the object with the same (table_id, object_id).
  virtual bool putObject(const StoredObject& o, std::string* error) = 0;
  // Removing an object that is not there succeeds and writes nothing.
  virtual bool removeObject(uint8_t table_id, uint32_t object_id, std::string* error) = 0;
  // Every object, ordered by (table_id, object_id).
  virtual bool loadObjects(std::vector<StoredObject>* out, std::string* error) = 0;
  // Write transactions committed so far (flash wear accounting; tests assert
  // that a carousel repetition costs none).
  virtual uint64_t writes() const = 0;
};

}  // namespace stb
