#include "stbd/flash_storage.h"

namespace stbd {

FlashStorage::FlashStorage(std::string dir, int64_t retry_ms, platform::EventLoop& loop,
                           stb::Log& log)
    : dir_(std::move(dir)), retry_ms_(retry_ms), loop_(loop), log_(log) {
  open();
  state_ = std::make_unique<stb::MirroredStateStore>(db_.get());
  outbox_ = std::make_unique<stb::MirroredOutboxStore>(db_outbox_.get());
  state_->writeThrough().setOnDegraded(
      [this](const std::string& e) { onDegraded("state store", e); });
  outbox_->writeThrough().setOnDegraded(
      [this](const std::string& e) { onDegraded("fault outbox", e); });
  if (degraded()) scheduleRetry();
}

FlashStorage::~FlashStorage() {
  if (timer_) loop_.cancel(timer_);
}

bool FlashStorage::open() {
  if (db_ && db_outbox_) return true;
  std::string error;
  db_outbox_.reset();
  db_ = platform::SqliteStateStore::open(dir_, &error);
  if (db_) {
    if (db_->recovery()) log_.error("state store: " + *db_->recovery());
    db_outbox_ = platform::SqliteOutboxStore::open(*db_, &error);
    if (db_outbox_) return true;
    db_.reset();  // both or neither: the mirrors never point at a closed one
  }
  // Logged once per reason, not at every retry.
  if (error != last_error_)
    log_.error("state store: " + error +
               "; keeping state in memory (notices, fault reports) until it works again");
  last_error_ = error;
  return false;
}

void FlashStorage::onDegraded(const std::string& what, const std::string& error) {
  last_error_ = error;
  log_.error(what + ": " + error +
             "; keeping state in memory (notices, fault reports) until flash works again");
  if (on_change_) on_change_(true);
  scheduleRetry();
}

void FlashStorage::scheduleRetry() {
  if (timer_) return;
  timer_ = loop_.addTimer(loop_.clock().nowMs() + retry_ms_, [this] {
    timer_ = 0;
    retry();
  });
}

void FlashStorage::retry() {
  if (!degraded()) return;
  std::string error;
  const bool ok = open() && (!state_->degraded() || state_->resync(db_.get(), &error)) &&
                  (!outbox_->degraded() || outbox_->resync(db_outbox_.get(), &error));
  if (!ok) {
    if (!error.empty() && error != last_error_) log_.warning("state store still failing: " + error);
    if (!error.empty()) last_error_ = error;
    scheduleRetry();
    return;
  }
  last_error_.clear();
  log_.info("state store: " + db_->path() + " works again; what was kept in memory is on flash");
  if (on_change_) on_change_(false);
}

}  // namespace stbd
