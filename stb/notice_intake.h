#pragma once
// What the box does with a complete table from the notice PID: verify it
// (dvb::notice::ObjectVerifier), keep what concerns this box (notices aimed at
// it, its fee record, the directory of its area, calendars, key lists), store
// that so a reboot loses nothing, and forget what is cancelled or over.
//
// A carousel may send an object before the key list that trusts its key, and
// the table gatherer delivers each table version only once: an object refused
// for a key the ring lacks waits (in memory, bounded) and is verified again,
// revision floor and revocations included, as soon as the key ring changes.
//
// Storage is write-on-change: a carousel repetition costs no flash write. When
// the store fails (full disk, read-only flash) everything stays held in
// memory and the unsaved changes are retried on the next change or expire().
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "dvb/notice/key_ring.h"
#include "dvb/notice/object_verifier.h"
#include "dvb/section.h"
#include "stb/held_notice.h"
#include "stb/ports/log.h"
#include "stb/ports/state_store.h"

namespace stb {

class NoticeIntake {
 public:
  NoticeIntake(dvb::notice::KeyRing& keys, StateStore& store, dvb::notice::BoxIdentity box,
               Log& log);

  // Once, at start-up, before any table: rebuilds from the store. Every
  // stored object is verified again (a copy on flash is trusted no more than
  // the stream), key lists first so rotated keys apply; what no longer
  // verifies, has ended (when NOW is known) or no longer concerns this box is
  // removed from the store. Verified copies restore the revision floor, so an
  // older revision replayed after the reboot is still refused.
  void restore(std::optional<dvb::UtcSeconds> now);

  // Which tables to gather at all: every notice, directory, calendar and key
  // list; of the fee batches only this box's bucket (and bucket 0, see .cpp)
  // once the bucket count is known; until then every batch.
  bool wantsTable(uint8_t table_id, uint16_t table_id_extension) const;

  // A complete gathered table from the notice PID. NOW unknown: nothing is
  // judged ended until expire().
  void onTable(const std::vector<dvb::Section>& sections, std::optional<dvb::UtcSeconds> now);

  // Drops notices whose end has passed, and cancellations once the notice
  // they cancel would have ended, with their stored copies; retries unsaved
  // changes.
  void expire(dvb::UtcSeconds now);

  // Notices aimed at this box, not cancelled, not ended; by notice id.
  const std::map<uint32_t, HeldNotice>& notices() const { return notices_; }
  // This box's record in its verified fee batch (subscriber id = smartcard
  // id, else box id); nullopt when the batch does not list it (nothing due)
  // or no batch has arrived.
  std::optional<dvb::notice::FeeRecord> feeRecord() const;
  // The directory whose area is the longest prefix covering the box.
  const std::optional<dvb::notice::Directory>& directory() const { return directory_; }
  // The working-day calendar of YEAR, or nullptr.
  const dvb::notice::WorkCalendar* calendar(uint16_t year) const;

  // Bumps on every change the scheduler must see (notices, fee record,
  // directory, calendars).
  uint64_t generation() const { return generation_; }
  // Rejection counters.
  const dvb::notice::ObjectVerifier& verifier() const { return verifier_; }
  // Changes the store has not taken yet (0 when everything is saved).
  size_t unsavedChanges() const { return dirty_.size(); }
  // Objects refused for a key the ring lacks, waiting for a key list.
  size_t waitingForKeys() const { return waiting_.size(); }

 private:
  using Key = std::pair<uint8_t, uint32_t>;  // (table_id, object_id)
  // No default member initializers here: clang 14 cannot compile a member
  // access on this nested template once std::optional<Held<...>> below has
  // instantiated it ("cannot compile this scalar expression yet", exit 139).
  // Every Held is built with all three fields, or value-initialised (zeroes).
  template <typename T>
  struct Held {
    uint32_t object_id;
    uint32_t revision;
    T body;
  };

  void take(const std::vector<dvb::Section>& sections, std::optional<dvb::UtcSeconds> now);
  void apply(dvb::notice::VerifiedObject object, std::optional<dvb::UtcSeconds> now);
  // Keeps O to verify again when the key ring changes; false when it cannot
  // wait (an older revision than one already waiting).
  bool wait(const dvb::notice::SignedObject& o);
  void retryWaiting(std::optional<dvb::UtcSeconds> now);
  // True the first time this revision of notice ID is found not to be for this box.
  bool firstTimeNotOurs(uint32_t id, uint32_t revision);
  void applyNotice(const dvb::notice::SignedObject& o, dvb::notice::Notice n,
                   std::optional<dvb::UtcSeconds> now);
  void applyFeeBatch(const dvb::notice::SignedObject& o, dvb::notice::FeeBatch batch);
  void applyDirectory(const dvb::notice::SignedObject& o, dvb::notice::Directory d);
  void applyCalendar(const dvb::notice::SignedObject& o, dvb::notice::WorkCalendar c);
  void applyKeyList(const dvb::notice::SignedObject& o);
  // After a key list: whatever was signed by a key no longer trusted goes.
  void dropUntrusted();
  void dropObject(const Key& key, const std::string& why);
  void chooseDirectory();
  std::string subscriberId() const;

  // The store follows kept_: keep() and forget() mark a key dirty only when
  // the store's copy differs; flush() writes the dirty keys.
  void keep(const dvb::notice::SignedObject& o);
  void forget(const Key& key);
  void flush();

  dvb::notice::KeyRing& keys_;
  StateStore& store_;
  dvb::notice::BoxIdentity box_;
  Log& log_;
  dvb::notice::ObjectVerifier verifier_;

  std::map<uint32_t, HeldNotice> notices_;
  // Cancelled notice ids -> when the cancellation may be forgotten.
  std::map<uint32_t, dvb::UtcSeconds> cancelled_until_;
  std::optional<Held<dvb::notice::FeeBatch>> fee_;
  std::optional<uint16_t> bucket_count_;
  std::map<uint32_t, Held<dvb::notice::Directory>> directories_;
  std::optional<dvb::notice::Directory> directory_;
  std::map<uint16_t, Held<dvb::notice::WorkCalendar>> calendars_;
  uint64_t generation_ = 0;

  struct Waiting {
    dvb::notice::SignedObject object;
    uint64_t since = 0;  // arrival order: the oldest goes first when full
  };
  std::map<Key, Waiting> waiting_;
  uint64_t waiting_arrivals_ = 0;
  uint64_t seen_ring_ = 0;  // keys_.generation() when waiting_ was last checked
  // Notice id -> revision last logged as not for this box (a log line per revision).
  std::map<uint32_t, uint32_t> not_ours_;

  std::map<Key, dvb::notice::SignedObject> kept_;  // what the store should hold
  std::map<Key, uint32_t> stored_;                 // revision the store holds
  std::set<Key> dirty_;
  bool changed_ = false;        // keep()/forget() marked something since onTable began
  bool store_failing_ = false;  // the last write failed (log the outage once)
  bool restoring_ = false;
};

}  // namespace stb
