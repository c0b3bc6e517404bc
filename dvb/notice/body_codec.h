#pragma once
// Object bodies <-> bytes, through the one layout per object (layouts.h).
// Encoding fails, naming the field, on anything the decoder would refuse.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dvb/notice/directory.h"
#include "dvb/notice/fee_batch.h"
#include "dvb/notice/key_list.h"
#include "dvb/notice/notice.h"
#include "dvb/notice/signed_object.h"
#include "dvb/notice/work_calendar.h"

namespace dvb::notice {

std::optional<std::vector<uint8_t>> encodeBody(const Notice& v, std::string* error);
std::optional<std::vector<uint8_t>> encodeBody(const FeeBatch& v, std::string* error);
std::optional<std::vector<uint8_t>> encodeBody(const Directory& v, std::string* error);
std::optional<std::vector<uint8_t>> encodeBody(const WorkCalendar& v, std::string* error);
std::optional<std::vector<uint8_t>> encodeBody(const KeyList& v, std::string* error);

bool decodeBody(const std::vector<uint8_t>& body, Notice* out, std::string* error);
bool decodeBody(const std::vector<uint8_t>& body, FeeBatch* out, std::string* error);
bool decodeBody(const std::vector<uint8_t>& body, Directory* out, std::string* error);
bool decodeBody(const std::vector<uint8_t>& body, WorkCalendar* out, std::string* error);
bool decodeBody(const std::vector<uint8_t>& body, KeyList* out, std::string* error);

// The table each body travels on.
constexpr ObjectType objectTypeOf(const Notice*) {
  return ObjectType::kNotice;
}
constexpr ObjectType objectTypeOf(const FeeBatch*) {
  return ObjectType::kFeeBatch;
}
constexpr ObjectType objectTypeOf(const Directory*) {
  return ObjectType::kDirectory;
}
constexpr ObjectType objectTypeOf(const WorkCalendar*) {
  return ObjectType::kWorkCalendar;
}
constexpr ObjectType objectTypeOf(const KeyList*) {
  return ObjectType::kKeyList;
}

}  // namespace dvb::notice
