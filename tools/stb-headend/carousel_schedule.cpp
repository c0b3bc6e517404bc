#include "tools/stb-headend/carousel_schedule.h"

#include <algorithm>

#include "tools/stb-headend/budget.h"

namespace tools::headend {

CarouselEntry CarouselSchedule::entryFor(const SpoolObject& object, uint64_t due_ms) const {
  CarouselEntry e;
  e.object = object;
  e.interval_ms = intervalFor(object.kind, intervals_);
  e.rank = rankOf(object.kind);
  e.next_due_ms = due_ms;
  return e;
}

void CarouselSchedule::start(const std::vector<SpoolObject>& objects) {
  entries_.clear();
  size_t fee_count = 0, fee_index = 0;
  for (const SpoolObject& o : objects) fee_count += o.kind == "fee_batch";
  for (const SpoolObject& o : objects) {
    uint64_t due = 0;
    if (o.kind == "fee_batch") due = fee_index++ * intervals_.fee_cycle / fee_count;
    entries_[{o.table_id, o.object_id}] = entryFor(o, due);
  }
}

std::vector<SpoolObject> CarouselSchedule::objects() const {
  std::vector<SpoolObject> out;
  for (const auto& [key, e] : entries_) out.push_back(e.object);
  return out;
}

std::vector<CarouselChange> CarouselSchedule::update(const std::vector<SpoolObject>& wanted,
                                                     uint64_t now_ms, const Fits& fits) {
  std::vector<CarouselChange> changes;
  std::map<Key, const SpoolObject*> want;
  for (const SpoolObject& o : wanted) want[{o.table_id, o.object_id}] = &o;
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (want.count(it->first)) {
      ++it;
      continue;
    }
    changes.push_back({CarouselChange::What::kRemoved, it->second.object, 0, ""});
    it = entries_.erase(it);
  }
  std::vector<const SpoolObject*> incoming;
  for (const auto& [key, o] : want) {
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.object.sha256 != o->sha256) incoming.push_back(o);
  }
  std::stable_sort(
      incoming.begin(), incoming.end(),
      [](const SpoolObject* a, const SpoolObject* b) { return rankOf(a->kind) < rankOf(b->kind); });
  for (const SpoolObject* o : incoming) {
    const Key key{o->table_id, o->object_id};
    auto it = entries_.find(key);
    std::vector<SpoolObject> candidate = objects();
    if (it != entries_.end())
      candidate.erase(std::find_if(candidate.begin(), candidate.end(), [&](const SpoolObject& c) {
        return c.table_id == key.first && c.object_id == key.second;
      }));
    candidate.push_back(*o);
    std::string why;
    if (!fits(candidate, &why)) {
      changes.push_back({CarouselChange::What::kRefused, *o, 0, why});
      continue;
    }
    CarouselEntry e = entryFor(*o, now_ms);
    // Live key lists and emergencies jump the queue; anything else new is
    // due now, behind them.
    e.urgent = o->kind == "key_list" || o->kind == "emergency";
    if (it == entries_.end()) {
      changes.push_back({CarouselChange::What::kAdded, *o, 0, ""});
    } else {
      changes.push_back({CarouselChange::What::kRevised, *o, it->second.object.revision, ""});
      e.last_out_ms = it->second.last_out_ms;
    }
    entries_[key] = std::move(e);
  }
  return changes;
}

const CarouselEntry* CarouselSchedule::take(uint64_t now_ms) {
  CarouselEntry* best = nullptr;
  auto before = [](const CarouselEntry& a, const CarouselEntry& b) {
    if (a.urgent != b.urgent) return a.urgent;
    if (!a.urgent && a.next_due_ms != b.next_due_ms) return a.next_due_ms < b.next_due_ms;
    return a.rank < b.rank;
  };
  for (auto& [key, e] : entries_)
    if ((e.urgent || e.next_due_ms <= now_ms) && (!best || before(e, *best))) best = &e;
  if (!best) return nullptr;
  best->urgent = false;
  best->last_out_ms = static_cast<int64_t>(now_ms);
  best->next_due_ms = now_ms + best->interval_ms;
  return best;
}

}  // namespace tools::headend
