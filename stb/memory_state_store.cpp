#include "stb/memory_state_store.h"

namespace stb {

bool MemoryStateStore::failed(std::string* error) {
  if (!failure_) return false;
  ++failed_calls_;
  if (error) *error = *failure_;
  return true;
}

bool MemoryStateStore::putObject(const StoredObject& o, std::string* error) {
  if (failed(error)) return false;
  objects_[{o.table_id, o.object_id}] = o;
  ++writes_;
  return true;
}

bool MemoryStateStore::removeObject(uint8_t table_id, uint32_t object_id, std::string* error) {
  if (failed(error)) return false;
  if (objects_.erase({table_id, object_id}) != 0) ++writes_;
  return true;
}

bool MemoryStateStore::loadObjects(std::vector<StoredObject>* out, std::string* error) {
  if (failed(error)) return false;
  out->clear();
  for (const auto& entry : objects_) out->push_back(entry.second);
  return true;
}

const StoredObject* MemoryStateStore::find(uint8_t table_id, uint32_t object_id) const {
  const auto it = objects_.find({table_id, object_id});
  return it == objects_.end() ? nullptr : &it->second;
}

}  // namespace stb
