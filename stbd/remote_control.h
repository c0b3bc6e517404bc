#pragma once
// The remote control in stbd, as the config's [input] section sets it up:
// evdev devices and lircd (platform/box/remote_inputs.h, through the remote
// keymap) and DirectFB's own key events (overlay/key_input.h, through the
// DirectFB keymap), each fd watched in the event loop, every key handed to
// one KeyPath (stbd_run.h), the same path the key script takes.
#include <memory>
#include <optional>
#include <string>

#include "overlay/display.h"
#include "overlay/key_input.h"
#include "platform/box/keymap.h"
#include "platform/box/remote_inputs.h"
#include "platform/event_loop.h"
#include "stb/ports/log.h"
#include "stbd/config.h"
#include "stbd/stbd_run.h"

namespace stbd {

// DirectFB key symbols by their DIKS_ names, for keymap files.
const platform::box::KeyNames& directFbKeyNames();

// The remote's keymap: the file PATH, or the compiled-in default.keymap
// when PATH is empty. Absent and *error (naming the line) when it does not
// parse or cannot be read.
std::optional<platform::box::Keymap> loadRemoteKeymap(const std::string& path, std::string* error);
// The same for DirectFB key symbols (default: overlay/directfb.keymap).
std::optional<platform::box::Keymap> loadDirectFbKeymap(const std::string& path,
                                                        std::string* error);

// DirectFB key events: an overlay::KeyInput watched in the loop, its
// symbols mapped through a keymap; keys the keymap does not name are
// counted and logged at debug.
class DirectFbKeys {
 public:
  static std::unique_ptr<DirectFbKeys> open(overlay::Display& display, platform::box::Keymap keymap,
                                            platform::EventLoop& loop, stb::Log& log, KeyPath& keys,
                                            std::string* error);
  ~DirectFbKeys();

  overlay::KeyInput& input() { return *input_; }
  uint64_t unmapped() const { return unmapped_; }

 private:
  DirectFbKeys(std::unique_ptr<overlay::KeyInput> input, platform::box::Keymap keymap,
               platform::EventLoop& loop, stb::Log& log, KeyPath& keys)
      : input_(std::move(input)), keymap_(std::move(keymap)), loop_(loop), log_(log), keys_(keys) {}
  void onReadable();

  std::unique_ptr<overlay::KeyInput> input_;
  platform::box::Keymap keymap_;
  platform::EventLoop& loop_;
  stb::Log& log_;
  KeyPath& keys_;
  platform::EventLoop::Id watch_ = 0;
  uint64_t unmapped_ = 0;
};

// Everything [input] configures, open and watched.
struct RemoteControl {
  std::unique_ptr<platform::box::RemoteInputs> remotes;  // null without evdev or lirc
  std::unique_ptr<DirectFbKeys> directfb;                // null when [input] directfb = no
};

// Loads the keymaps and starts the remotes CONFIG names. A remote that
// cannot be opened yet is retried (RemoteInputs); a keymap that does not
// load, or DirectFB refusing an event buffer, is fatal: false and *error.
bool openRemoteControl(const StbdConfig& config, overlay::Display& display,
                       platform::EventLoop& loop, stb::Log& log, KeyPath& keys, RemoteControl* out,
                       std::string* error);

}  // namespace stbd
