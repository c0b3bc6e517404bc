// stbd's key path in one process: DirectFB key events (posted into a real
// event buffer on the dummy system, read from its fd by the event loop)
// through the DirectFB keymap to the menu, and the policy every remote's
// keys share (repeats only for the arrows).
#include "stbd/remote_control.h"

#include <gtest/gtest.h>

#include <functional>

#include "overlay/display.h"
#include "overlay/key_input.h"
#include "stb/daemon.h"
#include "stb/memory_state_store.h"
#include "stb/menu/menu_controller.h"
#include "tests/stb/stb_test_util.h"

namespace stbd {
namespace {

using stb::RemoteKey;
using stb::testing_util::RecordingLog;

struct NoBar : stb::BarOutput {
  bool show(const stb::SubtitleBarView&, int64_t, std::string*) override { return true; }
  void render(int64_t) override {}
  bool finishedPass(int64_t) const override { return false; }
  void hide() override {}
};

struct CountingMenuOutput : stb::MenuOutput {
  int shows = 0;
  int hides = 0;
  bool show(const stb::MenuView&, std::string*) override {
    ++shows;
    return true;
  }
  void hide() override { ++hides; }
};

uint32_t symbol(const char* name) {
  const std::optional<uint32_t> s = overlay::directFbKeySymbol(name);
  EXPECT_TRUE(s) << name;
  return s.value_or(0);
}

TEST(DirectFbKeymapTest, TheBuiltInKeymapCoversEveryProductKey) {
  std::string error;
  std::optional<platform::box::Keymap> keymap = loadDirectFbKeymap("", &error);
  ASSERT_TRUE(keymap) << error;
  EXPECT_EQ(keymap->lookup(symbol("DIKS_CURSOR_UP")), RemoteKey::kUp);
  EXPECT_EQ(keymap->lookup(symbol("DIKS_RETURN")), RemoteKey::kOk);
  EXPECT_EQ(keymap->lookup(symbol("DIKS_OK")), RemoteKey::kOk);
  EXPECT_EQ(keymap->lookup(symbol("DIKS_ESCAPE")), RemoteKey::kExit);
  EXPECT_EQ(keymap->lookup(symbol("DIKS_SMALL_M")), RemoteKey::kMenu);
  EXPECT_EQ(keymap->lookup(symbol("DIKS_7")), RemoteKey::kDigit7);
  EXPECT_FALSE(keymap->lookup(symbol("DIKS_SPACE")));
  for (int i = static_cast<int>(RemoteKey::kUp); i <= static_cast<int>(RemoteKey::kPower); ++i) {
    bool mapped = false;
    for (uint32_t code = 0; code <= overlay::kMaxDirectFbKeySymbol && !mapped; ++code)
      mapped = keymap->lookup(code) == static_cast<RemoteKey>(i);
    EXPECT_TRUE(mapped) << stb::remoteKeyName(static_cast<RemoteKey>(i));
  }
  EXPECT_EQ(overlay::directFbKeyName(symbol("DIKS_CURSOR_UP")), "DIKS_CURSOR_UP");
  EXPECT_FALSE(overlay::directFbKeySymbol("CURSOR_UP"));  // the prefix is part of the name
  EXPECT_FALSE(overlay::directFbKeySymbol("KEY_UP"));
}

TEST(DirectFbKeymapTest, AFileNamesItsBadLine) {
  std::string error;
  const std::string path = testing::TempDir() + "bad-directfb.keymap";
  FILE* f = std::fopen(path.c_str(), "w");
  ASSERT_TRUE(f);
  std::fputs("DIKS_CURSOR_UP = UP\nKEY_DOWN = DOWN\n", f);
  std::fclose(f);
  EXPECT_FALSE(loadDirectFbKeymap(path, &error));
  EXPECT_EQ(error, path +
                       " line 2: unknown DirectFB key name 'KEY_DOWN' (write its code as a "
                       "number)");
  EXPECT_FALSE(loadRemoteKeymap("/nonexistent/remote.keymap", &error));
  EXPECT_NE(error.find("/nonexistent/remote.keymap"), std::string::npos) << error;
  EXPECT_TRUE(loadRemoteKeymap("", &error)) << error;
}

class KeyPathTest : public ::testing::Test {
 protected:
  KeyPathTest()
      : daemon_(loop_.clock(), ring_, store_, bar_, log_, stb::DaemonOptions{}),
        menu_(daemon_, daemon_, output_, log_, stb::menu::MenuConfig{}),
        path_(daemon_, &menu_, log_, loop_.clock()) {
    daemon_.start(0, false);
  }

