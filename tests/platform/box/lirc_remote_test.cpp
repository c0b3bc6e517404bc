// lircd lines, and LircRemote over a real unix socket and a socketpair.
#include "platform/box/lirc_remote.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "platform/box/system_device_io.h"

namespace platform {
namespace box {
namespace {

Keymap keymap() {
  std::string error;
  std::optional<Keymap> result =
      Keymap::parse("KEY_UP = UP\nKEY_DOWN = DOWN\nKEY_OK = OK\nKEY_0 = 0\n", "test", &error);
  EXPECT_TRUE(result) << error;
  return result.value_or(Keymap());
}

std::vector<stb::RemoteKeyEvent> decode(LircDecoder* decoder, const std::string& text) {
  std::vector<stb::RemoteKeyEvent> keys;
  decoder->push(reinterpret_cast<const uint8_t*>(text.data()), text.size(), &keys);
  return keys;
}

TEST(LircLineTest, ParsesTheFourFields) {
  std::optional<LircButton> button = parseLircLine("0000000000f40bf0 0a KEY_UP mceusb");
  ASSERT_TRUE(button);
  EXPECT_EQ(button->code, 0xf40bf0u);
  EXPECT_EQ(button->repeat, 10u);
  EXPECT_EQ(button->button, "KEY_UP");
  EXPECT_EQ(button->remote, "mceusb");

  EXPECT_FALSE(parseLircLine(""));
  EXPECT_FALSE(parseLircLine("0000000000f40bf0 00 KEY_UP"));
  EXPECT_FALSE(parseLircLine("0000000000f40bf0 00 KEY_UP mceusb extra"));
  EXPECT_FALSE(parseLircLine("zz 00 KEY_UP mceusb"));
  EXPECT_FALSE(parseLircLine("00 -1 KEY_UP mceusb"));
  EXPECT_FALSE(parseLircLine("00000000000000000 00 KEY_UP mceusb"));  // 17 digits
  EXPECT_FALSE(parseLircLine("00 100000000 KEY_UP mceusb"));          // 9 digits
}

TEST(LircDecoderTest, MapsButtonsAndMarksRepeats) {
  LircDecoder decoder(keymap());
  EXPECT_EQ(decode(&decoder,
                   "0000000000f40bf0 00 KEY_UP mceusb\n"
                   "0000000000f40bf0 01 KEY_UP mceusb\n"
                   "0000000000f40bee 00 KEY_VOLUMEUP mceusb\n"
                   "0000000000f40bee 00 power mceusb\n"
                   "garbage\n"
                   "\n"
                   "0000000000f40bf1 00 KEY_0 mceusb\r\n"),
            (std::vector<stb::RemoteKeyEvent>{{stb::RemoteKey::kUp, false},
                                              {stb::RemoteKey::kUp, true},
                                              {stb::RemoteKey::kDigit0, false}}));
  EXPECT_EQ(decoder.counters().unmapped, 2u);
  EXPECT_EQ(decoder.counters().malformed_lines, 1u);
}

TEST(LircDecoderTest, LinesSplitAcrossReadsAreJoined) {
  LircDecoder decoder(keymap());
  EXPECT_TRUE(decode(&decoder, "0000000000f40bf0 00 KE").empty());
  EXPECT_TRUE(decode(&decoder, "Y_OK mce").empty());
  EXPECT_EQ(decode(&decoder, "usb\n0000000000f40bf0 00 KEY_DOWN"),
            (std::vector<stb::RemoteKeyEvent>{{stb::RemoteKey::kOk, false}}));
  EXPECT_EQ(decode(&decoder, " mceusb\n"),
            (std::vector<stb::RemoteKeyEvent>{{stb::RemoteKey::kDown, false}}));
  // Byte by byte.
  const std::string line = "0000000000f40bf0 00 KEY_UP mceusb\n";
  std::vector<stb::RemoteKeyEvent> keys;
  for (char c : line) {
    const uint8_t byte = static_cast<uint8_t>(c);
    decoder.push(&byte, 1, &keys);
  }
  EXPECT_EQ(keys, (std::vector<stb::RemoteKeyEvent>{{stb::RemoteKey::kUp, false}}));
}

TEST(LircDecoderTest, RepeatsAboveTheThresholdAreIgnored) {
  LircDecoder decoder(keymap(), 2);
  EXPECT_EQ(
      decode(&decoder,
             "01 00 KEY_OK r\n01 01 KEY_OK r\n01 02 KEY_OK r\n01 03 KEY_OK r\n"
             "01 1f KEY_OK r\n"),
      (std::vector<stb::RemoteKeyEvent>{
          {stb::RemoteKey::kOk, false}, {stb::RemoteKey::kOk, true}, {stb::RemoteKey::kOk, true}}));
  EXPECT_EQ(decoder.counters().repeats_ignored, 2u);

  LircDecoder first_only(keymap(), 0);
  EXPECT_EQ(decode(&first_only, "01 00 KEY_OK r\n01 01 KEY_OK r\n"),
            (std::vector<stb::RemoteKeyEvent>{{stb::RemoteKey::kOk, false}}));
}

TEST(LircDecoderTest, RepliesAndOverlongLinesAreSkipped) {
  LircDecoder decoder(keymap());
  EXPECT_EQ(decode(&decoder,
                   "BEGIN\nSIGHUP\nEND\n"
                   "BEGIN\nLIST\nSUCCESS\nDATA\n1\n01 00 KEY_UP r\nEND\n"
                   "01 00 KEY_DOWN r\n"),
            (std::vector<stb::RemoteKeyEvent>{{stb::RemoteKey::kDown, false}}));
  EXPECT_EQ(decoder.counters().malformed_lines, 0u);

  const std::string overlong = "01 00 KEY_UP " + std::string(2000, 'x') + "\n01 00 KEY_OK r\n";
  EXPECT_EQ(decode(&decoder, overlong),
            (std::vector<stb::RemoteKeyEvent>{{stb::RemoteKey::kOk, false}}));
  EXPECT_EQ(decoder.counters().overlong_lines, 1u);
}

void writeAll(int fd, const std::string& text) {
  ASSERT_EQ(::write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
}

TEST(LircRemoteTest, ReadsFromAUnixSocketLikeLircd) {
  char dir_template[] = "/tmp/stb-lirc-XXXXXX";
  ASSERT_NE(::mkdtemp(dir_template), nullptr);
  const std::string path = std::string(dir_template) + "/lircd";

  const int listener = ::socket(AF_UNIX, SOCK_STREAM, 0);
  ASSERT_GE(listener, 0);
  sockaddr_un address;
  std::memset(&address, 0, sizeof(address));
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof(address.sun_path) - 1);
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  ASSERT_EQ(::listen(listener, 1), 0);

  LircOptions options;
  options.socket_path = path;
  std::string error;
  std::unique_ptr<LircRemote> remote =
      LircRemote::connect(&systemDeviceIo(), options, keymap(), &error);
  ASSERT_NE(remote, nullptr) << error;
  EXPECT_EQ(remote->describe(), "lirc " + path);
  const int server = ::accept(listener, nullptr, nullptr);
  ASSERT_GE(server, 0);

  std::vector<stb::RemoteKeyEvent> keys;
  EXPECT_EQ(remote->read(&keys, &error), InputStatus::kOk);  // non-blocking: nothing yet
  EXPECT_TRUE(keys.empty());

  writeAll(server, "0000000000f40bf0 00 KEY_UP mce");
  EXPECT_EQ(remote->read(&keys, &error), InputStatus::kOk);
  EXPECT_TRUE(keys.empty());
  writeAll(server, "usb\n0000000000f40bf0 01 KEY_UP mceusb\n");
  EXPECT_EQ(remote->read(&keys, &error), InputStatus::kOk);
  EXPECT_EQ(keys, (std::vector<stb::RemoteKeyEvent>{{stb::RemoteKey::kUp, false},
                                                    {stb::RemoteKey::kUp, true}}));

  ::close(server);
  EXPECT_EQ(remote->read(&keys, &error), InputStatus::kClosed);
  EXPECT_EQ(error, "lirc " + path + ": lircd closed the connection");

  ::close(listener);
  ::unlink(path.c_str());
  ::rmdir(dir_template);

  EXPECT_EQ(LircRemote::connect(&systemDeviceIo(), options, keymap(), &error), nullptr);
  EXPECT_EQ(error, "cannot connect to lircd at " + path + ": " + std::strerror(ENOENT));
}

TEST(LircRemoteTest, AdoptsAConnectedSocket) {
  int fds[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds), 0);
  LircOptions options;
  options.max_repeat = 0;
  std::unique_ptr<LircRemote> remote =
      LircRemote::adopt(&systemDeviceIo(), fds[0], options, keymap());
  EXPECT_EQ(remote->fd(), fds[0]);
  EXPECT_EQ(remote->describe(), std::string("lirc ") + kDefaultLircSocket);
  writeAll(fds[1], "01 00 KEY_OK r\n01 01 KEY_OK r\n01 00 KEY_DOWN r\n");
  std::vector<stb::RemoteKeyEvent> keys;
  std::string error;
  EXPECT_EQ(remote->read(&keys, &error), InputStatus::kOk);
  EXPECT_EQ(keys, (std::vector<stb::RemoteKeyEvent>{{stb::RemoteKey::kOk, false},
                                                    {stb::RemoteKey::kDown, false}}));
  EXPECT_EQ(remote->decoder().counters().repeats_ignored, 1u);
  ::close(fds[1]);
}

}  // namespace
}  // namespace box
}  // namespace platform
