#pragma once
// Key presses from DirectFB's input devices: the keyboard of the x11 window
// on a PC, DirectFB's own input drivers (linux_input, lirc) on a box. One
// input event buffer turned into a file descriptor (CreateFileDescriptor)
// that the event loop polls, so nothing ever waits or spins on DirectFB.
// Keys come out as DirectFB key symbols (DIKS_*); naming them and mapping
// them to the product's keys is the caller's job (directFbKeySymbol below,
// and a keymap such as overlay/directfb.keymap).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "overlay/display.h"

typedef struct _IDirectFBEventBuffer IDirectFBEventBuffer;

namespace overlay {

struct KeyPress {
  uint32_t symbol = 0;  // DFBInputDeviceKeySymbol
  bool repeat = false;  // auto-repeat while held (DIEF_REPEAT)
};

class KeyInput {
 public:
  // A global event buffer (keys whether or not a window of ours has the
  // focus) on every input device with keys (DICAPS_KEYS) of DISPLAY's
  // DirectFB, and its fd, non-blocking. Nullptr and *error when DirectFB
  // refuses either.
  static std::unique_ptr<KeyInput> open(Display& display, std::string* error);
  ~KeyInput();
  KeyInput(const KeyInput&) = delete;
  KeyInput& operator=(const KeyInput&) = delete;

  // Poll this for POLLIN.
  int fd() const { return fd_; }
  // Reads what waits (never blocks) and appends the key presses; releases,
  // buttons and motion are dropped. False and *error when the fd fails or
  // DirectFB closed it.
  bool read(std::vector<KeyPress>* keys, std::string* error);
  // Puts a key press into the buffer as if a device had sent it (tests,
  // and headless runs, where the dummy system has no devices).
  bool post(uint32_t symbol, std::string* error);

  uint64_t events() const { return events_; }  // every event read, keys or not

 private:
  KeyInput() = default;

  IDirectFBEventBuffer* buffer_ = nullptr;
  int fd_ = -1;
  std::vector<uint8_t> partial_;  // an event split across reads
  uint64_t events_ = 0;
};

// DirectFB key symbols by name, as keymap files write them: "DIKS_CURSOR_UP"
// (DirectFB's own names with the DIKS_ prefix). Absent for an unknown name.
std::optional<uint32_t> directFbKeySymbol(const std::string& name);
// "DIKS_CURSOR_UP"; "DirectFB key 0x1234" for a symbol without a name.
std::string directFbKeyName(uint32_t symbol);
// The largest number a DirectFB keymap may give.
constexpr uint32_t kMaxDirectFbKeySymbol = 0xFFFF;
// overlay/directfb.keymap, compiled in: the keymap used when none is configured.
const char* defaultDirectFbKeymap();

}  // namespace overlay
