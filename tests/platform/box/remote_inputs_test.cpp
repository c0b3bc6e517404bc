// The remotes stbd reads, through the DeviceIo seam (no /dev/uinput here) on
// a real EventLoop: evdev and LIRC keys reach the callback; a remote that is
// missing at start or goes away is retried; the compiled-in default keymap
// is the shipped file.
#include "platform/box/remote_inputs.h"

#include <linux/input.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>

#include "tests/platform/box/fake_device_io.h"
#include "tests/stb/stb_test_util.h"

namespace platform {
namespace box {
namespace {

using stb::testing_util::RecordingLog;

const std::string kDevice = "/dev/input/event3";
const std::string kLircd = "/run/lirc/lircd";

std::vector<uint8_t> press(uint16_t code, int32_t value = 1) {
  input_event e;
  std::memset(&e, 0, sizeof(e));
  e.type = EV_KEY;
  e.code = code;
  e.value = value;
  return bytesOf(e);
}

std::vector<uint8_t> text(const std::string& s) {
  return std::vector<uint8_t>(s.begin(), s.end());
}

class RemoteInputsTest : public ::testing::Test {
 protected:
  RemoteInputsTest() { io_.setPollable(true); }

  void make(RemoteInputsConfig config) {
    std::string error;
    std::optional<Keymap> keymap = Keymap::parse(defaultKeymapText(), "built-in", &error);
    ASSERT_TRUE(keymap) << error;
    config.keymap = std::move(*keymap);
    inputs_ = std::make_unique<RemoteInputs>(
        &io_, std::move(config), loop_, log_,
        [this](const stb::RemoteKeyEvent& key, const std::string& from) {
          keys_.push_back(key);
          from_.push_back(from);
        });
    inputs_->setRetryMs(1);
    inputs_->start();
  }
  int fdOf(const std::string& path) const { return io_.lastFd(path); }
  bool turnUntil(const std::function<bool()>& done) {
    std::string error;
    for (int i = 0; i < 200 && !done(); ++i) EXPECT_TRUE(loop_.runOnce(20, &error)) << error;
    return done();
  }

