#pragma once
// The bookkeeping shared by the stores that keep everything in memory and
// write each change through to flash when they can
// (stb/mirrored_state_store.h, stb/mirrored_outbox_store.h).
//
// While flash works, a change returns only after flash has it. When a flash
// write fails (full, read-only, gone) the change stands in memory, the store
// turns degraded and stops writing to flash: the owner is told once, and
// later calls resync() to write the whole memory copy back when flash can
// take it again. Writing on after a failure would leave flash with some
// changes and not others.
#include <functional>
#include <string>

namespace stb {

class WriteThrough {
 public:
  using OnDegraded = std::function<void(const std::string& error)>;

  // No flash at all (none could be opened) counts as degraded from the start.
  explicit WriteThrough(bool have_flash) : degraded_(!have_flash) {}

  void setOnDegraded(OnDegraded f) { on_degraded_ = std::move(f); }
  bool degraded() const { return degraded_; }
  // Why flash was given up, for the log ("" while healthy or never opened).
  const std::string& lastError() const { return last_error_; }

  // Runs WRITE (a flash write) unless degraded; a failure degrades.
  template <typename Write>
  void write(Write&& flash_write) {
    if (degraded_) return;
    std::string error;
    if (flash_write(&error)) return;
    degrade(error);
  }
  void degrade(const std::string& error) {
    const bool was = degraded_;
    degraded_ = true;
    last_error_ = error;
    if (!was && on_degraded_) on_degraded_(error);
  }
  void recovered() {
    degraded_ = false;
    last_error_.clear();
  }

 private:
  bool degraded_;
  std::string last_error_;
  OnDegraded on_degraded_;
};

}  // namespace stb
