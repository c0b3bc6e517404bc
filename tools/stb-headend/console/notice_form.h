#pragma once
// The console's notice form: its fields as posted, the notice JSON it stands
// for (the input format of `stb-notice build`, docs/notice.schema.json), and
// the problems of stb-notice's own validation (checkNotice) put back beside
// the field each one belongs to.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tools/stb-notice/input.h"
#include "tools/web/form.h"

namespace tools::headend::console {

// The languages of the form, in order: zho, spa, eng.
extern const char* const kFormLanguages[3];

struct NoticeForm {
  std::string kind = "planned_maintenance";
  std::string priority = "0";
  std::vector<std::string> areas;  // codes ticked from the operator's list
  std::string prefixes;            // typed area prefixes, separated by spaces or commas
  std::string nodes;               // node numbers, separated by spaces or commas
  std::string start, end;          // "YYYY-MM-DDThh:mm:ssZ"
  std::string lead_hours;          // "" = the protocol's default
  std::map<std::string, std::string> titles, bodies;  // by language
  std::string contact;

  static NoticeForm fromPost(const web::Form& form);
  // The form of a published notice (revise).
  static NoticeForm fromJson(const nlohmann::json& notice);
};

// The notice object of the input format, with ID and REVISION. Numbers
// that are not numbers stay strings, so that the validator names them.
nlohmann::json noticeJson(const NoticeForm& form, uint32_t id, uint32_t revision);

// Field name (as in the form: "kind", "areas", "title_spa", ...) -> the
// validator's reasons, from problems at paths within NOTICE (its texts say
// which language each $.texts[i] is).
using FieldErrors = std::map<std::string, std::vector<std::string>>;
FieldErrors fieldErrors(const std::vector<notice::FieldProblem>& problems,
                        const nlohmann::json& notice);

// Checks FORM as `stb-notice build` would: the object ready to sign, or
// nullopt with *errors by field.
std::optional<notice::ObjectInput> checkForm(const NoticeForm& form, uint32_t id, uint32_t revision,
                                             nlohmann::json* notice, FieldErrors* errors);

}  // namespace tools::headend::console
