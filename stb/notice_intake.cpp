#include "stb/notice_intake.h"

#include <algorithm>
#include <variant>

#include "dvb/notice/signed_object.h"

namespace stb {
namespace {

using dvb::notice::ObjectType;
using dvb::notice::SignedObject;

constexpr uint8_t kNoticeTable = static_cast<uint8_t>(ObjectType::kNotice);
constexpr uint8_t kFeeTable = static_cast<uint8_t>(ObjectType::kFeeBatch);
constexpr uint8_t kDirectoryTable = static_cast<uint8_t>(ObjectType::kDirectory);
constexpr uint8_t kCalendarTable = static_cast<uint8_t>(ObjectType::kWorkCalendar);
constexpr uint8_t kKeyListTable = static_cast<uint8_t>(ObjectType::kKeyList);

std::string describe(uint8_t table_id, uint32_t object_id) {
  const std::string type = dvb::notice::isObjectTableId(table_id)
                               ? dvb::notice::objectTypeName(static_cast<ObjectType>(table_id))
                               : "table_id " + std::to_string(table_id);
  return type + " " + std::to_string(object_id);
}

std::string describe(const SignedObject& o) {
  return describe(static_cast<uint8_t>(o.type), o.object_id) + " revision " +
         std::to_string(o.revision);
}

std::string when(dvb::UtcSeconds t) {
  return dvb::formatIso8601(t);
}

}  // namespace

NoticeIntake::NoticeIntake(dvb::notice::KeyRing& keys, StateStore& store,
                           dvb::notice::BoxIdentity box, Log& log)
    : keys_(keys), store_(store), box_(std::move(box)), log_(log), verifier_(keys) {}

std::string NoticeIntake::subscriberId() const {
  return box_.smartcard_id.empty() ? box_.box_id : box_.smartcard_id;
}

// ---------------------------------------------------------------- start-up

void NoticeIntake::restore(std::optional<dvb::UtcSeconds> now) {
  std::vector<StoredObject> stored;
  std::string error;
  if (!store_.loadObjects(&stored, &error)) {
    // The carousel refills everything but the revision floors; those come
    // back with the objects themselves.
    log_.error("state store: cannot load the saved objects (" + error + "); starting empty");
    return;
  }
  for (const StoredObject& s : stored) stored_[{s.table_id, s.object_id}] = s.revision;
  // Key lists first: a stored notice may be signed by a key only a stored key
  // list trusts, and one signed by a key a stored list revoked must fail.
  std::stable_partition(stored.begin(), stored.end(),
                        [](const StoredObject& s) { return s.table_id == kKeyListTable; });

  restoring_ = true;
  size_t refused = 0;
  for (const StoredObject& s : stored) {
    const Key key{s.table_id, s.object_id};
    const std::string label =
        "stored " + describe(s.table_id, s.object_id) + " revision " + std::to_string(s.revision);
    if (!dvb::notice::isObjectTableId(s.table_id)) {
      log_.warning(label + " is not a protocol object; removed");
      forget(key);
      ++refused;
      continue;
    }
    auto object = SignedObject::parse(static_cast<ObjectType>(s.table_id), s.message.data(),
                                      s.message.size(), &error);
    if (!object || object->object_id != s.object_id || object->revision != s.revision) {
      log_.warning(label + " is damaged (" + (object ? "header disagrees" : error) + "); removed");
      forget(key);
      ++refused;
      continue;
    }
    // verify() also sets the revision floor for this object, exactly as
    // ObjectVerifier::restoreRevision would, but only for a copy that is
    // still the operator's: a tampered copy must not raise the floor either.
    std::string why;
    auto verified = verifier_.verify(*object, &why);
    if (!verified) {
      log_.warning(label + " refused at restore: " + why + "; removed");
      forget(key);
      ++refused;
      continue;
    }
    apply(std::move(*verified), now);
  }
  restoring_ = false;
  seen_ring_ = keys_.generation();
  flush();
  log_.info("restored from the state store: " + std::to_string(notices_.size()) +
            " notice(s) held, fee record " + (feeRecord() ? "present" : "absent") + ", " +
            std::to_string(directories_.size()) + " directory(ies), " +
            std::to_string(calendars_.size()) + " calendar(s); " + std::to_string(refused) +
            " stored object(s) refused");
}

// ---------------------------------------------------------------- intake

bool NoticeIntake::wantsTable(uint8_t table_id, uint16_t table_id_extension) const {
  if (!dvb::notice::isObjectTableId(table_id)) return false;
  if (table_id != kFeeTable) return true;
  const std::string subscriber = subscriberId();
  if (subscriber.empty()) return false;  // no id, no record can be ours
  if (!bucket_count_) return true;       // learn the bucket count first
  // Bucket 0 exists in every cycle whatever the count: watching it too is how
  // a change of bucket count is noticed even when this box's old bucket
  // number no longer exists.
  return table_id_extension == dvb::notice::feeBucketOf(subscriber, *bucket_count_) ||
         table_id_extension == 0;
}

void NoticeIntake::onTable(const std::vector<dvb::Section>& sections,
                           std::optional<dvb::UtcSeconds> now) {
  if (sections.empty()) return;
  const uint8_t table_id = sections.front().tableId();
  const uint16_t extension = sections.front().extension();
  if (!wantsTable(table_id, extension)) {
    log_.debug(describe(table_id, extension) + ": table not wanted by this box");
    return;
  }
  changed_ = false;
  take(sections, now);
  // A key list (or anyone) changed the ring: what waited for a key may verify now.
  if (keys_.generation() != seen_ring_) retryWaiting(now);
  if (changed_) flush();  // a repetition writes nothing, and retries nothing
}

void NoticeIntake::take(const std::vector<dvb::Section>& sections,
                        std::optional<dvb::UtcSeconds> now) {
  std::string why;
  dvb::notice::Rejection reason{};
  std::optional<SignedObject> object;  // a refused object whose envelope parsed
  auto verified = verifier_.verify(sections, &why, &reason, &object);
  if (!verified) {
    // Name the object as well as the sections allow: the full id when the
    // envelope parses, else the table_id_extension.
    const bool waits =
        object && dvb::notice::curableByKeyList(reason, object->type) && wait(*object);
    log_.warning((object ? describe(*object)
                         : describe(sections.front().tableId(), sections.front().extension()) +
                               " (table_id_extension)") +
                 " refused: " + why + (waits ? "; checked again when the key list changes" : ""));
    return;
  }
  const SignedObject& o = verified->envelope;
  const auto waiting = waiting_.find({static_cast<uint8_t>(o.type), o.object_id});
  if (waiting != waiting_.end() && waiting->second.object.revision <= o.revision)
    waiting_.erase(waiting);  // superseded by what just verified
  apply(std::move(*verified), now);
}

bool NoticeIntake::wait(const SignedObject& o) {
  // Enough for a whole carousel of notices; a flood of objects under keys
  // nobody lists pushes out the oldest, which its next version brings back.
  constexpr size_t kMaxWaiting = 64;
  constexpr size_t kMaxWaitingBytes = 512 * 1024;
  const Key key{static_cast<uint8_t>(o.type), o.object_id};
  const auto existing = waiting_.find(key);
  if (existing != waiting_.end() && existing->second.object.revision > o.revision) return false;
  waiting_[key] = Waiting{o, ++waiting_arrivals_};
  for (;;) {
    size_t bytes = 0;
    auto oldest = waiting_.begin();
    for (auto it = waiting_.begin(); it != waiting_.end(); ++it) {
      bytes += it->second.object.body.size();
      if (it->second.since < oldest->second.since) oldest = it;
    }
    if (waiting_.size() <= kMaxWaiting && bytes <= kMaxWaitingBytes) break;
    log_.warning(describe(oldest->second.object) +
                 " no longer waits for its key: too many objects wait");
    const bool self = oldest->first == key;
    waiting_.erase(oldest);
    if (self) return false;
  }
  return true;
}

void NoticeIntake::retryWaiting(std::optional<dvb::UtcSeconds> now) {
  seen_ring_ = keys_.generation();
  std::map<Key, Waiting> waiting;
  waiting.swap(waiting_);
  for (auto& [key, entry] : waiting) {
    const SignedObject& o = entry.object;
    // Still no key for it: wait on without counting another refusal.
    const auto lookup = keys_.find(o.key_id, dvb::notice::KeyRole::Signing, /*key=*/nullptr);
    if (lookup == dvb::notice::KeyRing::Lookup::kUnknown ||
        lookup == dvb::notice::KeyRing::Lookup::kWrongRole) {
      waiting_.emplace(key, std::move(entry));
      continue;
    }
    // The full check again: signature, revocation, the revision floor, the body.
    std::string why;
    auto verified = verifier_.verify(o, &why);
    if (!verified) {
      log_.warning(describe(o) + " refused after the key ring changed: " + why);
      continue;
    }
    log_.info(describe(o) + " verified now that the key ring trusts its key");
    apply(std::move(*verified), now);
  }
}

void NoticeIntake::apply(dvb::notice::VerifiedObject object, std::optional<dvb::UtcSeconds> now) {
  const SignedObject& o = object.envelope;
  const auto kept = kept_.find({static_cast<uint8_t>(o.type), o.object_id});
  if (kept != kept_.end() && kept->second.revision == o.revision) {
    log_.debug(describe(o) + " repeated; nothing changes");
    return;
  }
  std::visit(
      [&](auto& body) {
        using T = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<T, dvb::notice::Notice>)
          applyNotice(o, std::move(body), now);
        else if constexpr (std::is_same_v<T, dvb::notice::FeeBatch>)
          applyFeeBatch(o, std::move(body));
        else if constexpr (std::is_same_v<T, dvb::notice::Directory>)
          applyDirectory(o, std::move(body));
        else if constexpr (std::is_same_v<T, dvb::notice::WorkCalendar>)
          applyCalendar(o, std::move(body));
        else
          applyKeyList(o);
      },
      object.body);
}

