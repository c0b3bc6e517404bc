#pragma once
// Where the box's identity strings (box id, smartcard id) come from, as the
// configuration names them:
//
//   file:/etc/stb/box-id     the file's first line, trimmed
//   mac:eth0                 the interface's MAC (/sys/class/net/eth0/address)
//   command:vendor-serial    the command's first output line, trimmed
//
// Every id read is validated: 1 to 32 characters of printable ASCII.
#include <optional>
#include <string>

#include "platform/box/command_runner.h"
#include "platform/box/device_io.h"

namespace platform {
namespace box {

constexpr size_t kMaxIdentityLength = 32;

struct IdentitySource {
  enum class Kind { kFile, kMacAddress, kCommand };
  Kind kind = Kind::kFile;
  std::string value;  // path, interface name or command line

  // "file /etc/stb/box-id", "MAC of eth0", "command 'vendor-serial'".
  std::string describe() const;
};

// Parses "file:PATH", "mac:IFACE" or "command:COMMAND". False and *error
// (quoting TEXT) for another prefix, an empty value, or an interface name
// that is not one ("../x", longer than 15 characters).
bool parseIdentitySource(const std::string& text, IdentitySource* out, std::string* error);

// True when ID is 1..32 characters, each printable ASCII (0x20..0x7e);
// otherwise false and *error saying what is wrong (never echoing the bytes
// that are not printable).
bool validateIdentity(const std::string& id, std::string* error);

class IdentityReader {
 public:
  // IO reads files and sysfs; COMMANDS runs commands. Both must outlive it.
  IdentityReader(DeviceIo* io, CommandRunner* commands) : io_(io), commands_(commands) {}

  // The validated id from SOURCE; absent and *error naming the source.
  std::optional<std::string> read(const IdentitySource& source, std::string* error) const;

 private:
  std::optional<std::string> readRaw(const IdentitySource& source, std::string* error) const;

  DeviceIo* io_;
  CommandRunner* commands_;
};

}  // namespace box
}  // namespace platform
