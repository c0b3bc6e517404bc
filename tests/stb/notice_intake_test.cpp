// Notice intake end to end with real signed objects: what a box holds, what
// it stores (and how often it writes), what survives a reboot, and what is
// refused and said so.
#include "stb/notice_intake.h"

#include <gtest/gtest.h>

#include <memory>

#include "dvb/crc32.h"
#include "stb/memory_state_store.h"
#include "tests/dvb/notice/notice_test_util.h"
#include "tests/stb/stb_test_util.h"
#include "tests/support/utc_time.h"

namespace stb {
namespace {

using dvb::notice::BoxIdentity;
using dvb::notice::DayType;
using dvb::notice::Directory;
using dvb::notice::FeeBatch;
using dvb::notice::FeeRecord;
using dvb::notice::KeyList;
using dvb::notice::KeyRing;
using dvb::notice::Notice;
using dvb::notice::PrivateKey;
using dvb::notice::Rejection;
using dvb::notice::SignedObject;
using dvb::notice::WorkCalendar;
using dvb::notice::testing_util::maintenanceNotice;
using dvb::notice::testing_util::newKey;
using dvb::notice::testing_util::sectionsOf;
using dvb::notice::testing_util::sign;
using dvb::notice::testing_util::text;
using testing_util::cancellationOf;
using testing_util::RecordingLog;

constexpr uint8_t kNoticeTable = 0xC0, kFeeTable = 0xC1, kDirectoryTable = 0xC2,
                  kKeyListTable = 0xC4;

using testing_support::at;

// A subscriber id of the form 86100nnnnnnnn that falls into BUCKET.
std::string subscriberIn(uint16_t bucket, uint16_t bucket_count, const std::string& not_this) {
  for (int i = 0;; ++i) {
    std::string id = "86100" + std::to_string(20000000 + i);
    if (id != not_this && dvb::notice::feeBucketOf(id, bucket_count) == bucket) return id;
  }
}

FeeRecord record(const std::string& subscriber, uint32_t amount) {
  FeeRecord r;
  r.subscriber_id = subscriber;
  r.paid_until = at("2026-12-05T00:00:00Z");
  r.amount_due = amount;
  r.currency = "CNY";
  r.package = text("Basic");
  return r;
}

Directory directoryFor(const std::string& area, const std::string& hotline) {
  Directory d;
  d.area = {area};
  d.hotline = hotline;
  d.supervision_phone = "12315";
  d.office_phone = "0791-86000000";
  d.office_address = text("1 Bayi Avenue");
  d.technician_name = text("Li Wei");
  d.technician_staff_no = "NC-042";
  return d;
}

class Intake : public ::testing::Test {
 protected:
  Intake() : key_(newKey()), root_(newKey()) { boot(); }

  // A box starting: the key ring as installed (root + initial signing key),
  // a fresh intake over the same store.
  void boot() {
    intake_.reset();
    ring_ = std::make_unique<KeyRing>();
    ring_->addRoot(root_.publicKey());
    ring_->addSigning(key_.publicKey());
    log_.lines.clear();
    intake_ = std::make_unique<NoticeIntake>(*ring_, store_, box_, log_);
  }
  void reboot() {
    boot();
    intake_->restore(now_);
  }

  void feed(const SignedObject& o) { intake_->onTable(sectionsOf(o), now_); }
  void feedNotice(const Notice& n, uint32_t id, uint32_t revision) {
    feed(sign(n, id, revision, key_));
  }
  bool holds(uint32_t id) const { return intake_->notices().count(id) != 0; }