void NoticeIntake::applyNotice(const SignedObject& o, dvb::notice::Notice n,
                               std::optional<dvb::UtcSeconds> now) {
  const uint32_t id = o.object_id;
  const Key key{kNoticeTable, id};
  const auto held = notices_.find(id);
  const bool was_held = held != notices_.end();
  const dvb::UtcSeconds held_end = was_held ? held->second.notice.end : 0;
  if (was_held) {
    notices_.erase(held);
    ++generation_;
  }

  if (n.cancelled()) {
    // Kept (and stored) while the notice it withdraws could still be shown,
    // so that an older revision replayed after a reboot is still refused.
    const dvb::UtcSeconds until = std::max(n.end, held_end);
    const bool concerns = was_held || stored_.count(key) || dvb::notice::targets(n.targeting, box_);
    if (was_held) log_.info("notice " + std::to_string(id) + " withdrawn by " + describe(o));
    if (concerns && !(now && until <= *now)) {
      cancelled_until_[id] = until;
      keep(o);
    } else {
      log_.debug(describe(o) + " (a cancellation) not kept: " +
                 (concerns ? "the notice has ended" : "not aimed at this box"));
      cancelled_until_.erase(id);
      forget(key);
    }
    return;
  }

  cancelled_until_.erase(id);
  std::string refusal;
  if (!dvb::notice::targets(n.targeting, box_)) {
    // Genuine, just for other boxes: said once per revision, not per repetition.
    if (firstTimeNotOurs(id, o.revision))
      log_.info(describe(o) + " is not aimed at this box; not held");
  } else if (n.end <= n.start) {
    // The body decoder refuses this already; intake does not rely on it.
    refusal = "its end is not after its start";
  } else if (now && n.end <= *now) {
    refusal = "it ended at " + when(n.end);
  }
  if (!refusal.empty()) {
    if (restoring_)
      log_.info(describe(o) + " from the store not held: " + refusal + "; removed");
    else
      log_.warning(describe(o) + " refused: " + refusal);
  }
  if (!refusal.empty() || !dvb::notice::targets(n.targeting, box_)) {
    if (was_held) log_.info("notice " + std::to_string(id) + " no longer held: " + describe(o));
    forget(key);
    return;
  }

  log_.info(std::string(was_held ? "replacing" : "holding") + " " + describe(o) + " (" +
            dvb::notice::noticeKindName(n.kind) + ", " + when(n.start) + " to " + when(n.end) +
            ")");
  notices_[id] = HeldNotice{id, o.revision, std::move(n)};
  if (!was_held) ++generation_;
  keep(o);
}

