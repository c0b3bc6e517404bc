#pragma once
// What stbd keeps on the box's flash, and what it does when flash fails.
//
// One SQLite database in the state directory holds the signed objects and the
// fault outbox (platform/sqlite_state_store.h, sqlite_outbox_store.h). Both
// are used through in-memory mirrors (stb/mirrored_*_store.h), so a missing,
// full or read-only state directory never stops the box: notices show from
// memory, reports queue in memory, the log says why, and the menu warns the
// viewer that reports will not survive a power cut. Every retry period the
// database is tried again (opened if it never was) and, once it takes
// writes, given everything memory holds: the box has recovered.
#include <functional>
#include <memory>
#include <string>

#include "platform/event_loop.h"
#include "platform/sqlite_outbox_store.h"
#include "platform/sqlite_state_store.h"
#include "stb/mirrored_outbox_store.h"
#include "stb/mirrored_state_store.h"
#include "stb/ports/log.h"

namespace stbd {

class FlashStorage {
 public:
  using OnChange = std::function<void(bool degraded)>;

  // Opens DIR's database now (logging why not); retries every RETRY_MS.
  FlashStorage(std::string dir, int64_t retry_ms, platform::EventLoop& loop, stb::Log& log);
  ~FlashStorage();
  FlashStorage(const FlashStorage&) = delete;
  FlashStorage& operator=(const FlashStorage&) = delete;

  stb::StateStore& state() { return *state_; }
  stb::OutboxStore& outbox() { return *outbox_; }
  // True while anything lives only in memory.
  bool degraded() const { return state_->degraded() || outbox_->degraded(); }
  // Called on every change of degraded() (the menu's warning).
  void setOnChange(OnChange f) { on_change_ = std::move(f); }

  // One try now: open when needed, then resync both mirrors. Public for the
  // retry timer and tests.
  void retry();

 private:
  bool open();
  void onDegraded(const std::string& what, const std::string& error);
  void scheduleRetry();

  std::string dir_;
  int64_t retry_ms_;
  platform::EventLoop& loop_;
  stb::Log& log_;
  std::unique_ptr<platform::SqliteStateStore> db_;
  std::unique_ptr<platform::SqliteOutboxStore> db_outbox_;  // destroyed before db_
  std::unique_ptr<stb::MirroredStateStore> state_;
  std::unique_ptr<stb::MirroredOutboxStore> outbox_;
  platform::EventLoop::Id timer_ = 0;
  std::string last_error_;  // the last failure logged
  OnChange on_change_;
};

}  // namespace stbd
