// Identity sources (file, MAC, command), validation and the default
// smartcard reader.
#include "platform/box/identity_source.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <map>

#include "platform/box/smartcard_reader.h"
#include "tests/platform/box/fake_device_io.h"

namespace platform {
namespace box {
namespace {

class FakeCommands : public CommandRunner {
 public:
  std::map<std::string, std::string> lines;
  std::optional<std::string> firstLine(const std::string& command, std::string* error) override {
    auto it = lines.find(command);
    if (it == lines.end()) {
      *error = "'" + command + "' exited with status 127";
      return std::nullopt;
    }
    return it->second;
  }
};

IdentitySource source(const std::string& text) {
  IdentitySource result;
  std::string error;
  EXPECT_TRUE(parseIdentitySource(text, &result, &error)) << error;
  return result;
}

TEST(IdentitySourceTest, ParsesTheThreeKinds) {
  IdentitySource file = source("file:/etc/stb/box-id");
  EXPECT_EQ(file.kind, IdentitySource::Kind::kFile);
  EXPECT_EQ(file.value, "/etc/stb/box-id");
  EXPECT_EQ(file.describe(), "file /etc/stb/box-id");
  IdentitySource mac = source("mac:eth0");
  EXPECT_EQ(mac.kind, IdentitySource::Kind::kMacAddress);
  EXPECT_EQ(mac.describe(), "MAC of eth0");
  IdentitySource command = source("command:vendor-serial --box");
  EXPECT_EQ(command.kind, IdentitySource::Kind::kCommand);
  EXPECT_EQ(command.value, "vendor-serial --box");
  EXPECT_EQ(command.describe(), "command 'vendor-serial --box'");

  IdentitySource out;
  std::string error;
  EXPECT_FALSE(parseIdentitySource("serial:x", &out, &error));
  EXPECT_EQ(error, "identity source 'serial:x': expected file:PATH, mac:IFACE or command:COMMAND");
  EXPECT_FALSE(parseIdentitySource("file:", &out, &error));
  EXPECT_EQ(error, "identity source 'file:': nothing after the ':'");
  EXPECT_FALSE(parseIdentitySource("mac:../../etc", &out, &error));
  EXPECT_EQ(error, "identity source 'mac:../../etc': '../../etc' is not a network interface name");
  EXPECT_FALSE(parseIdentitySource("mac:averyveryverylongname", &out, &error));
  EXPECT_FALSE(parseIdentitySource("mac:..", &out, &error));
}

TEST(IdentitySourceTest, ValidatesPrintableAsciiUpTo32) {
  std::string error;
  EXPECT_TRUE(validateIdentity("STB-0001 A", &error));
  EXPECT_TRUE(validateIdentity(std::string(32, 'x'), &error));
  EXPECT_FALSE(validateIdentity(std::string(33, 'x'), &error));
  EXPECT_EQ(error, "is 33 characters, more than 32");
  EXPECT_FALSE(validateIdentity("", &error));
  EXPECT_EQ(error, "is empty");
  EXPECT_FALSE(validateIdentity("ab\x01", &error));
  EXPECT_EQ(error, "has a byte that is not printable ASCII at position 3");
  EXPECT_FALSE(validateIdentity("caf\xc3\xa9", &error));
}

class IdentityReaderTest : public testing::Test {
 protected:
  FakeDeviceIo io_;
  FakeCommands commands_;
  IdentityReader reader_{&io_, &commands_};
};

TEST_F(IdentityReaderTest, FileGivesItsFirstLineTrimmed) {
  io_.addFile("/etc/stb/box-id", "  STB-000123 \r\nsecond line\n");
  std::string error;
  EXPECT_EQ(reader_.read(source("file:/etc/stb/box-id"), &error), "STB-000123");
  EXPECT_TRUE(io_.openFds().empty());

  io_.addFile("/etc/stb/empty", "\n");
  EXPECT_FALSE(reader_.read(source("file:/etc/stb/empty"), &error));
  EXPECT_EQ(error, "identity from file /etc/stb/empty: is empty");

  io_.failOpen("/etc/stb/missing", ENOENT);
  EXPECT_FALSE(reader_.read(source("file:/etc/stb/missing"), &error));
  EXPECT_EQ(error, std::string("identity from file /etc/stb/missing: cannot open "
                               "/etc/stb/missing: ") +
                       std::strerror(ENOENT));

  io_.addFile("/etc/stb/long", std::string(40, '7') + "\n");
  EXPECT_FALSE(reader_.read(source("file:/etc/stb/long"), &error));
  EXPECT_EQ(error, "identity from file /etc/stb/long: is 40 characters, more than 32");

  io_.addFile("/etc/stb/huge", std::string(10000, '7'));
  EXPECT_FALSE(reader_.read(source("file:/etc/stb/huge"), &error));
  EXPECT_NE(error.find("larger than 4096 bytes"), std::string::npos) << error;
}

TEST_F(IdentityReaderTest, MacComesFromSysfs) {
  io_.addFile("/sys/class/net/eth0/address", "00:1a:2b:3c:4d:5e\n");
  io_.addFile("/sys/class/net/lo/address", "00:00:00:00:00:00\n");
  std::string error;
  EXPECT_EQ(reader_.read(source("mac:eth0"), &error), "00:1a:2b:3c:4d:5e");
  EXPECT_FALSE(reader_.read(source("mac:lo"), &error));
  EXPECT_EQ(error,
            "identity from MAC of lo: interface has no hardware address "
            "('00:00:00:00:00:00')");
  io_.failOpen("/sys/class/net/wlan9/address", ENOENT);
  EXPECT_FALSE(reader_.read(source("mac:wlan9"), &error));
  // A source built by hand is checked too.
  IdentitySource sneaky{IdentitySource::Kind::kMacAddress, "../../../etc/passwd"};
  EXPECT_FALSE(reader_.read(sneaky, &error));
  EXPECT_EQ(error,
            "identity from MAC of ../../../etc/passwd: '../../../etc/passwd' is not a "
            "network interface name");
}

TEST_F(IdentityReaderTest, CommandGivesItsFirstLine) {
  commands_.lines["vendor-serial"] = " SN 42 ";
  commands_.lines["bad-serial"] = "id\x7f";
  std::string error;
  EXPECT_EQ(reader_.read(source("command:vendor-serial"), &error), "SN 42");
  EXPECT_FALSE(reader_.read(source("command:bad-serial"), &error));
  EXPECT_EQ(error,
            "identity from command 'bad-serial': has a byte that is not printable ASCII "
            "at position 3");
  EXPECT_FALSE(reader_.read(source("command:missing"), &error));
  EXPECT_EQ(error, "identity from command 'missing': 'missing' exited with status 127");
}

TEST_F(IdentityReaderTest, ConfiguredSmartcardReaderUsesItsSource) {
  io_.addFile("/var/run/ca/card-id", "CARD-77\n");
  ConfiguredSmartcardReader card(reader_, source("file:/var/run/ca/card-id"));
  SmartcardReader& reader = card;
  std::string error;
  EXPECT_EQ(reader.cardId(&error), "CARD-77");
  EXPECT_EQ(reader.describe(), "smartcard from file /var/run/ca/card-id");
  ConfiguredSmartcardReader none(reader_, source("command:missing"));
  EXPECT_FALSE(none.cardId(&error));
  EXPECT_EQ(error, "smartcard identity from command 'missing': 'missing' exited with status 127");
}

TEST(PopenCommandRunnerTest, FirstLineExitStatusAndSilence) {
  PopenCommandRunner runner;
  std::string error;
  EXPECT_EQ(runner.firstLine("printf 'BOX-1\\nmore\\n'", &error), "BOX-1");
  EXPECT_FALSE(runner.firstLine("echo partial; exit 3", &error));
  EXPECT_EQ(error, "'echo partial; exit 3' exited with status 3");
  EXPECT_FALSE(runner.firstLine("true", &error));
  EXPECT_EQ(error, "'true' printed nothing");
  // A command that prints without end is cut off; SIGPIPE is not its fault.
  EXPECT_EQ(runner.firstLine("yes", &error), "y") << error;
}

}  // namespace
}  // namespace box
}  // namespace platform
