#include "platform/box/remote_inputs.h"

#include <poll.h>

#include "platform/box/evdev_remote.h"
#include "platform/box/lirc_remote.h"

namespace platform {
namespace box {

RemoteInputs::RemoteInputs(DeviceIo* io, RemoteInputsConfig config, EventLoop& loop, stb::Log& log,
                           OnKey on_key)
    : io_(io), config_(std::move(config)), loop_(loop), log_(log), on_key_(std::move(on_key)) {
  for (const std::string& path : config_.evdev) {
    auto slot = std::make_unique<Slot>();
    slot->path = path;
    slots_.push_back(std::move(slot));
  }
  if (!config_.lirc.empty()) {
    auto slot = std::make_unique<Slot>();
    slot->lirc = true;
    slot->path = config_.lirc;
    slots_.push_back(std::move(slot));
  }
}

RemoteInputs::~RemoteInputs() {
  for (auto& slot : slots_) {
    if (slot->watch != 0) loop_.cancel(slot->watch);
    if (slot->retry != 0) loop_.cancel(slot->retry);
  }
}

void RemoteInputs::start() {
  for (auto& slot : slots_) open(slot.get());
}

size_t RemoteInputs::opened() const {
  size_t n = 0;
  for (const auto& slot : slots_) n += slot->input ? 1 : 0;
  return n;
}

std::string RemoteInputs::retryText() const {
  return retry_ms_ % 1000 == 0 ? std::to_string(retry_ms_ / 1000) + " s"
                               : std::to_string(retry_ms_) + " ms";
}

void RemoteInputs::open(Slot* slot) {
  slot->retry = 0;
  std::string error;
  if (slot->lirc) {
    LircOptions options;
    options.socket_path = slot->path;
    slot->input = LircRemote::connect(io_, options, config_.keymap, &error);
  } else {
    slot->input = EvdevRemote::open(io_, slot->path, config_.keymap, config_.grab, &error);
  }
  if (!slot->input) {
    if (!slot->failing) log_.warning("remote: " + error + "; trying again every " + retryText());
    slot->failing = true;
    slot->retry = loop_.addTimer(loop_.clock().nowMs() + retry_ms_, [this, slot]() { open(slot); });
    return;
  }
  slot->failing = false;
  log_.info("remote: reading " + slot->input->describe());
  slot->watch = loop_.watchFd(slot->input->fd(), POLLIN, [this, slot](short) { onReadable(slot); });
}

void RemoteInputs::close(Slot* slot, const std::string& why) {
  log_.warning("remote: " + why + "; trying again every " + retryText());
  slot->failing = true;
  loop_.cancel(slot->watch);
  slot->watch = 0;
  slot->input.reset();
  slot->retry = loop_.addTimer(loop_.clock().nowMs() + retry_ms_, [this, slot]() { open(slot); });
}

void RemoteInputs::onReadable(Slot* slot) {
  std::vector<stb::RemoteKeyEvent> keys;
  std::string error;
  const InputStatus status = slot->input->read(&keys, &error);
  const std::string from = slot->input->describe();
  for (const stb::RemoteKeyEvent& key : keys) on_key_(key, from);
  // A device that keeps failing would make poll return at once forever:
  // close it and try again later instead.
  if (status != InputStatus::kOk) close(slot, error);
}

}  // namespace box
}  // namespace platform
