#include "overlay/key_input.h"

#include <directfb.h>
#include <directfb_keynames.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "overlay/dfb_error.h"

namespace overlay {
namespace {

const DirectFBKeySymbolNames(kKeyNames) constexpr char kPrefix[] = "DIKS_";

}  // namespace

std::unique_ptr<KeyInput> KeyInput::open(Display& display, std::string* error) {
  IDirectFB* dfb = display.dfb();
  std::unique_ptr<KeyInput> input(new KeyInput);
  // Global: a buffer that is not global drops input events unless the
  // process's primary window has the focus (DirectFB's input_filter_local,
  // src/idirectfb.c), which a headless run (no window) never has and which
  // nothing on a box gives the OSD; a global one passes them all.
  DFBResult r = dfb->CreateInputEventBuffer(dfb, DICAPS_KEYS, DFB_TRUE, &input->buffer_);
  if (r != DFB_OK) {
    input->buffer_ = nullptr;
    *error = dfbError("CreateInputEventBuffer", r);
    return nullptr;
  }
  // From here on DirectFB writes each event, whole, into a pipe.
  r = input->buffer_->CreateFileDescriptor(input->buffer_, &input->fd_);
  if (r != DFB_OK) {
    input->fd_ = -1;
    *error = dfbError("IDirectFBEventBuffer::CreateFileDescriptor", r);
    return nullptr;
  }
  const int flags = fcntl(input->fd_, F_GETFL);
  if (flags < 0 || fcntl(input->fd_, F_SETFL, flags | O_NONBLOCK) != 0) {
    *error = std::string("key events: O_NONBLOCK: ") + std::strerror(errno);
    return nullptr;
  }
  return input;
}

KeyInput::~KeyInput() {
  // Release stops DirectFB's feeding thread and closes the pipe (fd_ too).
  if (buffer_) buffer_->Release(buffer_);
}

bool KeyInput::read(std::vector<KeyPress>* keys, std::string* error) {
  uint8_t chunk[16 * sizeof(DFBEvent)];
  // A bounded number of reads a call: a flood of motion events cannot hold
  // the loop.
  for (int i = 0; i < 16; ++i) {
    const ssize_t n = ::read(fd_, chunk, sizeof chunk);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return true;
      *error = std::string("key events: ") + std::strerror(errno);
      return false;
    }
    if (n == 0) {
      *error = "key events: DirectFB closed the event pipe";
      return false;
    }
    partial_.insert(partial_.end(), chunk, chunk + n);
    size_t used = 0;
    for (; partial_.size() - used >= sizeof(DFBEvent); used += sizeof(DFBEvent)) {
      DFBEvent event;
      std::memcpy(&event, partial_.data() + used, sizeof event);
      ++events_;
      if (event.clazz != DFEC_INPUT || event.input.type != DIET_KEYPRESS) continue;
      keys->push_back(KeyPress{static_cast<uint32_t>(event.input.key_symbol),
                               (event.input.flags & DIEF_REPEAT) != 0});
    }
    partial_.erase(partial_.begin(), partial_.begin() + static_cast<ptrdiff_t>(used));
  }
  return true;
}

bool KeyInput::post(uint32_t symbol, std::string* error) {
  DFBEvent event;
  std::memset(&event, 0, sizeof event);
  event.clazz = DFEC_INPUT;
  event.input.clazz = DFEC_INPUT;
  event.input.type = DIET_KEYPRESS;
  event.input.flags = DIEF_KEYSYMBOL;
  event.input.key_symbol = static_cast<DFBInputDeviceKeySymbol>(symbol);
  const DFBResult r = buffer_->PostEvent(buffer_, &event);
  if (r != DFB_OK) {
    *error = dfbError("IDirectFBEventBuffer::PostEvent", r);
    return false;
  }
  return true;
}

std::optional<uint32_t> directFbKeySymbol(const std::string& name) {
  if (name.rfind(kPrefix, 0) != 0) return std::nullopt;
  const std::string bare = name.substr(sizeof(kPrefix) - 1);
  for (const DFBKeySymbolName& entry : kKeyNames)
    if (bare == entry.name) return static_cast<uint32_t>(entry.symbol);
  return std::nullopt;
}

std::string directFbKeyName(uint32_t symbol) {
  for (const DFBKeySymbolName& entry : kKeyNames)
    if (static_cast<uint32_t>(entry.symbol) == symbol) return kPrefix + std::string(entry.name);
  char text[32];
  std::snprintf(text, sizeof text, "DirectFB key 0x%04x", symbol);
  return text;
}

}  // namespace overlay