  PrivateKey key_, root_;
  MemoryStateStore store_;
  RecordingLog log_;
  BoxIdentity box_{"360102", 77, "BOX-0001", "8610012345678"};
  dvb::UtcSeconds now_ = at("2026-11-29T00:00:00Z");
  std::unique_ptr<KeyRing> ring_;
  std::unique_ptr<NoticeIntake> intake_;  // last: goes first
};

// ------------------------------------------------------------ notices

TEST_F(Intake, HoldsAndStoresAVerifiedNoticeForThisArea) {
  const uint64_t before = intake_->generation();
  feedNotice(maintenanceNotice(), 1001, 1);
  ASSERT_TRUE(holds(1001)) << log_.dump();
  const HeldNotice& held = intake_->notices().at(1001);
  EXPECT_EQ(held.revision, 1u);
  EXPECT_EQ(held.notice.texts[0].title.utf8, "线路维护");
  EXPECT_GT(intake_->generation(), before);
  ASSERT_NE(store_.find(kNoticeTable, 1001), nullptr);
  EXPECT_EQ(store_.find(kNoticeTable, 1001)->revision, 1u);
  EXPECT_EQ(store_.writes(), 1u);
  EXPECT_EQ(intake_->verifier().accepted(), 1u);
  EXPECT_TRUE(log_.has(LogLevel::kInfo, {"holding", "notice 1001"}));
}

TEST_F(Intake, EachKindOfTargetMatches) {
  Notice n = maintenanceNotice();
  n.targeting = {};
  feedNotice(n, 1, 1);  // all lists empty: everyone
  n.targeting.nodes = {77};
  feedNotice(n, 2, 1);
  n.targeting = {};
  n.targeting.box_ids = {"BOX-0001"};
  feedNotice(n, 3, 1);
  n.targeting = {};
  n.targeting.smartcard_ids = {"8610012345678"};
  feedNotice(n, 4, 1);
  EXPECT_EQ(intake_->notices().size(), 4u) << log_.dump();
}

TEST_F(Intake, NoticesForOtherBoxesAreNeitherHeldNorStored) {
  Notice n = maintenanceNotice();
  n.targeting = {};
  n.targeting.areas = {{"3602"}};
  feedNotice(n, 11, 1);
  n.targeting = {};
  n.targeting.nodes = {78};
  feedNotice(n, 12, 1);
  n.targeting = {};
  n.targeting.box_ids = {"BOX-0002"};
  feedNotice(n, 13, 1);
  n.targeting = {};
  n.targeting.smartcard_ids = {"8610099999999"};
  feedNotice(n, 14, 1);
  EXPECT_TRUE(intake_->notices().empty());
  EXPECT_EQ(store_.size(), 0u);
  EXPECT_EQ(store_.writes(), 0u);
  EXPECT_EQ(intake_->verifier().accepted(), 4u);  // genuine, just not ours
  // Said at info (docs/stbd.md: everything refused is logged), once per revision.
  EXPECT_TRUE(log_.has(LogLevel::kInfo, {"notice 12 revision 1", "not aimed at this box"}));
  EXPECT_EQ(log_.count(LogLevel::kWarning), 0u);
  const size_t lines = log_.lines.size();
  for (int i = 0; i < 3; ++i) feedNotice(n, 14, 1);  // repetitions: nothing more
  EXPECT_EQ(log_.lines.size(), lines) << log_.dump();
  feedNotice(n, 14, 2);
  EXPECT_TRUE(log_.has(LogLevel::kInfo, {"notice 14 revision 2", "not aimed at this box"}));
}

TEST_F(Intake, ANewerRevisionReplacesTheNotice) {
  feedNotice(maintenanceNotice(), 1001, 1);
  const uint64_t after_first = intake_->generation();
  Notice later = maintenanceNotice();
  later.end = at("2026-11-30T08:00:00Z");
  feedNotice(later, 1001, 2);
  ASSERT_TRUE(holds(1001));
  EXPECT_EQ(intake_->notices().at(1001).revision, 2u);
  EXPECT_EQ(intake_->notices().at(1001).notice.end, at("2026-11-30T08:00:00Z"));
  EXPECT_GT(intake_->generation(), after_first);
  EXPECT_EQ(store_.find(kNoticeTable, 1001)->revision, 2u);
  EXPECT_EQ(store_.writes(), 2u);
}

TEST_F(Intake, ARevisionThatNoLongerTargetsTheBoxRemovesIt) {
  feedNotice(maintenanceNotice(), 1001, 1);
  Notice elsewhere = maintenanceNotice();
  elsewhere.targeting.areas = {{"3602"}};
  feedNotice(elsewhere, 1001, 2);
  EXPECT_FALSE(holds(1001));
  EXPECT_EQ(store_.find(kNoticeTable, 1001), nullptr);
}

TEST_F(Intake, ACancelRevisionRemovesTheNoticeAndIsStored) {
  feedNotice(maintenanceNotice(), 1001, 1);
  const uint64_t before = intake_->generation();
  feedNotice(cancellationOf(maintenanceNotice()), 1001, 2);
  EXPECT_FALSE(holds(1001));
  EXPECT_GT(intake_->generation(), before);
  ASSERT_NE(store_.find(kNoticeTable, 1001), nullptr);
  EXPECT_EQ(store_.find(kNoticeTable, 1001)->revision, 2u);
  EXPECT_TRUE(log_.has(LogLevel::kInfo, {"notice 1001 withdrawn"}));

  // The headend replays revision 1: refused, and said so.
  feedNotice(maintenanceNotice(), 1001, 1);
  EXPECT_FALSE(holds(1001));
  EXPECT_EQ(intake_->verifier().rejected(Rejection::kReplayed), 1u);
  EXPECT_TRUE(log_.has(LogLevel::kWarning, {"notice 1001 revision 1", "replayed"}));
}

TEST_F(Intake, ACarouselRepetitionChangesNothingAndWritesNothing) {
  feedNotice(maintenanceNotice(), 1001, 1);
  feedNotice(cancellationOf(maintenanceNotice()), 1002, 4);  // kept: it targets this area
  const uint64_t generation = intake_->generation();
  const uint64_t writes = store_.writes();
  for (int i = 0; i < 5; ++i) {
    feedNotice(maintenanceNotice(), 1001, 1);
    feedNotice(cancellationOf(maintenanceNotice()), 1002, 4);
  }
  EXPECT_EQ(intake_->generation(), generation);
  EXPECT_EQ(store_.writes(), writes);
  EXPECT_EQ(writes, 2u);  // notice 1001 and the cancellation of 1002 (it targets this area)
}

TEST_F(Intake, ANoticeThatHasAlreadyEndedIsRefused) {
  now_ = at("2026-11-30T07:00:00Z");
  feedNotice(maintenanceNotice(), 1001, 1);
  EXPECT_FALSE(holds(1001));
  EXPECT_EQ(store_.writes(), 0u);
  EXPECT_TRUE(log_.has(LogLevel::kWarning, {"notice 1001", "ended"}));
}

TEST_F(Intake, WithoutTheTimeANoticeIsHeldUntilExpireKnowsBetter) {
  intake_->onTable(sectionsOf(sign(maintenanceNotice(), 1001, 1, key_)), std::nullopt);
  EXPECT_TRUE(holds(1001));
  intake_->expire(at("2026-11-30T07:00:00Z"));
  EXPECT_FALSE(holds(1001));
}

TEST_F(Intake, ExpiryDropsEndedNoticesAndTheirStoredCopies) {
  feedNotice(maintenanceNotice(), 1001, 1);
  Notice longer = maintenanceNotice();
  longer.end = at("2026-12-01T00:00:00Z");
  feedNotice(longer, 1002, 1);
  feedNotice(maintenanceNotice(), 1003, 1);
  feedNotice(cancellationOf(maintenanceNotice()), 1003, 2);
  ASSERT_EQ(store_.size(), 3u);

  intake_->expire(at("2026-11-30T05:59:59Z"));
  EXPECT_EQ(intake_->notices().size(), 2u);
  EXPECT_EQ(store_.size(), 3u);

  const uint64_t before = intake_->generation();
  intake_->expire(at("2026-11-30T06:00:00Z"));
  EXPECT_FALSE(holds(1001));
  EXPECT_TRUE(holds(1002));
  EXPECT_GT(intake_->generation(), before);
  EXPECT_EQ(store_.find(kNoticeTable, 1001), nullptr);
  // The cancellation of 1003 is not needed once 1003 would have ended.
  EXPECT_EQ(store_.find(kNoticeTable, 1003), nullptr);
  EXPECT_EQ(store_.size(), 1u);
  EXPECT_TRUE(log_.has(LogLevel::kInfo, {"notice 1001 ended"}));
}

TEST_F(Intake, ARefusedTableIsLoggedWithItsObjectAndReason) {
  auto sections = sectionsOf(sign(maintenanceNotice(), 1001, 1, key_));
  // One byte of the signature changed, CRC_32 recomputed, as a forger would.
  std::vector<uint8_t> bytes = sections[0].bytes();
  bytes[bytes.size() - 10] ^= 0x01;
  const uint32_t crc = dvb::crc32Mpeg2(bytes.data(), bytes.size() - 4);
  for (int i = 0; i < 4; ++i)
    bytes[bytes.size() - 4 + i] = static_cast<uint8_t>(crc >> (24 - 8 * i));
  std::string error;
  intake_->onTable({*dvb::Section::fromBytes(bytes, &error)}, now_);
  EXPECT_FALSE(holds(1001));
  EXPECT_EQ(intake_->verifier().rejected(Rejection::kBadSignature), 1u);
  EXPECT_TRUE(log_.has(LogLevel::kWarning, {"notice 1001", "refused", "bad_signature"}))
      << log_.dump();
  EXPECT_EQ(store_.writes(), 0u);
}

TEST_F(Intake, ANoticeFromAnUnknownKeyIsRefused) {
  const PrivateKey stranger = newKey();
  feed(sign(maintenanceNotice(), 1001, 1, stranger));
  EXPECT_FALSE(holds(1001));
  EXPECT_TRUE(log_.has(LogLevel::kWarning, {"notice 1001", "unknown_key"}));
}

// The refusal's log line names the object from the one parse of its
// envelope that verification made: type, id and revision, which only the
// envelope holds (the table_id_extension is the id's low 16 bits).
TEST_F(Intake, ARefusedObjectIsNamedByItsEnvelopeOnceAndCountedOnce) {
  feed(sign(maintenanceNotice(), 0x12345, 4, newKey()));
  EXPECT_EQ(intake_->verifier().rejected(Rejection::kUnknownKey), 1u);
  ASSERT_EQ(log_.count(LogLevel::kWarning), 1u) << log_.dump();
  EXPECT_TRUE(log_.has("warning: notice 74565 revision 4 refused: unknown_key"));
  EXPECT_EQ(intake_->waitingForKeys(), 1u);  // the same parse waits for a key list
}

TEST_F(Intake, AnEnvelopeThatDoesNotParseIsNamedByItsTable) {
  // The message of object 1001 on the table of object 1002: the header
  // inside disagrees with the table it came on.
  const auto sections = sectionsOf(sign(maintenanceNotice(), 1001, 1, key_));
  std::vector<uint8_t> message(sections[0].payload(),
                               sections[0].payload() + sections[0].payloadSize());
  intake_->onTable({dvb::Section::makeLong(kNoticeTable, 1002, 1, 0, 0, message, true)}, now_);
  EXPECT_FALSE(holds(1001));
  EXPECT_FALSE(holds(1002));
  EXPECT_EQ(intake_->verifier().rejected(Rejection::kMalformed), 1u);
  ASSERT_EQ(log_.count(LogLevel::kWarning), 1u) << log_.dump();
  EXPECT_TRUE(log_.has(LogLevel::kWarning, {"notice 1002 (table_id_extension) refused: malformed"}))
      << log_.dump();
  EXPECT_EQ(intake_->waitingForKeys(), 0u);
}

TEST_F(Intake, WantsEveryObjectTableButNothingElse) {
  EXPECT_FALSE(intake_->wantsTable(0x00, 0));
  EXPECT_FALSE(intake_->wantsTable(0x80, 0));
  for (uint8_t t = 0xC0; t <= 0xC4; ++t) EXPECT_TRUE(intake_->wantsTable(t, 1234));
}

// ------------------------------------------------------------ reboot

TEST_F(Intake, AfterARebootTheStoredNoticeIsHeldWithoutAnyTable) {
  feedNotice(maintenanceNotice(), 1001, 3);
  const uint64_t writes = store_.writes();
  reboot();
  ASSERT_TRUE(holds(1001)) << log_.dump();
  EXPECT_EQ(intake_->notices().at(1001).revision, 3u);
  EXPECT_EQ(intake_->notices().at(1001).notice.texts[1].language, "spa");
  EXPECT_EQ(store_.writes(), writes);  // restoring writes nothing
  EXPECT_TRUE(log_.has(LogLevel::kInfo, {"restored", "1 notice"}));
}

TEST_F(Intake, TheRestoredRevisionFloorRefusesAnOlderRevision) {
  feedNotice(maintenanceNotice(), 1001, 3);
  reboot();
  feedNotice(maintenanceNotice(), 1001, 2);
  EXPECT_EQ(intake_->verifier().rejected(Rejection::kReplayed), 1u);
  EXPECT_EQ(intake_->notices().at(1001).revision, 3u);
  EXPECT_EQ(store_.find(kNoticeTable, 1001)->revision, 3u);
}

TEST_F(Intake, AStoredCancellationStillRefusesTheOldRevisionAfterAReboot) {
  feedNotice(maintenanceNotice(), 1001, 1);
  feedNotice(cancellationOf(maintenanceNotice()), 1001, 2);
  reboot();
  EXPECT_FALSE(holds(1001));
  feedNotice(maintenanceNotice(), 1001, 1);
  EXPECT_FALSE(holds(1001));
  EXPECT_EQ(intake_->verifier().rejected(Rejection::kReplayed), 1u);
}

TEST_F(Intake, ATamperedStoredObjectIsRefusedAtRestoreAndRemoved) {
  feedNotice(maintenanceNotice(), 1001, 1);
  feedNotice(maintenanceNotice(), 1002, 1);
  StoredObject copy = *store_.find(kNoticeTable, 1001);
  copy.message[30] ^= 0x20;  // inside the body: e.g. someone editing the text on flash
  std::string error;
  ASSERT_TRUE(store_.putObject(copy, &error));
  reboot();
  EXPECT_FALSE(holds(1001));
  EXPECT_TRUE(holds(1002));
  EXPECT_EQ(store_.find(kNoticeTable, 1001), nullptr);
  EXPECT_TRUE(log_.has(LogLevel::kWarning, {"stored notice 1001", "refused at restore"}))
      << log_.dump();
  // A tampered copy does not raise the floor: the genuine revision is taken.
  feedNotice(maintenanceNotice(), 1001, 1);
  EXPECT_TRUE(holds(1001));
}

TEST_F(Intake, AStoredCopyThatEndedWhileTheBoxWasOffIsRemoved) {
  feedNotice(maintenanceNotice(), 1001, 1);
  now_ = at("2026-12-01T00:00:00Z");
  reboot();
  EXPECT_FALSE(holds(1001));
  EXPECT_EQ(store_.size(), 0u);
}

TEST_F(Intake, AnUnreadableStoreIsAnErrorAndTheBoxStartsEmpty) {
  feedNotice(maintenanceNotice(), 1001, 1);
  store_.failWith("disk I/O error");
  reboot();
  EXPECT_TRUE(intake_->notices().empty());
  EXPECT_TRUE(log_.has(LogLevel::kError, {"disk I/O error"}));
}

// ------------------------------------------------------------ keys

TEST_F(Intake, AKeyRotationSurvivesARestart) {
  feedNotice(maintenanceNotice(), 1001, 1);  // signed by the old key
  const PrivateKey next = newKey();
  KeyList list;
  list.signing_keys.push_back({next.id(), next.publicKey().der()});
  list.revoked.push_back(key_.id());
  feed(sign(list, 0, 1, root_));
  ASSERT_TRUE(ring_->isRevoked(key_.id())) << log_.dump();
  ASSERT_NE(store_.find(kKeyListTable, 0), nullptr);
  // What the revoked key signed is dropped at once, and from the store.
  EXPECT_FALSE(holds(1001));
  EXPECT_EQ(store_.find(kNoticeTable, 1001), nullptr);
  EXPECT_TRUE(log_.has(LogLevel::kWarning, {"notice 1001 dropped", "revoked"}));

  feed(sign(maintenanceNotice(), 2001, 1, next));
  ASSERT_TRUE(holds(2001));

  // The box restarts with the keys it was installed with; the stored list
  // is applied first, so the notice signed by the new key verifies.
  reboot();
  EXPECT_TRUE(ring_->isRevoked(key_.id()));
  EXPECT_TRUE(holds(2001)) << log_.dump();
  feedNotice(maintenanceNotice(), 3001, 1);  // the revoked key again
  EXPECT_FALSE(holds(3001));
  EXPECT_EQ(intake_->verifier().rejected(Rejection::kRevokedKey), 1u);
}

// A carousel that sends a notice before the key list trusting its key: the
// gatherer delivers each version once, so the box must not need a second copy.
TEST_F(Intake, AnObjectBeforeTheKeyListThatTrustsItsKeyIsHeldWhenTheListArrives) {
  const PrivateKey next = newKey();
  feed(sign(maintenanceNotice(), 1001, 1, next));
  EXPECT_FALSE(holds(1001));
  EXPECT_EQ(intake_->verifier().rejected(Rejection::kUnknownKey), 1u);
  EXPECT_TRUE(log_.has(LogLevel::kWarning, {"notice 1001", "unknown_key", "checked again"}))
      << log_.dump();
  EXPECT_EQ(intake_->waitingForKeys(), 1u);

  KeyList list;
  list.signing_keys.push_back({key_.id(), key_.publicKey().der()});
  list.signing_keys.push_back({next.id(), next.publicKey().der()});
  feed(sign(list, 0, 1, root_));
  ASSERT_TRUE(holds(1001)) << log_.dump();
  EXPECT_EQ(intake_->waitingForKeys(), 0u);
  EXPECT_EQ(store_.find(kNoticeTable, 1001)->revision, 1u);
  EXPECT_TRUE(log_.has(LogLevel::kInfo, {"notice 1001 revision 1", "verified now"}));
  EXPECT_EQ(intake_->verifier().rejected(Rejection::kUnknownKey), 1u);  // counted once

  // The next pass repeats the list: nothing more to do.
  const uint64_t writes = store_.writes();
  feed(sign(list, 0, 1, root_));
  EXPECT_EQ(store_.writes(), writes);
}

TEST_F(Intake, AWaitingObjectStaysWaitingUntilItsOwnKeyArrives) {
  const PrivateKey next = newKey(), later = newKey();
  feed(sign(maintenanceNotice(), 1001, 1, later));
  KeyList list;
  list.signing_keys.push_back({next.id(), next.publicKey().der()});
  feed(sign(list, 0, 1, root_));  // the ring changes, but not with its key
  EXPECT_FALSE(holds(1001));
  EXPECT_EQ(intake_->waitingForKeys(), 1u);
  EXPECT_EQ(intake_->verifier().rejected(Rejection::kUnknownKey), 1u);
  list.signing_keys.push_back({later.id(), later.publicKey().der()});
  feed(sign(list, 0, 2, root_));
  EXPECT_TRUE(holds(1001)) << log_.dump();
}

TEST_F(Intake, AReplayedRevisionIsStillRefusedWhenItsKeyArrives) {
  feedNotice(maintenanceNotice(), 1001, 3);
  // An old revision under a key the box does not hold yet: it waits...
  const PrivateKey next = newKey();
  Notice old = maintenanceNotice();
  old.end = at("2026-11-30T09:00:00Z");
  feed(sign(old, 1001, 2, next));
  EXPECT_EQ(intake_->waitingForKeys(), 1u);
  // ...and the key list that trusts the key does not lower the revision floor.
  KeyList list;
  list.signing_keys.push_back({key_.id(), key_.publicKey().der()});
  list.signing_keys.push_back({next.id(), next.publicKey().der()});
  feed(sign(list, 0, 1, root_));
  EXPECT_EQ(intake_->waitingForKeys(), 0u);
  EXPECT_EQ(intake_->verifier().rejected(Rejection::kReplayed), 1u);
  EXPECT_TRUE(log_.has(LogLevel::kWarning, {"notice 1001 revision 2", "replayed"})) << log_.dump();
  ASSERT_TRUE(holds(1001));
  EXPECT_EQ(intake_->notices().at(1001).revision, 3u);
  EXPECT_EQ(intake_->notices().at(1001).notice.end, maintenanceNotice().end);
  EXPECT_EQ(store_.find(kNoticeTable, 1001)->revision, 3u);
}

TEST_F(Intake, AnObjectWaitingForARevokedKeyIsRefused) {
  const PrivateKey stolen = newKey();
  feed(sign(maintenanceNotice(), 1001, 1, stolen));
  EXPECT_EQ(intake_->waitingForKeys(), 1u);
  KeyList list;
  list.signing_keys.push_back({key_.id(), key_.publicKey().der()});
  list.revoked.push_back(stolen.id());
  feed(sign(list, 0, 1, root_));
  EXPECT_FALSE(holds(1001));
  EXPECT_EQ(intake_->waitingForKeys(), 0u);
  EXPECT_EQ(intake_->verifier().rejected(Rejection::kRevokedKey), 1u);
  EXPECT_TRUE(log_.has(LogLevel::kWarning, {"notice 1001", "revoked_key"})) << log_.dump();
  // A replayed key list listing the stolen key cannot bring it back.
  KeyList replayed;
  replayed.signing_keys.push_back({stolen.id(), stolen.publicKey().der()});
  feed(sign(replayed, 0, 1, root_));
  feed(sign(maintenanceNotice(), 1001, 1, stolen));
  EXPECT_FALSE(holds(1001));
  EXPECT_EQ(intake_->waitingForKeys(), 0u);
}

TEST_F(Intake, OnlyARefusalAKeyListCanCureWaits) {
  auto sections = sectionsOf(sign(maintenanceNotice(), 1001, 1, key_));
  std::vector<uint8_t> bytes = sections[0].bytes();
  bytes[bytes.size() - 10] ^= 0x01;  // the signature, CRC_32 made right again
  const uint32_t crc = dvb::crc32Mpeg2(bytes.data(), bytes.size() - 4);
  for (int i = 0; i < 4; ++i)
    bytes[bytes.size() - 4 + i] = static_cast<uint8_t>(crc >> (24 - 8 * i));
  std::string error;
  intake_->onTable({*dvb::Section::fromBytes(bytes, &error)}, now_);
  KeyList signed_by_a_stranger;
  feed(sign(signed_by_a_stranger, 0, 1, newKey()));  // no root trusts it
  EXPECT_EQ(intake_->verifier().rejected(Rejection::kBadSignature), 1u);
  EXPECT_EQ(intake_->verifier().rejected(Rejection::kUnknownKey), 1u);
  EXPECT_EQ(intake_->waitingForKeys(), 0u);
}

TEST_F(Intake, WhatWaitsIsBounded) {
  const PrivateKey stranger = newKey();
  for (uint32_t id = 1; id <= 100; ++id) feed(sign(maintenanceNotice(), id, 1, stranger));
  EXPECT_EQ(intake_->waitingForKeys(), 64u);
  KeyList list;
  list.signing_keys.push_back({stranger.id(), stranger.publicKey().der()});
  feed(sign(list, 0, 1, root_));
  // The newest 64 are held; the oldest were let go (their next version brings them back).
  EXPECT_EQ(intake_->notices().size(), 64u);
  EXPECT_FALSE(holds(36));
  EXPECT_TRUE(holds(37));
  EXPECT_TRUE(holds(100));
}

TEST_F(Intake, AKeyListSignedByASigningKeyIsRefused) {
  KeyList list;
  feed(sign(list, 0, 1, key_));
  EXPECT_EQ(intake_->verifier().rejected(Rejection::kWrongKeyRole), 1u);
  EXPECT_EQ(store_.size(), 0u);
  EXPECT_TRUE(log_.has(LogLevel::kWarning, {"key_list 0", "wrong_key_role"})) << log_.dump();
}

// ------------------------------------------------------------ fee batches

TEST_F(Intake, FeeBatchesBucketSelectionAndRecordLookup) {
  constexpr uint16_t kBuckets = 8;
  const std::string me = box_.smartcard_id;
  const uint16_t mine = dvb::notice::feeBucketOf(me, kBuckets);
  uint16_t other = 1;
  while (other == mine) ++other;

  EXPECT_TRUE(intake_->wantsTable(kFeeTable, other));  // bucket count not known yet
  FeeBatch theirs;
  theirs.bucket_count = kBuckets;
  theirs.bucket = other;
  theirs.records = {record(subscriberIn(other, kBuckets, me), 1000)};
  feed(sign(theirs, other, 1, key_));
  EXPECT_FALSE(intake_->feeRecord());
  EXPECT_EQ(store_.size(), 0u);  // another box's bucket is never stored
  EXPECT_FALSE(intake_->wantsTable(kFeeTable, other));
  EXPECT_TRUE(intake_->wantsTable(kFeeTable, mine));
  EXPECT_TRUE(intake_->wantsTable(kFeeTable, 0));  // to notice a new bucket count

  FeeBatch ours;
  ours.bucket_count = kBuckets;
  ours.bucket = mine;
  ours.records = {record(subscriberIn(mine, kBuckets, me), 500), record(me, 2600)};
  const uint64_t before = intake_->generation();
  feed(sign(ours, mine, 1, key_));
  ASSERT_TRUE(intake_->feeRecord()) << log_.dump();
  EXPECT_EQ(intake_->feeRecord()->amount_due, 2600u);
  EXPECT_EQ(intake_->feeRecord()->subscriber_id, me);
  EXPECT_GT(intake_->generation(), before);
  EXPECT_EQ(store_.size(), 1u);
  ASSERT_NE(store_.find(kFeeTable, mine), nullptr);

  // Paid: the next revision of the bucket no longer lists the box.
  ours.records.pop_back();
  feed(sign(ours, mine, 2, key_));
  EXPECT_FALSE(intake_->feeRecord());
  EXPECT_EQ(store_.find(kFeeTable, mine)->revision, 2u);

  // After a reboot the stored batch teaches the bucket count at once.
  reboot();
  EXPECT_FALSE(intake_->wantsTable(kFeeTable, other));
  EXPECT_TRUE(intake_->wantsTable(kFeeTable, mine));
}

TEST_F(Intake, WithoutASmartcardTheBoxIdIsTheSubscriber) {
  box_.smartcard_id.clear();
  boot();
  constexpr uint16_t kBuckets = 4;
  const uint16_t mine = dvb::notice::feeBucketOf(box_.box_id, kBuckets);
  FeeBatch ours;
  ours.bucket_count = kBuckets;
  ours.bucket = mine;
  ours.records = {record(box_.box_id, 3000)};
  feed(sign(ours, mine, 1, key_));
  ASSERT_TRUE(intake_->feeRecord()) << log_.dump();
  EXPECT_EQ(intake_->feeRecord()->amount_due, 3000u);
}

// ------------------------------------------------------------ directory, calendar

TEST_F(Intake, TheLongestAreaPrefixCoveringTheBoxWins) {
  feed(sign(directoryFor("36", "12345"), 1, 1, key_));
  ASSERT_TRUE(intake_->directory());
  EXPECT_EQ(intake_->directory()->hotline, "12345");
  feed(sign(directoryFor("3601", "96123"), 2, 1, key_));
  feed(sign(directoryFor("3602", "96999"), 3, 1, key_));
  EXPECT_EQ(intake_->directory()->hotline, "96123");
  EXPECT_NE(store_.find(kDirectoryTable, 1), nullptr);
  EXPECT_NE(store_.find(kDirectoryTable, 2), nullptr);
  EXPECT_EQ(store_.find(kDirectoryTable, 3), nullptr);  // not this box's area

  feed(sign(directoryFor("3603", "96123"), 2, 2, key_));  // directory 2 moves elsewhere
  EXPECT_EQ(intake_->directory()->hotline, "12345");
  EXPECT_EQ(store_.find(kDirectoryTable, 2), nullptr);

  reboot();
  ASSERT_TRUE(intake_->directory());
  EXPECT_EQ(intake_->directory()->hotline, "12345");
}

TEST_F(Intake, CalendarsAreHeldByYear) {
  WorkCalendar c;
  c.year = 2026;
  c.days = {{at("2026-10-01T00:00:00Z"), DayType::kHoliday},
            {at("2026-10-10T00:00:00Z"), DayType::kWorkingDay}};
  feed(sign(c, 2026, 1, key_));
  ASSERT_NE(intake_->calendar(2026), nullptr) << log_.dump();
  EXPECT_EQ(intake_->calendar(2026)->days.size(), 2u);
  EXPECT_EQ(intake_->calendar(2027), nullptr);
  reboot();
  EXPECT_NE(intake_->calendar(2026), nullptr);
}

// ------------------------------------------------------------ a failing store

TEST_F(Intake, AFailingStoreKeepsNoticesInMemoryAndSavesThemLater) {
  store_.failWith("database or disk is full");
  feedNotice(maintenanceNotice(), 1001, 1);
  ASSERT_TRUE(holds(1001));  // flash failing never loses an accepted notice
  EXPECT_EQ(intake_->unsavedChanges(), 1u);
  EXPECT_TRUE(log_.has(LogLevel::kError, {"notice 1001", "database or disk is full"}));

  feedNotice(maintenanceNotice(), 1002, 1);  // a change: retried, still failing
  EXPECT_TRUE(holds(1002));
  EXPECT_EQ(intake_->unsavedChanges(), 2u);
  EXPECT_EQ(log_.count(LogLevel::kError), 1u);  // one error per outage, not per retry
  const uint64_t attempts = store_.failedCalls();
  feedNotice(maintenanceNotice(), 1001, 1);  // a repetition: no retry
  EXPECT_EQ(store_.failedCalls(), attempts);

  store_.stopFailing();
  intake_->expire(now_);  // the periodic call retries
  EXPECT_EQ(intake_->unsavedChanges(), 0u);
  EXPECT_EQ(store_.size(), 2u);
  EXPECT_TRUE(log_.has(LogLevel::kInfo, {"writable again"}));

  reboot();
  EXPECT_TRUE(holds(1001));
  EXPECT_TRUE(holds(1002));
}

TEST_F(Intake, AFailedRemovalIsRetriedOnTheNextChange) {
  feedNotice(maintenanceNotice(), 1001, 1);
  store_.failWith("attempt to write a readonly database");
  feedNotice(cancellationOf(maintenanceNotice()), 1001, 2);
  EXPECT_FALSE(holds(1001));
  EXPECT_EQ(store_.find(kNoticeTable, 1001)->revision, 1u);  // not saved yet
  store_.stopFailing();
  feedNotice(maintenanceNotice(), 1002, 1);  // any change retries
  EXPECT_EQ(intake_->unsavedChanges(), 0u);
  EXPECT_EQ(store_.find(kNoticeTable, 1001)->revision, 2u);
  reboot();
  EXPECT_FALSE(holds(1001));
  feedNotice(maintenanceNotice(), 1001, 1);
  EXPECT_FALSE(holds(1001));
}

}  // namespace
}  // namespace stb