bool NoticeIntake::firstTimeNotOurs(uint32_t id, uint32_t revision) {
  // Bounded: past this many ids a revision may be logged a second time.
  constexpr size_t kMaxRemembered = 4096;
  const auto it = not_ours_.find(id);
  if (it != not_ours_.end() && it->second == revision) return false;
  if (it == not_ours_.end() && not_ours_.size() >= kMaxRemembered) not_ours_.clear();
  not_ours_[id] = revision;
  return true;
}

void NoticeIntake::applyFeeBatch(const SignedObject& o, dvb::notice::FeeBatch batch) {
  const std::string subscriber = subscriberId();
  const Key key{kFeeTable, o.object_id};
  if (subscriber.empty()) {
    forget(key);
    return;
  }
  if (bucket_count_ != batch.bucket_count) {
    bucket_count_ = batch.bucket_count;
    log_.info("fee batches come in " + std::to_string(batch.bucket_count) +
              " buckets; this box's is " +
              std::to_string(dvb::notice::feeBucketOf(subscriber, batch.bucket_count)));
  }
  if (batch.bucket != dvb::notice::feeBucketOf(subscriber, batch.bucket_count)) {
    log_.debug(describe(o) + " is not this box's bucket; not kept");
    forget(key);  // e.g. stored under another smartcard or bucket count
    return;
  }
  if (fee_ && fee_->object_id != o.object_id) forget({kFeeTable, fee_->object_id});
  const bool listed = batch.find(subscriber) != nullptr;
  fee_ = Held<dvb::notice::FeeBatch>{o.object_id, o.revision, std::move(batch)};
  keep(o);
  ++generation_;
  log_.info("fee " + describe(o) + ": " +
            (listed ? "lists this subscriber" : "nothing due for this subscriber"));
}

