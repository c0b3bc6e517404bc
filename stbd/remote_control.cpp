#include "stbd/remote_control.h"

#include <poll.h>

#include "platform/box/system_device_io.h"

namespace stbd {

const platform::box::KeyNames& directFbKeyNames() {
  static const platform::box::KeyNames names{"DirectFB key", "DIRECTFB_KEY",
                                             overlay::directFbKeySymbol,
                                             overlay::kMaxDirectFbKeySymbol, "0xFFFF"};
  return names;
}

std::optional<platform::box::Keymap> loadRemoteKeymap(const std::string& path, std::string* error) {
  if (path.empty())
    return platform::box::Keymap::parse(platform::box::defaultKeymapText(),
                                        "built-in default.keymap", error);
  return platform::box::Keymap::load(&platform::box::systemDeviceIo(), path, error);
}

std::optional<platform::box::Keymap> loadDirectFbKeymap(const std::string& path,
                                                        std::string* error) {
  if (path.empty())
    return platform::box::Keymap::parse(overlay::defaultDirectFbKeymap(),
                                        "built-in directfb.keymap", error, directFbKeyNames());
  return platform::box::Keymap::load(&platform::box::systemDeviceIo(), path, error,
                                     directFbKeyNames());
}

std::unique_ptr<DirectFbKeys> DirectFbKeys::open(overlay::Display& display,
                                                 platform::box::Keymap keymap,
                                                 platform::EventLoop& loop, stb::Log& log,
                                                 KeyPath& keys, std::string* error) {
  std::unique_ptr<overlay::KeyInput> input = overlay::KeyInput::open(display, error);
  if (!input) return nullptr;
  std::unique_ptr<DirectFbKeys> k(
      new DirectFbKeys(std::move(input), std::move(keymap), loop, log, keys));
  DirectFbKeys* self = k.get();
  k->watch_ = loop.watchFd(k->input_->fd(), POLLIN, [self](short) { self->onReadable(); });
  return k;
}

DirectFbKeys::~DirectFbKeys() {
  if (watch_ != 0) loop_.cancel(watch_);
}

void DirectFbKeys::onReadable() {
  std::vector<overlay::KeyPress> presses;
  std::string error;
  const bool ok = input_->read(&presses, &error);
  for (const overlay::KeyPress& press : presses) {
    const std::optional<stb::RemoteKey> key = keymap_.lookup(press.symbol);
    if (!key) {
      ++unmapped_;
      log_.debug("key " + overlay::directFbKeyName(press.symbol) +
                 " from DirectFB is not in the keymap");
      continue;
    }
    keys_.press(stb::RemoteKeyEvent{*key, press.repeat}, "DirectFB");
  }
  if (!ok) {
    // Polling a broken fd would return at once forever.
    log_.error(error + "; DirectFB keys stop");
    loop_.cancel(watch_);
    watch_ = 0;
  }
}

bool openRemoteControl(const StbdConfig& config, overlay::Display& display,
                       platform::EventLoop& loop, stb::Log& log, KeyPath& keys, RemoteControl* out,
                       std::string* error) {
  if (!config.evdev.empty() || !config.lirc.empty()) {
    std::optional<platform::box::Keymap> keymap = loadRemoteKeymap(config.keymap, error);
    if (!keymap) return false;
    platform::box::RemoteInputsConfig remotes;
    remotes.evdev = config.evdev;
    remotes.grab = config.evdev_grab;
    remotes.lirc = config.lirc;
    remotes.keymap = std::move(*keymap);
    out->remotes = std::make_unique<platform::box::RemoteInputs>(
        &platform::box::systemDeviceIo(), std::move(remotes), loop, log,
        [&keys](const stb::RemoteKeyEvent& key, const std::string& from) {
          keys.press(key, from);
        });
    out->remotes->start();
  }
  if (config.directfb_keys) {
    std::optional<platform::box::Keymap> keymap = loadDirectFbKeymap(config.directfb_keymap, error);
    if (!keymap) return false;
    const size_t mapped = keymap->size();
    out->directfb = DirectFbKeys::open(display, std::move(*keymap), loop, log, keys, error);
    if (!out->directfb) {
      *error = "DirectFB keys: " + *error;
      return false;
    }
    log.info("remote: reading DirectFB key events (" + std::to_string(mapped) + " keys mapped)");
  }
  return true;
}

}  // namespace stbd
