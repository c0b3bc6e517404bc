#pragma once
// A StateStore in memory: for tests, and for a box whose flash is unusable
// (state survives only until the process ends). It can be told to fail, to
// play a full disk or a read-only filesystem.
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "stb/ports/state_store.h"

namespace stb {

class MemoryStateStore : public StateStore {
 public:
  bool putObject(const StoredObject& o, std::string* error) override;
  bool removeObject(uint8_t table_id, uint32_t object_id, std::string* error) override;
  bool loadObjects(std::vector<StoredObject>* out, std::string* error) override;
  uint64_t writes() const override { return writes_; }

  // While set, every call fails with this message and changes nothing.
  void failWith(std::string message) { failure_ = std::move(message); }
  void stopFailing() { failure_.reset(); }
  // Calls refused while failing (tests check that a retry happened).
  uint64_t failedCalls() const { return failed_calls_; }

  size_t size() const { return objects_.size(); }
  const StoredObject* find(uint8_t table_id, uint32_t object_id) const;

 private:
  bool failed(std::string* error);

  std::map<std::pair<uint8_t, uint32_t>, StoredObject> objects_;
  std::optional<std::string> failure_;
  uint64_t writes_ = 0;
  uint64_t failed_calls_ = 0;
};

}  // namespace stb