void NoticeIntake::applyDirectory(const SignedObject& o, dvb::notice::Directory d) {
  const Key key{kDirectoryTable, o.object_id};
  if (!d.area.covers(box_.area_code)) {
    log_.debug(describe(o) + " (area " + d.area.digits + ") does not cover this box; not kept");
    if (directories_.erase(o.object_id) != 0) chooseDirectory();
    forget(key);
    return;
  }
  log_.info("directory for area " + d.area.digits + ": " + describe(o));
  directories_[o.object_id] = Held<dvb::notice::Directory>{o.object_id, o.revision, std::move(d)};
  chooseDirectory();
  keep(o);
}

void NoticeIntake::chooseDirectory() {
  const Held<dvb::notice::Directory>* best = nullptr;
  for (const auto& entry : directories_)  // by id: of equal prefixes the lowest id wins
    if (!best || entry.second.body.area.digits.size() > best->body.area.digits.size())
      best = &entry.second;
  if (best)
    directory_ = best->body;
  else
    directory_.reset();
  ++generation_;
}

void NoticeIntake::applyCalendar(const SignedObject& o, dvb::notice::WorkCalendar c) {
  log_.info("working-day calendar " + describe(o) + ": " + std::to_string(c.days.size()) +
            " listed day(s)");
  const uint16_t year = c.year;  // read before c is moved into the map
  calendars_[year] = Held<dvb::notice::WorkCalendar>{o.object_id, o.revision, std::move(c)};
  keep(o);
  ++generation_;
}

void NoticeIntake::applyKeyList(const SignedObject& o) {
  // The verifier has already applied it to the key ring.
  log_.info(describe(o) + " applied: " + std::to_string(keys_.signingCount()) +
            " signing key(s), " + std::to_string(keys_.revoked().size()) + " revoked id(s)");
  keep(o);
  dropUntrusted();
}

void NoticeIntake::dropUntrusted() {
  std::vector<std::pair<Key, std::string>> untrusted;
  for (const auto& entry : kept_) {
    if (entry.first.first == kKeyListTable) continue;
    const auto lookup =
        keys_.find(entry.second.key_id, dvb::notice::KeyRole::Signing, /*key=*/nullptr);
    if (lookup == dvb::notice::KeyRing::Lookup::kFound) continue;
    untrusted.emplace_back(entry.first, lookup == dvb::notice::KeyRing::Lookup::kRevoked
                                            ? "its signing key was revoked"
                                            : "its signing key is no longer listed");
  }
  for (const auto& [key, why] : untrusted) dropObject(key, why);
}

