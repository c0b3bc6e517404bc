// Evdev keys through the DeviceIo seam. /dev/uinput is not available in the
// build environment, so no test drives a real input device.
#include "platform/box/evdev_remote.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>

#include "tests/platform/box/fake_device_io.h"

namespace platform {
namespace box {
namespace {

const std::string kDevice = "/dev/input/event3";

Keymap keymap() {
  std::string error;
  std::optional<Keymap> result =
      Keymap::parse("KEY_UP = UP\nKEY_OK = OK\nKEY_1 = 1\nKEY_RED = RED\n", "test", &error);
  EXPECT_TRUE(result) << error;
  return result.value_or(Keymap());
}

std::vector<uint8_t> event(uint16_t type, uint16_t code, int32_t value) {
  input_event e;
  std::memset(&e, 0, sizeof(e));
  e.type = type;
  e.code = code;
  e.value = value;
  return bytesOf(e);
}

std::vector<uint8_t> join(const std::vector<std::vector<uint8_t>>& parts) {
  std::vector<uint8_t> bytes;
  for (const auto& part : parts) bytes.insert(bytes.end(), part.begin(), part.end());
  return bytes;
}

TEST(EvdevDecoderTest, PressesAndRepeatsPassReleasesAndOthersDoNot) {
  EvdevDecoder decoder(keymap());
  std::vector<stb::RemoteKeyEvent> keys;
  const std::vector<uint8_t> bytes = join({
      event(EV_MSC, MSC_SCAN, 0x800f0422),
      event(EV_KEY, KEY_UP, 1),
      event(EV_SYN, SYN_REPORT, 0),
      event(EV_KEY, KEY_UP, 2),
      event(EV_KEY, KEY_UP, 2),
      event(EV_KEY, KEY_UP, 0),
      event(EV_KEY, KEY_VOLUMEUP, 1),  // not in the keymap
      event(EV_KEY, KEY_1, 1),
      event(EV_KEY, KEY_1, 0),
      event(EV_REL, REL_X, 1),
  });
  decoder.push(bytes.data(), bytes.size(), &keys);
  EXPECT_EQ(keys, (std::vector<stb::RemoteKeyEvent>{{stb::RemoteKey::kUp, false},
                                                    {stb::RemoteKey::kUp, true},
                                                    {stb::RemoteKey::kUp, true},
                                                    {stb::RemoteKey::kDigit1, false}}));
  EXPECT_EQ(decoder.unmappedKeys(), 1u);
  EXPECT_EQ(decoder.pendingBytes(), 0u);
}

TEST(EvdevDecoderTest, PartialEventsWaitForTheirRest) {
  EvdevDecoder decoder(keymap());
  std::vector<stb::RemoteKeyEvent> keys;
  const std::vector<uint8_t> bytes = join({event(EV_KEY, KEY_OK, 1), event(EV_KEY, KEY_RED, 1)});
  // One byte at a time.
  for (size_t i = 0; i < bytes.size(); ++i) {
    decoder.push(&bytes[i], 1, &keys);
    if (i + 1 < sizeof(input_event)) {
      EXPECT_TRUE(keys.empty());
    }
  }
  EXPECT_EQ(keys, (std::vector<stb::RemoteKeyEvent>{{stb::RemoteKey::kOk, false},
                                                    {stb::RemoteKey::kRed, false}}));
  // Half an event, then the other half with the start of the next.
  keys.clear();
  const size_t half = sizeof(input_event) / 2;
  decoder.push(bytes.data(), half, &keys);
  EXPECT_EQ(decoder.pendingBytes(), half);
  decoder.push(bytes.data() + half, sizeof(input_event) - half + 3, &keys);
  EXPECT_EQ(keys, (std::vector<stb::RemoteKeyEvent>{{stb::RemoteKey::kOk, false}}));
  EXPECT_EQ(decoder.pendingBytes(), 3u);
}

TEST(EvdevRemoteTest, OpensGrabsAndReadsSplitEvents) {
  FakeDeviceIo io;
  std::string error;
  std::unique_ptr<EvdevRemote> remote = EvdevRemote::open(&io, kDevice, keymap(), true, &error);
  ASSERT_NE(remote, nullptr) << error;
  EXPECT_EQ(io.opened(), std::vector<std::string>{kDevice});
  ASSERT_EQ(io.ioctlsFor(EVIOCGRAB).size(), 1u);
  EXPECT_EQ(io.ioctlsFor(EVIOCGRAB)[0].value, 1u);
  EXPECT_EQ(remote->describe(), "evdev " + kDevice);

  const std::vector<uint8_t> bytes =
      join({event(EV_KEY, KEY_OK, 1), event(EV_SYN, SYN_REPORT, 0), event(EV_KEY, KEY_OK, 2)});
  const size_t cut = sizeof(input_event) + 5;
  io.queueRead(remote->fd(), std::vector<uint8_t>(bytes.begin(), bytes.begin() + cut));
  std::vector<stb::RemoteKeyEvent> keys;
  EXPECT_EQ(remote->read(&keys, &error), InputStatus::kOk);
  EXPECT_EQ(keys, (std::vector<stb::RemoteKeyEvent>{{stb::RemoteKey::kOk, false}}));

  io.queueRead(remote->fd(), std::vector<uint8_t>(bytes.begin() + cut, bytes.end()));
  EXPECT_EQ(remote->read(&keys, &error), InputStatus::kOk);
  EXPECT_EQ(keys, (std::vector<stb::RemoteKeyEvent>{{stb::RemoteKey::kOk, false},
                                                    {stb::RemoteKey::kOk, true}}));

  keys.clear();
  EXPECT_EQ(remote->read(&keys, &error), InputStatus::kOk);  // nothing there
  EXPECT_TRUE(keys.empty());
}

TEST(EvdevRemoteTest, UnpluggedIsClosedOtherErrorsAreErrors) {
  FakeDeviceIo io;
  std::string error;
  std::unique_ptr<EvdevRemote> remote = EvdevRemote::open(&io, kDevice, keymap(), false, &error);
  ASSERT_NE(remote, nullptr) << error;
  EXPECT_TRUE(io.ioctlsFor(EVIOCGRAB).empty());
  std::vector<stb::RemoteKeyEvent> keys;
  io.queueReadError(remote->fd(), EIO);
  EXPECT_EQ(remote->read(&keys, &error), InputStatus::kError);
  EXPECT_EQ(error, "cannot read evdev " + kDevice + ": " + std::strerror(EIO));
  io.queueReadError(remote->fd(), ENODEV);
  EXPECT_EQ(remote->read(&keys, &error), InputStatus::kClosed);
  EXPECT_EQ(error, "evdev " + kDevice + ": device removed");
}

TEST(EvdevRemoteTest, OpenAndGrabFailuresAreNamed) {
  FakeDeviceIo io;
  std::string error;
  io.failOpen(kDevice, EACCES);
  EXPECT_EQ(EvdevRemote::open(&io, kDevice, keymap(), true, &error), nullptr);
  EXPECT_EQ(error, "cannot open input device " + kDevice + ": " + std::strerror(EACCES));

  FakeDeviceIo busy;
  busy.failIoctl(EVIOCGRAB, EBUSY);
  EXPECT_EQ(EvdevRemote::open(&busy, kDevice, keymap(), true, &error), nullptr);
  EXPECT_NE(error.find("another process holds the device"), std::string::npos) << error;
  EXPECT_TRUE(busy.openFds().empty());
}

}  // namespace
}  // namespace box
}  // namespace platform
