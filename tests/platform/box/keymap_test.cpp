// stb::RemoteKey names and keymap files.
#include "platform/box/keymap.h"

#include <linux/input.h>

#include <gtest/gtest.h>

#include "platform/box/kernel_key_names.h"
#include "platform/box/system_device_io.h"
#include "tests/platform/box/fake_device_io.h"

namespace platform {
namespace box {
namespace {

std::string parseError(const std::string& text) {
  std::string error;
  EXPECT_FALSE(Keymap::parse(text, "test.keymap", &error));
  return error;
}

TEST(RemoteKeyTest, NamesRoundTrip) {
  for (int i = static_cast<int>(stb::RemoteKey::kUp); i <= static_cast<int>(stb::RemoteKey::kPower);
       ++i) {
    const stb::RemoteKey key = static_cast<stb::RemoteKey>(i);
    EXPECT_EQ(stb::remoteKeyFromName(stb::remoteKeyName(key)), key) << stb::remoteKeyName(key);
  }
  EXPECT_STREQ(stb::remoteKeyName(stb::RemoteKey::kDigit7), "7");
  EXPECT_EQ(stb::remoteKeyFromName("ok"), stb::RemoteKey::kOk);
  EXPECT_FALSE(stb::remoteKeyFromName("SELECT"));
  EXPECT_FALSE(stb::remoteKeyFromName(""));
}

TEST(KernelKeyNamesTest, KnowsTheRemoteKeys) {
  EXPECT_EQ(kernelKeyCode("KEY_UP"), KEY_UP);
  EXPECT_EQ(kernelKeyCode("KEY_OK"), KEY_OK);
  EXPECT_EQ(kernelKeyCode("KEY_NUMERIC_5"), KEY_NUMERIC_5);
  EXPECT_FALSE(kernelKeyCode("KEY_NOPE"));
  EXPECT_EQ(kernelKeyName(KEY_RED), "KEY_RED");
  EXPECT_EQ(kernelKeyName(0x2f5), "key code 757");
}

TEST(KeymapTest, ParsesNamesCodesCommentsAndBlankLines) {
  std::string error;
  std::optional<Keymap> keymap = Keymap::parse(
      "# a remote\n"
      "\n"
      "KEY_UP = UP\n"
      "  KEY_OK=OK   # the centre key\n"
      "0x161 = OK\n"  // KEY_SELECT
      "11 = 0\r\n"    // KEY_0, with a DOS line end
      "KEY_HELP = help\n",
      "test.keymap", &error);
  ASSERT_TRUE(keymap) << error;
  EXPECT_EQ(keymap->size(), 5u);
  EXPECT_EQ(keymap->lookup(KEY_UP), stb::RemoteKey::kUp);
  EXPECT_EQ(keymap->lookup(KEY_OK), stb::RemoteKey::kOk);
  EXPECT_EQ(keymap->lookup(KEY_SELECT), stb::RemoteKey::kOk);
  EXPECT_EQ(keymap->lookup(KEY_0), stb::RemoteKey::kDigit0);
  EXPECT_EQ(keymap->lookup(KEY_HELP), stb::RemoteKey::kHelp);
  EXPECT_FALSE(keymap->lookup(KEY_DOWN));
  EXPECT_EQ(keymap->lookupName("KEY_UP"), stb::RemoteKey::kUp);
  EXPECT_FALSE(keymap->lookupName("up"));
}

TEST(KeymapTest, ErrorsNameTheLine) {
  EXPECT_EQ(parseError("KEY_UP = UP\n\nKEY_UPP = UP\n"),
            "test.keymap line 3: unknown kernel key name 'KEY_UPP' (write its code as a number)");
  EXPECT_EQ(parseError("KEY_UP = UPWARDS\n")
                .rfind("test.keymap line 1: unknown product key "
                       "'UPWARDS'",
                       0),
            0u);
  EXPECT_EQ(parseError("# x\nKEY_UP UP\n"),
            "test.keymap line 2: expected 'KERNEL_KEY = PRODUCT_KEY', got 'KEY_UP UP'");
  EXPECT_EQ(parseError("KEY_UP = UP\nKEY_DOWN = DOWN\n103 = DOWN\n"),
            "test.keymap line 3: 103 is already mapped on line 1");
  EXPECT_EQ(parseError("0x1000 = OK\n"),
            "test.keymap line 1: key code 0x1000 is above KEY_MAX (767)");
  EXPECT_EQ(parseError("12x = OK\n"), "test.keymap line 1: '12x' is not a key code");
  EXPECT_EQ(parseError("= OK\n").rfind("test.keymap line 1: unknown kernel key name ''", 0), 0u);
}

TEST(KeymapTest, LoadReadsThroughTheSeam) {
  FakeDeviceIo io;
  io.addFile("/etc/stb/remote.keymap", "KEY_MENU = MENU\n");
  std::string error;
  std::optional<Keymap> keymap = Keymap::load(&io, "/etc/stb/remote.keymap", &error);
  ASSERT_TRUE(keymap) << error;
  EXPECT_EQ(keymap->lookup(KEY_MENU), stb::RemoteKey::kMenu);
  EXPECT_TRUE(io.openFds().empty());

  io.addFile("/etc/stb/bad.keymap", "KEY_MENU = MENU\nKEY_MENU = EXIT\n");
  EXPECT_FALSE(Keymap::load(&io, "/etc/stb/bad.keymap", &error));
  EXPECT_EQ(error, "/etc/stb/bad.keymap line 2: KEY_MENU is already mapped on line 1");
  EXPECT_FALSE(Keymap::load(&io, "/missing.keymap", &error));
}

TEST(KeymapTest, TheShippedDefaultKeymapCoversEveryProductKey) {
  std::string error;
  std::optional<Keymap> keymap = Keymap::load(&systemDeviceIo(), STB_DEFAULT_KEYMAP, &error);
  ASSERT_TRUE(keymap) << error;
  EXPECT_EQ(keymap->lookup(KEY_UP), stb::RemoteKey::kUp);
  EXPECT_EQ(keymap->lookup(KEY_OK), stb::RemoteKey::kOk);
  EXPECT_EQ(keymap->lookup(KEY_BACK), stb::RemoteKey::kBack);
  EXPECT_EQ(keymap->lookup(KEY_EXIT), stb::RemoteKey::kExit);
  EXPECT_EQ(keymap->lookup(KEY_MENU), stb::RemoteKey::kMenu);
  EXPECT_EQ(keymap->lookup(KEY_HELP), stb::RemoteKey::kHelp);
  EXPECT_EQ(keymap->lookup(KEY_9), stb::RemoteKey::kDigit9);
  for (int i = static_cast<int>(stb::RemoteKey::kUp); i <= static_cast<int>(stb::RemoteKey::kPower);
       ++i) {
    bool mapped = false;
    for (uint16_t code = 0; code <= KEY_MAX && !mapped; ++code) {
      mapped = keymap->lookup(code) == static_cast<stb::RemoteKey>(i);
    }
    EXPECT_TRUE(mapped) << stb::remoteKeyName(static_cast<stb::RemoteKey>(i));
  }
}

}  // namespace
}  // namespace box
}  // namespace platform
