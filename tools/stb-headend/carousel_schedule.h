#pragma once
// Which object goes out next on the notice PID. Each object repeats at its
// kind's interval (stream time); fee batches are spread evenly over the fee
// cycle. Key lists and emergencies that arrive live are urgent: they go out
// before anything merely due, key lists first, so a box never waits for
// what its security needs and an emergency jumps the queue.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "tools/stb-headend/config.h"
#include "tools/stb-headend/spool.h"

namespace tools::headend {

struct CarouselEntry {
  SpoolObject object;
  uint32_t interval_ms = 0;
  int rank = 0;
  bool urgent = false;
  uint64_t next_due_ms = 0;
  int64_t last_out_ms = -1;
};

// One change the schedule took, or refused.
struct CarouselChange {
  enum class What { kAdded, kRevised, kRemoved, kRefused };
  What what = What::kAdded;
  SpoolObject object;         // the new revision (kRemoved: the one that stopped)
  uint32_t old_revision = 0;  // kRevised
  std::string why;            // kRefused
};

class CarouselSchedule {
 public:
  using Key = std::pair<uint8_t, uint32_t>;  // table_id, object_id
  // Whether a whole set of objects may play (the budget); *why when not.
  using Fits = std::function<bool(const std::vector<SpoolObject>&, std::string*)>;

  explicit CarouselSchedule(Intervals intervals) : intervals_(intervals) {}

  // The objects at start: every one due at once (key lists first), fee
  // batches at k * fee_cycle / N.
  void start(const std::vector<SpoolObject>& objects);
  // Makes the schedule play `wanted` (the spool's objects) from now_ms:
  // removals first, then each addition or revision in rank order, each
  // refused when the set with it would not fit.
  std::vector<CarouselChange> update(const std::vector<SpoolObject>& wanted, uint64_t now_ms,
                                     const Fits& fits);
  // The object to send now (its repetition starts), or nullptr when none
  // is due; its next repetition is then due one interval later.
  const CarouselEntry* take(uint64_t now_ms);

  const std::map<Key, CarouselEntry>& entries() const { return entries_; }
  std::vector<SpoolObject> objects() const;

 private:
  CarouselEntry entryFor(const SpoolObject& object, uint64_t due_ms) const;

  Intervals intervals_;
  std::map<Key, CarouselEntry> entries_;
};

}  // namespace tools::headend
