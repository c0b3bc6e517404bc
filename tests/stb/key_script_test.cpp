// Key scripts: absolute and relative times, comments, and errors by line.
#include "stb/key_script.h"

#include <gtest/gtest.h>

#include "dvb/mjd_time.h"

namespace stb {
namespace {

TEST(KeyScript, AbsoluteAndRelativeTimes) {
  std::vector<std::string> errors;
  auto keys = parseKeyScript(
      "# file a fault\n"
      "2026-11-30T10:00:00Z MENU\n"
      "+2s DOWN   # to My reports\n"
      "\n"
      "+500ms ok\n",
      "k", &errors);
  ASSERT_TRUE(keys) << errors.front();
  ASSERT_EQ(keys->size(), 3u);
  const int64_t t0 = *dvb::parseIso8601("2026-11-30T10:00:00Z") * 1000;
  EXPECT_EQ((*keys)[0].at_ms, t0);
  EXPECT_EQ((*keys)[0].key, RemoteKey::kMenu);
  EXPECT_EQ((*keys)[1].at_ms, t0 + 2000);
  EXPECT_EQ((*keys)[1].key, RemoteKey::kDown);
  EXPECT_EQ((*keys)[2].at_ms, t0 + 2500);
  EXPECT_EQ((*keys)[2].key, RemoteKey::kOk);
}

TEST(KeyScript, ErrorsNameTheLine) {
  std::vector<std::string> errors;
  EXPECT_FALSE(
      parseKeyScript("+2s OK\n"                     // 1: relative first
                     "2026-11-30T10:00:00Z JUMP\n"  // 2: unknown key
                     "2026-11-30T10:00:00Z BACK\n"  // 3: fine
                     "2026-11-30T09:00:00Z BACK\n"  // 4: backwards
                     "tomorrow OK\n"                // 5: bad time
                     "2026-11-30T10:00:00Z\n",      // 6: no key
                     "keys.txt", &errors));
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_NE(errors[0].find("keys.txt:1: a relative time"), std::string::npos) << errors[0];
  EXPECT_NE(errors[1].find("keys.txt:2: unknown key 'JUMP'"), std::string::npos) << errors[1];
  EXPECT_NE(errors[2].find("keys.txt:4: time goes backwards"), std::string::npos) << errors[2];
  EXPECT_NE(errors[3].find("keys.txt:5: bad time"), std::string::npos) << errors[3];
  EXPECT_NE(errors[4].find("keys.txt:6: expected"), std::string::npos) << errors[4];
}

TEST(KeyScript, PlayerHandsOutEachKeyOnceWhenDue) {
  KeyScriptPlayer player({{1000, RemoteKey::kMenu}, {3000, RemoteKey::kBack}});
  EXPECT_EQ(player.nextAtMs(), 1000);
  EXPECT_TRUE(player.due(999).empty());
  EXPECT_EQ(player.due(1000), std::vector<RemoteKey>{RemoteKey::kMenu});
  EXPECT_EQ(player.nextAtMs(), 3000);  // the live loop wakes for it
  EXPECT_TRUE(player.due(2000).empty());
  EXPECT_EQ(player.due(10000), std::vector<RemoteKey>{RemoteKey::kBack});
  EXPECT_TRUE(player.finished());
  EXPECT_FALSE(player.nextAtMs());
}

}  // namespace
}  // namespace stb
