#include "dvb/notice/body_codec.h"

#include "dvb/notice/layouts.h"

namespace dvb::notice {
namespace {

template <typename T, typename Layout>
std::optional<std::vector<uint8_t>> encodeWith(const T& value, Layout layout, std::string* error) {
  T copy = value;  // layouts take references for both directions
  WireWriter w;
  layout(w, copy);
  if (!w.ok()) {
    if (error) *error = w.error();
    return std::nullopt;
  }
  return w.take();
}

template <typename T, typename Layout>
bool decodeWith(const std::vector<uint8_t>& body, T* out, Layout layout, std::string* error) {
  T value;
  WireReader r(body.data(), body.size());
  layout(r, value);
  if (!r.finish("body")) {
    if (error) *error = r.error();
    return false;
  }
  *out = std::move(value);
  return true;
}

}  // namespace

std::optional<std::vector<uint8_t>> encodeBody(const Notice& v, std::string* error) {
  return encodeWith(v, layoutNotice<WireWriter>, error);
}
std::optional<std::vector<uint8_t>> encodeBody(const FeeBatch& v, std::string* error) {
  return encodeWith(v, layoutFeeBatch<WireWriter>, error);
}
std::optional<std::vector<uint8_t>> encodeBody(const Directory& v, std::string* error) {
  return encodeWith(v, layoutDirectory<WireWriter>, error);
}
std::optional<std::vector<uint8_t>> encodeBody(const WorkCalendar& v, std::string* error) {
  return encodeWith(v, layoutWorkCalendar<WireWriter>, error);
}
std::optional<std::vector<uint8_t>> encodeBody(const KeyList& v, std::string* error) {
  return encodeWith(v, layoutKeyList<WireWriter>, error);
}

bool decodeBody(const std::vector<uint8_t>& body, Notice* out, std::string* error) {
  return decodeWith(body, out, layoutNotice<WireReader>, error);
}
bool decodeBody(const std::vector<uint8_t>& body, FeeBatch* out, std::string* error) {
  return decodeWith(body, out, layoutFeeBatch<WireReader>, error);
}
bool decodeBody(const std::vector<uint8_t>& body, Directory* out, std::string* error) {
  return decodeWith(body, out, layoutDirectory<WireReader>, error);
}
bool decodeBody(const std::vector<uint8_t>& body, WorkCalendar* out, std::string* error) {
  return decodeWith(body, out, layoutWorkCalendar<WireReader>, error);
}
bool decodeBody(const std::vector<uint8_t>& body, KeyList* out, std::string* error) {
  return decodeWith(body, out, layoutKeyList<WireReader>, error);
}

}  // namespace dvb::notice
