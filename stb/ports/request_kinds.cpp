#include "stb/ports/request_kinds.h"

namespace stb {

const char* categoryCode(Category c) {
  switch (c) {
    case Category::kNoPicture:
      return "no_picture";
    case Category::kMosaicOrFreezing:
      return "mosaic_freezing";
    case Category::kNoSound:
      return "no_sound";
    case Category::kChannelsMissing:
      return "channels_missing";
    case Category::kSmartcard:
      return "smartcard_message";
    case Category::kBoxFault:
      return "box_fault";
    case Category::kRemoteControl:
      return "remote_control";
    case Category::kBilling:
      return "billing_question";
    case Category::kOther:
      return "other";
    case Category::kNewInstallation:
      return "new_installation";
    case Category::kServiceRestoration:
      return "service_restoration";
    case Category::kComplaint:
      return "complaint";
  }
  return "other";
}

std::optional<Category> categoryFromCode(std::string_view code) {
  for (int c = 0; c < kCategoryCount; ++c)
    if (code == categoryCode(static_cast<Category>(c))) return static_cast<Category>(c);
  return std::nullopt;
}

const char* charterCategoryCode(CharterCategory c) {
  switch (c) {
    case CharterCategory::kGeneralFault:
      return "general_fault";
    case CharterCategory::kMajorFault:
      return "major_fault";
    case CharterCategory::kNewInstallation:
      return "new_installation";
    case CharterCategory::kServiceRestoration:
      return "service_restoration";
    case CharterCategory::kComplaint:
      return "complaint";
  }
  return "general_fault";
}

std::optional<CharterCategory> charterCategoryFromCode(std::string_view code) {
  for (auto c : {CharterCategory::kGeneralFault, CharterCategory::kMajorFault,
                 CharterCategory::kNewInstallation, CharterCategory::kServiceRestoration,
                 CharterCategory::kComplaint})
    if (code == charterCategoryCode(c)) return c;
  return std::nullopt;
}

}  // namespace stb
