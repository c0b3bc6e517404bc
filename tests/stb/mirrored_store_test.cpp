// The stores stbd uses while flash may fail: everything in memory, written
// through to flash while it works; a failure degrades once (the owner is
// told), and resync() puts memory back on flash when it works again.
#include <gtest/gtest.h>

#include "stb/memory_state_store.h"
#include "stb/mirrored_outbox_store.h"
#include "stb/mirrored_state_store.h"

namespace stb {
namespace {

StoredObject object(uint32_t object_id, uint32_t revision) {
  return {0xC0, object_id, revision, {9, static_cast<uint8_t>(revision)}};
}

std::vector<StoredObject> load(StateStore& s) {
  std::vector<StoredObject> out;
  std::string error;
  EXPECT_TRUE(s.loadObjects(&out, &error)) << error;
  return out;
}

TEST(MirroredStateStore, StartsFromFlashAndWritesThrough) {
  MemoryStateStore flash;
  ASSERT_TRUE(flash.putObject(object(1, 1), nullptr));
  MirroredStateStore store(&flash);
  EXPECT_FALSE(store.degraded());
  ASSERT_EQ(load(store).size(), 1u);
  std::string error;
  ASSERT_TRUE(store.putObject(object(2, 1), &error));
  ASSERT_TRUE(store.removeObject(0xC0, 1, &error));
  ASSERT_EQ(flash.size(), 1u);
  EXPECT_NE(flash.find(0xC0, 2), nullptr);
  EXPECT_EQ(store.writes(), flash.writes());
}

TEST(MirroredStateStore, AFullFlashDegradesOnceAndTheBoxGoesOnFromMemory) {
  MemoryStateStore flash;
  MirroredStateStore store(&flash);
  std::vector<std::string> told;
  store.writeThrough().setOnDegraded([&](const std::string& e) { told.push_back(e); });
  flash.failWith("database or disk is full");
  std::string error;
  EXPECT_TRUE(store.putObject(object(1, 1), &error));
  EXPECT_TRUE(store.putObject(object(2, 1), &error));
  EXPECT_TRUE(store.degraded());
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0], "database or disk is full");
  EXPECT_EQ(store.writeThrough().lastError(), "database or disk is full");
  // Flash was asked once, then left alone until a resync.
  EXPECT_EQ(flash.failedCalls(), 1u);
  EXPECT_EQ(load(store).size(), 2u);
}

TEST(MirroredStateStore, ResyncPutsMemoryBackOnFlashWhenSpaceReturns) {
  MemoryStateStore flash;
  ASSERT_TRUE(flash.putObject(object(1, 1), nullptr));
  ASSERT_TRUE(flash.putObject(object(3, 1), nullptr));
  MirroredStateStore store(&flash);
  flash.failWith("disk I/O error");
  std::string error;
  ASSERT_TRUE(store.putObject(object(2, 1), &error));  // new
  ASSERT_TRUE(store.removeObject(0xC0, 3, &error));    // gone
  EXPECT_FALSE(store.resync(&flash, &error));          // still full
  EXPECT_TRUE(store.degraded());
  flash.stopFailing();
  const uint64_t before = flash.writes();
  ASSERT_TRUE(store.resync(&flash, &error)) << error;
  EXPECT_FALSE(store.degraded());
  EXPECT_EQ(store.writeThrough().lastError(), "");
  EXPECT_NE(flash.find(0xC0, 1), nullptr);
  EXPECT_NE(flash.find(0xC0, 2), nullptr);
  EXPECT_EQ(flash.find(0xC0, 3), nullptr);
  // Object 1 was already there unchanged: one put and one remove.
  EXPECT_EQ(flash.writes() - before, 2u);
  // Written through again.
  ASSERT_TRUE(store.putObject(object(4, 1), &error));
  EXPECT_NE(flash.find(0xC0, 4), nullptr);
}

TEST(MirroredStateStore, NoFlashAtStartThenANewOneTakesEverything) {
  MirroredStateStore store(nullptr);
  EXPECT_TRUE(store.degraded());
  std::string error;
  ASSERT_TRUE(store.putObject(object(1, 2), &error));
  MemoryStateStore flash;
  ASSERT_TRUE(store.resync(&flash, &error)) << error;
  ASSERT_NE(flash.find(0xC0, 1), nullptr);
  EXPECT_EQ(flash.find(0xC0, 1)->revision, 2u);
  EXPECT_FALSE(store.degraded());
}

TEST(MirroredStateStore, UnreadableFlashAtStartDegrades) {
  MemoryStateStore flash;
  flash.failWith("file is not a database");
  MirroredStateStore store(&flash);
  EXPECT_TRUE(store.degraded());
  EXPECT_EQ(store.writeThrough().lastError(), "file is not a database");
  EXPECT_TRUE(load(store).empty());
}

OutboxReport row(const std::string& id, const std::string& state = "waiting") {
  OutboxReport r;
  r.report_id = id;
  r.body_json = "{\"id\":\"" + id + "\"}";
  r.state = state;
  return r;
}

std::vector<std::string> ids(OutboxStore& s) {
  std::vector<OutboxReport> rows;
  std::string error;
  EXPECT_TRUE(s.list(&rows, &error)) << error;
  std::vector<std::string> out;
  for (const OutboxReport& r : rows) out.push_back(r.report_id + "/" + r.state);
  return out;
}

TEST(MirroredOutboxStore, AReportIsQueuedInMemoryWhileFlashRefusesAndLandsLater) {
  MemoryOutboxStore flash;
  ASSERT_TRUE(flash.put(row("a"), nullptr));
  MirroredOutboxStore store(&flash);
  int told = 0;
  store.writeThrough().setOnDegraded([&](const std::string&) { ++told; });
  flash.failWrites(true);
  std::string error;
  // Confirmed by the viewer: accepted although flash is full.
  ASSERT_TRUE(store.put(row("b"), &error)) << error;
  ASSERT_TRUE(store.update(row("a", "sent"), &error)) << error;
  EXPECT_TRUE(store.degraded());
  EXPECT_EQ(told, 1);
  EXPECT_EQ(ids(store), (std::vector<std::string>{"a/sent", "b/waiting"}));
  EXPECT_EQ(ids(flash), (std::vector<std::string>{"a/waiting"}));
  int64_t n = 0;
  ASSERT_TRUE(store.count(OutboxKind::kReport, "waiting", &n, &error));
  EXPECT_EQ(n, 1);
  // Memory's own rules still hold: an id is never put twice.
  EXPECT_FALSE(store.put(row("b"), &error));

  flash.failWrites(false);
  ASSERT_TRUE(store.resync(&flash, &error)) << error;
  EXPECT_FALSE(store.degraded());
  EXPECT_EQ(ids(flash), (std::vector<std::string>{"a/sent", "b/waiting"}));
  ASSERT_TRUE(store.remove("a", &error));
  EXPECT_EQ(ids(flash), (std::vector<std::string>{"b/waiting"}));
}

TEST(MirroredOutboxStore, RowsFlashHeldButCouldNotListAreNeverDropped) {
  MemoryOutboxStore flash;
  ASSERT_TRUE(flash.put(row("old"), nullptr));
  flash.failReads(true);
  MirroredOutboxStore store(&flash);
  EXPECT_TRUE(store.degraded());
  std::string error;
  ASSERT_TRUE(store.put(row("new"), &error));
  flash.failReads(false);
  ASSERT_TRUE(store.resync(&flash, &error)) << error;
  EXPECT_EQ(ids(flash), (std::vector<std::string>{"old/waiting", "new/waiting"}));
}

}  // namespace
}  // namespace stb
