#include "platform/box/keymap.h"

#include <cerrno>
#include <cstdlib>
#include <sstream>

#include "platform/box/device_files.h"
#include "platform/box/kernel_key_names.h"

namespace platform {
namespace box {
namespace {

constexpr size_t kMaxKeymapBytes = 64 * 1024;

std::string trim(const std::string& text) {
  const char* space = " \t\r";
  const size_t begin = text.find_first_not_of(space);
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(space) - begin + 1);
}

// A name, or a decimal / 0x-hex code up to NAMES.max_code.
std::optional<uint32_t> parseCode(const std::string& text, const KeyNames& names,
                                  std::string* why) {
  if (!text.empty() && (text[0] >= '0' && text[0] <= '9')) {
    char* end = nullptr;
    errno = 0;
    const unsigned long long value = std::strtoull(text.c_str(), &end, 0);
    if (errno != 0 || *end != '\0') {
      *why = "'" + text + "' is not a key code";
      return std::nullopt;
    }
    if (value > names.max_code) {
      *why = "key code " + text + " is above " + names.max_name + " (" +
             std::to_string(names.max_code) + ")";
      return std::nullopt;
    }
    return static_cast<uint32_t>(value);
  }
  std::optional<uint32_t> code = names.code(text);
  if (!code) *why = "unknown " + names.what + " name '" + text + "' (write its code as a number)";
  return code;
}

}  // namespace

const KeyNames& kernelKeyNames() {
  static const KeyNames names{"kernel key", "KERNEL_KEY",
                              [](const std::string& name) -> std::optional<uint32_t> {
                                if (std::optional<uint16_t> code = kernelKeyCode(name))
                                  return *code;
                                return std::nullopt;
                              },
                              maxKernelKeyCode(), "KEY_MAX"};
  return names;
}

std::optional<Keymap> Keymap::parse(const std::string& text, const std::string& origin,
                                    std::string* error, const KeyNames& names) {
  Keymap keymap;
  std::map<uint32_t, int> defined_on;
  std::istringstream lines(text);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    const std::string where = origin + " line " + std::to_string(number) + ": ";
    const std::string content = trim(line.substr(0, line.find('#')));
    if (content.empty()) continue;
    const size_t equals = content.find('=');
    if (equals == std::string::npos) {
      *error = where + "expected '" + names.placeholder + " = PRODUCT_KEY', got '" + content + "'";
      return std::nullopt;
    }
    const std::string left = trim(content.substr(0, equals));
    const std::string right = trim(content.substr(equals + 1));
    std::string why;
    const std::optional<uint32_t> code = parseCode(left, names, &why);
    if (!code) {
      *error = where + why;
      return std::nullopt;
    }
    const std::optional<stb::RemoteKey> key = stb::remoteKeyFromName(right);
    if (!key) {
      *error = where + "unknown product key '" + right +
               "' (UP DOWN LEFT RIGHT OK BACK EXIT MENU HELP 0-9 RED GREEN YELLOW BLUE INFO POWER)";
      return std::nullopt;
    }
    auto earlier = defined_on.find(*code);
    if (earlier != defined_on.end()) {
      *error = where + left + " is already mapped on line " + std::to_string(earlier->second);
      return std::nullopt;
    }
    defined_on[*code] = number;
    keymap.keys_[*code] = *key;
  }
  return keymap;
}

std::optional<Keymap> Keymap::load(DeviceIo* io, const std::string& path, std::string* error,
                                   const KeyNames& names) {
  std::optional<std::string> text = readTextFile(io, path, kMaxKeymapBytes, error);
  if (!text) return std::nullopt;
  return parse(*text, path, error, names);
}

std::optional<stb::RemoteKey> Keymap::lookup(uint32_t code) const {
  auto it = keys_.find(code);
  if (it == keys_.end()) return std::nullopt;
  return it->second;
}

std::optional<stb::RemoteKey> Keymap::lookupName(const std::string& kernel_name) const {
  const std::optional<uint16_t> code = kernelKeyCode(kernel_name);
  if (!code) return std::nullopt;
  return lookup(*code);
}

}  // namespace box
}  // namespace platform