  FakeDeviceIo io_;
  EventLoop loop_;
  RecordingLog log_;
  std::unique_ptr<RemoteInputs> inputs_;
  std::vector<stb::RemoteKeyEvent> keys_;
  std::vector<std::string> from_;
};

TEST_F(RemoteInputsTest, EvdevKeysReachTheCallbackAndTheDeviceIsGrabbed) {
  RemoteInputsConfig config;
  config.evdev = {kDevice};
  make(std::move(config));
  ASSERT_EQ(inputs_->opened(), 1u) << log_.dump();
  const int fd = fdOf(kDevice);
  ASSERT_EQ(io_.ioctlsFor(EVIOCGRAB).size(), 1u);
  EXPECT_EQ(io_.ioctlsFor(EVIOCGRAB)[0].value, 1u);
  EXPECT_TRUE(log_.has(stb::LogLevel::kInfo, {"remote: reading evdev /dev/input/event3"}));

  std::vector<uint8_t> bytes = press(KEY_MENU);
  const std::vector<uint8_t> release = press(KEY_MENU, 0);
  bytes.insert(bytes.end(), release.begin(), release.end());
  io_.queueRead(fd, bytes);
  ASSERT_TRUE(turnUntil([&] { return !keys_.empty(); }));
  EXPECT_EQ(keys_, (std::vector<stb::RemoteKeyEvent>{{stb::RemoteKey::kMenu, false}}));
  EXPECT_EQ(from_[0], "evdev " + kDevice);
}

TEST_F(RemoteInputsTest, AnUnpluggedDeviceIsReopenedWhenItComesBack) {
  RemoteInputsConfig config;
  config.evdev = {kDevice};
  config.grab = false;
  make(std::move(config));
  EXPECT_TRUE(io_.ioctlsFor(EVIOCGRAB).empty());
  const int first = fdOf(kDevice);
  io_.failOpen(kDevice, ENOENT);
  io_.queueReadError(first, ENODEV);
  ASSERT_TRUE(turnUntil([&] { return inputs_->opened() == 0; }));
  EXPECT_TRUE(log_.has(stb::LogLevel::kWarning, {"device removed", "trying again every 1 ms"}))
      << log_.dump();
  // Every retry fails while it is away, logged once.
  ASSERT_TRUE(turnUntil([&] {
    size_t tries = 0;
    for (const std::string& p : io_.opened()) tries += p == kDevice;
    return tries >= 4;
  }));
  EXPECT_EQ(log_.count(stb::LogLevel::kWarning), 1u) << log_.dump();

  io_.allowOpen(kDevice);
  ASSERT_TRUE(turnUntil([&] { return inputs_->opened() == 1; }));
  io_.queueRead(fdOf(kDevice), press(KEY_OK));
  ASSERT_TRUE(turnUntil([&] { return !keys_.empty(); }));
  EXPECT_EQ(keys_[0].key, stb::RemoteKey::kOk);
}

TEST_F(RemoteInputsTest, LircdNotYetRunningIsRetriedThenItsButtonsArrive) {
  io_.failOpen(kLircd, ECONNREFUSED);  // the fake's connectUnix is an open
  RemoteInputsConfig config;
  config.lirc = kLircd;
  make(std::move(config));
  EXPECT_EQ(inputs_->configured(), 1u);
  EXPECT_EQ(inputs_->opened(), 0u);
  EXPECT_TRUE(log_.has(stb::LogLevel::kWarning, {"cannot connect to lircd at /run/lirc/lircd"}))
      << log_.dump();
  io_.allowOpen(kLircd);
  ASSERT_TRUE(turnUntil([&] { return inputs_->opened() == 1; }));
  io_.queueRead(fdOf(kLircd), text("0000000000000001 00 KEY_MENU remote\n0000000000000001 01 "
                                   "KEY_MENU remote\n"));
  ASSERT_TRUE(turnUntil([&] { return keys_.size() == 2; }));
  EXPECT_EQ(keys_, (std::vector<stb::RemoteKeyEvent>{{stb::RemoteKey::kMenu, false},
                                                     {stb::RemoteKey::kMenu, true}}));
  EXPECT_EQ(from_[0], "lirc " + kLircd);

  // lircd stops: the end of the stream closes the remote, which is retried.
  io_.queueRead(fdOf(kLircd), {});
  ASSERT_TRUE(turnUntil([&] { return log_.has(stb::LogLevel::kWarning, {"closed"}); }))
      << log_.dump();
  ASSERT_TRUE(turnUntil([&] { return inputs_->opened() == 1; }));
}

TEST(DefaultKeymapTextTest, IsTheShippedFile) {
  std::ifstream in(STB_DEFAULT_KEYMAP);
  ASSERT_TRUE(in) << STB_DEFAULT_KEYMAP;
  std::stringstream file;
  file << in.rdbuf();
  EXPECT_EQ(std::string(defaultKeymapText()), file.str());
}

TEST(KeyNamesTest, OtherNamespacesParseWithTheirOwnNames) {
  const KeyNames names{"test key", "TEST_KEY",
                       [](const std::string& name) -> std::optional<uint32_t> {
                         if (name == "T_UP") return 0xF000;
                         return std::nullopt;
                       },
                       0xFFFF, "0xFFFF"};
  std::string error;
  std::optional<Keymap> keymap = Keymap::parse("T_UP = UP\n0xF001 = DOWN\n", "t", &error, names);
  ASSERT_TRUE(keymap) << error;
  EXPECT_EQ(keymap->lookup(0xF000), stb::RemoteKey::kUp);
  EXPECT_EQ(keymap->lookup(0xF001), stb::RemoteKey::kDown);
  EXPECT_FALSE(Keymap::parse("KEY_UP = UP\n", "t", &error, names));
  EXPECT_EQ(error, "t line 1: unknown test key name 'KEY_UP' (write its code as a number)");
  EXPECT_FALSE(Keymap::parse("T_UP UP\n", "t", &error, names));
  EXPECT_EQ(error, "t line 1: expected 'TEST_KEY = PRODUCT_KEY', got 'T_UP UP'");
  EXPECT_FALSE(Keymap::parse("0x10000 = UP\n", "t", &error, names));
  EXPECT_EQ(error, "t line 1: key code 0x10000 is above 0xFFFF (65535)");
}

}  // namespace
}  // namespace box
}  // namespace platform