  platform::EventLoop loop_;
  dvb::notice::KeyRing ring_;
  stb::MemoryStateStore store_;
  NoBar bar_;
  RecordingLog log_;
  stb::Daemon daemon_;
  CountingMenuOutput output_;
  stb::menu::MenuController menu_;
  KeyPath path_;
};

TEST_F(KeyPathTest, HeldKeysRepeatOnlyForTheArrows) {
  int woken = 0;
  path_.setOnKey([&] { ++woken; });
  path_.press({RemoteKey::kMenu, false}, 0, "test remote");
  EXPECT_TRUE(menu_.isOpen());
  EXPECT_TRUE(log_.has(stb::LogLevel::kInfo, {"menu: opened by MENU from test remote"}));
  path_.press({RemoteKey::kDown, false}, 10, "test remote");
  path_.press({RemoteKey::kDown, true}, 20, "test remote");  // held: moves on
  path_.press({RemoteKey::kOk, true}, 30, "test remote");    // held OK: ignored
  path_.press({RemoteKey::kExit, true}, 40, "test remote");  // held EXIT: ignored
  EXPECT_TRUE(menu_.isOpen());
  EXPECT_EQ(path_.keys(), 3u);
  EXPECT_EQ(path_.repeatsDropped(), 2u);
  EXPECT_EQ(woken, 3);
  path_.press({RemoteKey::kExit, false}, 50, "test remote");
  EXPECT_FALSE(menu_.isOpen());
  EXPECT_TRUE(log_.has(stb::LogLevel::kInfo, {"menu: closed by EXIT from test remote"}));
}

// DirectFB's event buffer on the dummy system: a posted key press comes out
// of the buffer's fd, which the event loop watches; the keymap turns it into
// MENU and the menu opens.
TEST_F(KeyPathTest, DirectFbKeyEventsReachTheMenuThroughTheEventLoop) {
  std::string error;
  std::unique_ptr<overlay::Display> display =
      overlay::Display::open(overlay::DisplayOptions{}, &error);
  ASSERT_TRUE(display) << error;
  std::optional<platform::box::Keymap> keymap = loadDirectFbKeymap("", &error);
  ASSERT_TRUE(keymap) << error;
  std::unique_ptr<DirectFbKeys> keys =
      DirectFbKeys::open(*display, std::move(*keymap), loop_, log_, path_, &error);
  ASSERT_TRUE(keys) << error;

  ASSERT_TRUE(keys->input().post(symbol("DIKS_SPACE"), &error)) << error;  // not mapped
  ASSERT_TRUE(keys->input().post(symbol("DIKS_SMALL_M"), &error)) << error;
  // DirectFB's feeding thread writes the events into the pipe; a bounded
  // number of turns, each waiting at most 100 ms.
  for (int i = 0; i < 100 && !menu_.isOpen(); ++i) ASSERT_TRUE(loop_.runOnce(100, &error));
  EXPECT_TRUE(menu_.isOpen()) << log_.dump();
  EXPECT_EQ(keys->unmapped(), 1u);
  EXPECT_TRUE(log_.has(stb::LogLevel::kInfo, {"menu: opened by MENU from DirectFB"}))
      << log_.dump();
  EXPECT_TRUE(log_.has(stb::LogLevel::kDebug, {"DIKS_SPACE", "not in the keymap"})) << log_.dump();
  EXPECT_GE(keys->input().events(), 2u);
}

}  // namespace
}  // namespace stbd
