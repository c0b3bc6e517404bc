// The in-memory store: same contract as the SQLite one (replace by key, a
// write only when something changed), and failures on demand.
#include "stb/memory_state_store.h"

#include <gtest/gtest.h>

namespace stb {
namespace {

StoredObject object(uint8_t table_id, uint32_t object_id, uint32_t revision) {
  return {table_id, object_id, revision, {1, 2, 3, static_cast<uint8_t>(revision)}};
}

TEST(MemoryStateStore, PutReplacesByKeyAndLoadsInKeyOrder) {
  MemoryStateStore store;
  std::string error;
  ASSERT_TRUE(store.putObject(object(0xC4, 0, 1), &error));
  ASSERT_TRUE(store.putObject(object(0xC0, 7, 1), &error));
  ASSERT_TRUE(store.putObject(object(0xC0, 7, 2), &error));
  std::vector<StoredObject> all;
  ASSERT_TRUE(store.loadObjects(&all, &error));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].table_id, 0xC0);
  EXPECT_EQ(all[0].revision, 2u);
  EXPECT_EQ(all[0].message.back(), 2);
  EXPECT_EQ(all[1].table_id, 0xC4);
  EXPECT_EQ(store.writes(), 3u);
}

TEST(MemoryStateStore, RemovingWhatIsNotThereWritesNothing) {
  MemoryStateStore store;
  std::string error;
  ASSERT_TRUE(store.putObject(object(0xC0, 7, 1), &error));
  EXPECT_TRUE(store.removeObject(0xC0, 8, &error));
  EXPECT_EQ(store.writes(), 1u);
  EXPECT_TRUE(store.removeObject(0xC0, 7, &error));
  EXPECT_EQ(store.writes(), 2u);
  EXPECT_EQ(store.size(), 0u);
}

TEST(MemoryStateStore, FailsOnDemandAndChangesNothing) {
  MemoryStateStore store;
  std::string error;
  ASSERT_TRUE(store.putObject(object(0xC0, 7, 1), &error));
  store.failWith("database or disk is full");
  EXPECT_FALSE(store.putObject(object(0xC0, 7, 2), &error));
  EXPECT_EQ(error, "database or disk is full");
  EXPECT_FALSE(store.removeObject(0xC0, 7, &error));
  std::vector<StoredObject> all;
  EXPECT_FALSE(store.loadObjects(&all, &error));
  EXPECT_EQ(store.failedCalls(), 3u);
  store.stopFailing();
  ASSERT_NE(store.find(0xC0, 7), nullptr);
  EXPECT_EQ(store.find(0xC0, 7)->revision, 1u);
  EXPECT_EQ(store.writes(), 1u);
}

}  // namespace
}  // namespace stb
