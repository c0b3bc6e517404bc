#pragma once
// A StateStore that holds every object in memory and writes each change
// through to flash (platform/sqlite_state_store.h) while flash works. When
// flash is missing, full or read-only the box goes on from memory — notices
// still show — and resync() writes the memory copy to flash once it can take
// it again (stb/write_through.h). Reads always come from memory.
#include <string>
#include <vector>

#include "stb/memory_state_store.h"
#include "stb/ports/state_store.h"
#include "stb/write_through.h"

namespace stb {

class MirroredStateStore : public StateStore {
 public:
  // FLASH may be null (none could be opened). Its objects are read into
  // memory now; a failed read degrades (the carousel refills memory).
  explicit MirroredStateStore(StateStore* flash);

  // Memory always takes the change, so these succeed.
  bool putObject(const StoredObject& o, std::string* error) override;
  bool removeObject(uint8_t table_id, uint32_t object_id, std::string* error) override;
  bool loadObjects(std::vector<StoredObject>* out, std::string* error) override;
  // Flash write transactions (wear accounting), including resyncs.
  uint64_t writes() const override { return flash_ ? flash_->writes() : 0; }

  // Makes FLASH (which may be a newly opened store) hold exactly what memory
  // holds, then writes through again. False and *error when flash refused;
  // the store stays degraded and resync can be tried again.
  bool resync(StateStore* flash, std::string* error);

  WriteThrough& writeThrough() { return through_; }
  bool degraded() const { return through_.degraded(); }

 private:
  MemoryStateStore memory_;
  StateStore* flash_;
  WriteThrough through_;
};

}  // namespace stb
