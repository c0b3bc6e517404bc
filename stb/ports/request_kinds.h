#pragma once
// What a viewer asks for, as the central API names it (docs/central-api.md):
// the report's category (the fault kinds, then the charter's other
// requests) and the charter category the desk files it under. One list for
// both ends: the box's menu offers these, stb-central accepts these.
#include <optional>
#include <string_view>

namespace stb {

enum class Category {
  kNoPicture,
  kMosaicOrFreezing,
  kNoSound,
  kChannelsMissing,
  kSmartcard,
  kBoxFault,
  kRemoteControl,
  kBilling,
  kOther,
  // The charter's requests that are not faults; the main menu offers them.
  kNewInstallation,
  kServiceRestoration,
  kComplaint,
};
inline constexpr int kCategoryCount = 12;
// The fault kinds come first: the category page lists these.
inline constexpr int kFaultKindCount = 9;
inline bool isFault(Category c) {
  return static_cast<int>(c) < kFaultKindCount;
}

// The charter's categories, each with its deadline (24 h, 72 h, 5 or 10
// working days, 5 working days, 3 working days): what the central system
// files a report under and the box shows from its answer.
enum class CharterCategory {
  kGeneralFault,
  kMajorFault,
  kNewInstallation,
  kServiceRestoration,
  kComplaint,
};

// API names: "no_picture", "mosaic_freezing", ..., "other", then
// "new_installation", "service_restoration", "complaint".
const char* categoryCode(Category c);
// nullopt for a name that is not a report category.
std::optional<Category> categoryFromCode(std::string_view code);
// "general_fault", "major_fault", "new_installation", "service_restoration", "complaint".
const char* charterCategoryCode(CharterCategory c);
// nullopt for a name that is not a charter category.
std::optional<CharterCategory> charterCategoryFromCode(std::string_view code);

}  // namespace stb
