#include "stb/mirrored_state_store.h"

#include <set>
#include <utility>

namespace stb {

MirroredStateStore::MirroredStateStore(StateStore* flash)
    : flash_(flash), through_(flash != nullptr) {
  if (!flash_) return;
  std::vector<StoredObject> objects;
  std::string error;
  if (!flash_->loadObjects(&objects, &error)) {
    through_.degrade(error);
    return;
  }
  for (const StoredObject& o : objects) memory_.putObject(o, nullptr);
}

bool MirroredStateStore::putObject(const StoredObject& o, std::string* error) {
  if (!memory_.putObject(o, error)) return false;
  through_.write([&](std::string* e) { return flash_->putObject(o, e); });
  return true;
}

bool MirroredStateStore::removeObject(uint8_t table_id, uint32_t object_id, std::string* error) {
  if (!memory_.removeObject(table_id, object_id, error)) return false;
  through_.write([&](std::string* e) { return flash_->removeObject(table_id, object_id, e); });
  return true;
}

bool MirroredStateStore::loadObjects(std::vector<StoredObject>* out, std::string* error) {
  return memory_.loadObjects(out, error);
}

bool MirroredStateStore::resync(StateStore* flash, std::string* error) {
  flash_ = flash;
  std::vector<StoredObject> on_flash;
  std::vector<StoredObject> wanted;
  if (!flash_->loadObjects(&on_flash, error) || !memory_.loadObjects(&wanted, error)) return false;
  std::set<std::pair<uint8_t, uint32_t>> keep;
  for (const StoredObject& o : wanted) {
    keep.insert({o.table_id, o.object_id});
    const StoredObject* same = nullptr;
    for (const StoredObject& f : on_flash)
      if (f.table_id == o.table_id && f.object_id == o.object_id) same = &f;
    // Unchanged objects cost no flash write.
    if (same && same->revision == o.revision && same->message == o.message) continue;
    if (!flash_->putObject(o, error)) return false;
  }
  for (const StoredObject& f : on_flash)
    if (!keep.count({f.table_id, f.object_id}) &&
        !flash_->removeObject(f.table_id, f.object_id, error))
      return false;
  through_.recovered();
  return true;
}

}  // namespace stb