void NoticeIntake::dropObject(const Key& key, const std::string& why) {
  const uint32_t id = key.second;
  log_.warning(describe(key.first, id) + " dropped: " + why);
  switch (key.first) {
    case kNoticeTable:
      if (notices_.erase(id) != 0) ++generation_;
      cancelled_until_.erase(id);
      break;
    case kFeeTable:
      if (fee_ && fee_->object_id == id) {
        fee_.reset();
        ++generation_;
      }
      break;
    case kDirectoryTable:
      if (directories_.erase(id) != 0) chooseDirectory();
      break;
    case kCalendarTable:
      if (calendars_.erase(static_cast<uint16_t>(id)) != 0) ++generation_;
      break;
    default:
      break;
  }
  forget(key);
}

// ---------------------------------------------------------------- time

void NoticeIntake::expire(dvb::UtcSeconds now) {
  for (auto it = notices_.begin(); it != notices_.end();) {
    if (it->second.notice.end > now) {
      ++it;
      continue;
    }
    log_.info("notice " + std::to_string(it->first) + " ended at " + when(it->second.notice.end));
    forget({kNoticeTable, it->first});
    it = notices_.erase(it);
    ++generation_;
  }
  for (auto it = cancelled_until_.begin(); it != cancelled_until_.end();) {
    if (it->second > now) {
      ++it;
      continue;
    }
    log_.debug("cancellation of notice " + std::to_string(it->first) + " no longer needed");
    forget({kNoticeTable, it->first});
    it = cancelled_until_.erase(it);
  }
  flush();  // also the retry of whatever a failing store did not take
}

// ---------------------------------------------------------------- reads

std::optional<dvb::notice::FeeRecord> NoticeIntake::feeRecord() const {
  if (!fee_) return std::nullopt;
  const dvb::notice::FeeRecord* record = fee_->body.find(subscriberId());
  if (!record) return std::nullopt;
  return *record;
}

const dvb::notice::WorkCalendar* NoticeIntake::calendar(uint16_t year) const {
  const auto it = calendars_.find(year);
  return it == calendars_.end() ? nullptr : &it->second.body;
}

// ---------------------------------------------------------------- storage

void NoticeIntake::keep(const SignedObject& o) {
  const Key key{static_cast<uint8_t>(o.type), o.object_id};
  kept_[key] = o;
  const auto stored = stored_.find(key);
  if (stored != stored_.end() && stored->second == o.revision) {
    dirty_.erase(key);
  } else {
    dirty_.insert(key);
    changed_ = true;
  }
}

void NoticeIntake::forget(const Key& key) {
  kept_.erase(key);
  if (stored_.count(key)) {
    dirty_.insert(key);
    changed_ = true;
  } else {
    dirty_.erase(key);
  }
}

void NoticeIntake::flush() {
  if (dirty_.empty()) return;
  // Key lists first: on flash, an object signed by a new key is worthless
  // without the list that trusts the key.
  std::vector<Key> order(dirty_.begin(), dirty_.end());
  std::stable_partition(order.begin(), order.end(),
                        [](const Key& k) { return k.first == kKeyListTable; });
  for (const Key& key : order) {
    std::string error;
    const auto kept = kept_.find(key);
    bool ok;
    if (kept != kept_.end()) {
      const SignedObject& o = kept->second;
      ok = store_.putObject({key.first, key.second, o.revision, o.serialize()}, &error);
      if (ok) stored_[key] = o.revision;
    } else {
      ok = store_.removeObject(key.first, key.second, &error);
      if (ok) stored_.erase(key);
    }
    if (!ok) {
      // Everything stays held in memory; dirty_ remembers what to retry.
      const std::string message = "state store: cannot save " + describe(key.first, key.second) +
                                  " (" + error + "); " + std::to_string(dirty_.size()) +
                                  " change(s) kept in memory, retried later";
      if (store_failing_)
        log_.debug(message);  // said once per outage, not once per retry
      else
        log_.error(message);
      store_failing_ = true;
      return;
    }
    dirty_.erase(key);
  }
  if (store_failing_) {
    store_failing_ = false;
    log_.info("state store: writable again; every change saved");
  }
}

}  // namespace stb
