#include "platform/box/smartcard_reader.h"

namespace platform {
namespace box {

std::optional<std::string> ConfiguredSmartcardReader::cardId(std::string* error) {
  std::string why;
  std::optional<std::string> id = reader_.read(source_, &why);
  if (!id) *error = "smartcard " + why;
  return id;
}

}  // namespace box
}  // namespace platform
