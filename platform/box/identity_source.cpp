#include "platform/box/identity_source.h"

#include "platform/box/device_files.h"

namespace platform {
namespace box {
namespace {

constexpr size_t kMaxIdentityFileBytes = 4096;
constexpr size_t kMaxInterfaceName = 15;  // IFNAMSIZ - 1

bool startsWith(const std::string& text, const char* prefix, std::string* rest) {
  const std::string p = prefix;
  if (text.compare(0, p.size(), p) != 0) return false;
  *rest = text.substr(p.size());
  return true;
}

bool validInterfaceName(const std::string& name) {
  if (name.empty() || name.size() > kMaxInterfaceName || name == "." || name == "..") return false;
  for (char c : name) {
    if (c == '/' || c <= ' ' || c > '~') return false;
  }
  return true;
}

}  // namespace

std::string IdentitySource::describe() const {
  switch (kind) {
    case Kind::kFile:
      return "file " + value;
    case Kind::kMacAddress:
      return "MAC of " + value;
    case Kind::kCommand:
      return "command '" + value + "'";
  }
  return value;
}

bool parseIdentitySource(const std::string& text, IdentitySource* out, std::string* error) {
  IdentitySource source;
  if (startsWith(text, "file:", &source.value)) {
    source.kind = IdentitySource::Kind::kFile;
  } else if (startsWith(text, "mac:", &source.value)) {
    source.kind = IdentitySource::Kind::kMacAddress;
    if (!validInterfaceName(source.value)) {
      *error =
          "identity source '" + text + "': '" + source.value + "' is not a network interface name";
      return false;
    }
  } else if (startsWith(text, "command:", &source.value)) {
    source.kind = IdentitySource::Kind::kCommand;
  } else {
    *error = "identity source '" + text + "': expected file:PATH, mac:IFACE or command:COMMAND";
    return false;
  }
  if (source.value.empty()) {
    *error = "identity source '" + text + "': nothing after the ':'";
    return false;
  }
  *out = source;
  return true;
}

bool validateIdentity(const std::string& id, std::string* error) {
  if (id.empty()) {
    *error = "is empty";
    return false;
  }
  if (id.size() > kMaxIdentityLength) {
    *error = "is " + std::to_string(id.size()) + " characters, more than " +
             std::to_string(kMaxIdentityLength);
    return false;
  }
  for (size_t i = 0; i < id.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(id[i]);
    if (c < 0x20 || c > 0x7e) {
      *error = "has a byte that is not printable ASCII at position " + std::to_string(i + 1);
      return false;
    }
  }
  return true;
}

std::optional<std::string> IdentityReader::read(const IdentitySource& source,
                                                std::string* error) const {
  std::string why;
  std::optional<std::string> id = readRaw(source, &why);
  if (id && !validateIdentity(*id, &why)) id.reset();
  if (!id) {
    *error = "identity from " + source.describe() + ": " + why;
    return std::nullopt;
  }
  return id;
}

std::optional<std::string> IdentityReader::readRaw(const IdentitySource& source,
                                                   std::string* error) const {
  switch (source.kind) {
    case IdentitySource::Kind::kFile: {
      std::optional<std::string> text =
          readTextFile(io_, source.value, kMaxIdentityFileBytes, error);
      if (!text) return std::nullopt;
      return firstLineTrimmed(*text);
    }
    case IdentitySource::Kind::kMacAddress: {
      if (!validInterfaceName(source.value)) {
        *error = "'" + source.value + "' is not a network interface name";
        return std::nullopt;
      }
      std::optional<std::string> text = readTextFile(
          io_, "/sys/class/net/" + source.value + "/address", kMaxIdentityFileBytes, error);
      if (!text) return std::nullopt;
      const std::string mac = firstLineTrimmed(*text);
      if (mac.find_first_not_of("0:") == std::string::npos) {
        *error = "interface has no hardware address ('" + mac + "')";
        return std::nullopt;
      }
      return mac;
    }
    case IdentitySource::Kind::kCommand: {
      std::optional<std::string> line = commands_->firstLine(source.value, error);
      if (!line) return std::nullopt;
      return firstLineTrimmed(*line);
    }
  }
  *error = "unknown source kind";
  return std::nullopt;
}

}  // namespace box
}  // namespace platform
