#pragma once
// The fault outbox's rows in memory, written through to flash
// (platform/sqlite_outbox_store.h) while flash works: the twin of
// stb/mirrored_state_store.h for the OutboxStore interface. With flash
// missing, full or read-only a confirmed report is still queued (in memory
// only: the menu warns the viewer it will not survive a power cut), and
// resync() writes every row to flash once it can take them again.
#include <string>
#include <vector>

#include "stb/outbox.h"
#include "stb/write_through.h"

namespace stb {

class MirroredOutboxStore : public OutboxStore {
 public:
  // FLASH may be null. Its rows are read into memory now; a failed read
  // degrades (and what flash held stays there for a later resync to keep).
  explicit MirroredOutboxStore(OutboxStore* flash);

  // Fail only as memory does (a duplicate id, a missing row).
  bool put(const OutboxReport& r, std::string* error) override;
  bool update(const OutboxReport& r, std::string* error) override;
  bool list(std::vector<OutboxReport>* out, std::string* error) override;
  bool remove(const std::string& report_id, std::string* error) override;
  bool count(OutboxKind kind, const std::string& state, int64_t* n, std::string* error) override;

  // Makes FLASH hold every row memory holds (rows only flash has are kept
  // when they could not be read at start, else removed). False and *error
  // when flash refused; still degraded then.
  bool resync(OutboxStore* flash, std::string* error);

  WriteThrough& writeThrough() { return through_; }
  bool degraded() const { return through_.degraded(); }

 private:
  MemoryOutboxStore memory_;
  OutboxStore* flash_;
  WriteThrough through_;
  bool loaded_ = false;  // memory started from flash's rows
};

}  // namespace stb
