#pragma once
// The product's remote-control keys, whatever delivers them (evdev, LIRC,
// DirectFB key events, a key script), and their names as keymap files and
// key scripts spell them ("UP", "OK", "0".."9", "RED").
#include <optional>
#include <string>

namespace stb {

enum class RemoteKey {
  kUp,
  kDown,
  kLeft,
  kRight,
  kOk,
  kBack,
  kExit,
  kMenu,
  kHelp,
  kDigit0,
  kDigit1,
  kDigit2,
  kDigit3,
  kDigit4,
  kDigit5,
  kDigit6,
  kDigit7,
  kDigit8,
  kDigit9,
  kRed,
  kGreen,
  kYellow,
  kBlue,
  kInfo,
  kPower,
};

// "UP", "DOWN", ..., "0".."9", "RED", ..., "POWER".
const char* remoteKeyName(RemoteKey key);
// The inverse of remoteKeyName, ignoring case ("ok" -> kOk); absent otherwise.
std::optional<RemoteKey> remoteKeyFromName(const std::string& name);

// One key press (repeat = false) or auto-repeat while held (repeat = true).
struct RemoteKeyEvent {
  RemoteKey key;
  bool repeat = false;
};

inline bool operator==(const RemoteKeyEvent& a, const RemoteKeyEvent& b) {
  return a.key == b.key && a.repeat == b.repeat;
}

}  // namespace stb
