#pragma once
// The menu's message catalogue: every text the viewer's menu shows, in
// Chinese (zho), Spanish (spa) and English (eng), by message id, with named
// placeholders ("{ticket}") filled in without printf. UTF-8 throughout.
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace stb::menu {

enum class Language { kZho, kSpa, kEng };
inline constexpr int kLanguageCount = 3;

// "zho", "spa", "eng".
const char* languageCode(Language language);

// The first language of PREFERRED the catalogue has (ISO 639-2/B and /T and
// 639-1 codes, any case: "chi", "zho", "zh", "spa", "es", "eng", "en"), else
// English.
Language chooseLanguage(const std::vector<std::string>& preferred);

enum class Msg {
  // main menu
  kMainTitle,
  kMainReport,
  kMainMyReports,
  kMainServiceInfo,
  kMainClose,
  // key hints
  kFooterMain,
  kFooterList,
  kFooterInput,
  kFooterConfirm,
  kFooterSending,
  kFooterResult,
  kFooterScore,
  kFooterInfo,
  // generic
  kYes,
  kNo,
  kNotAvailable,
  // known outage
  kOutageTitle,
  kOutageBody,  // {until}
  kOutageAsk,
  // categories
  kCategoryTitle,
  kCatNoPicture,
  kCatMosaic,
  kCatNoSound,
  kCatChannelsMissing,
  kCatSmartcard,
  kCatBoxFault,
  kCatRemote,
  kCatBilling,
  kCatOther,
  kSeverityGeneral,
  kSeverityMajor,
  // callback number
  kCallbackTitle,
  kCallbackPrompt,
  kCallbackLabel,
  kCallbackError,
  // visit period
  kVisitTitle,
  kVisitMorning,
  kVisitAfternoon,
  kVisitEvening,
  kVisitAnyTime,
  // confirmation
  kConfirmTitle,
  kConfirmFault,     // {category} {severity}
  kConfirmCallback,  // {callback}
  kConfirmNoCallback,
  kConfirmVisit,  // {visit}
  kConfirmDiagnostics,
  kConfirmPrompt,
  // sending and result
  kSendingTitle,
  kSendingBody,
  kAcceptedTitle,
  kTicketLine,    // {ticket}
  kDeadlineLine,  // {deadline}
  kHotlineLine,   // {hotline}
  kQueuedTitle,
  kQueuedBody,
  kQueuedCall,  // {hotline}
  // my reports
  kReportsTitle,
  kReportsEmpty,
  kReportsNoTicket,
  kReportRow,          // {ticket} {category}
  kReportDetailTitle,  // {ticket}
  kStatusLine,         // {status}
  kStatusWaitingToSend,
  kStatusSent,
  kStatusAccepted,
  kStatusTechnicianAssigned,
  kStatusResolved,
  kStatusClosed,
  // service info
  kInfoHotline,          // {value}
  kInfoSupervision,      // {value}
  kInfoOffice,           // {value}
  kInfoOfficePhone,      // {value}
  kInfoTechnician,       // {value}
  kInfoTechnicianStaff,  // {value}
  // return visit
  kReturnTitle,  // {ticket}
  kReturnFixedQuestion,
  kReturnScoreQuestion,
  kScore5,
  kScore4,
  kScore3,
  kScore2,
  kScore1,
  kScoreError,
  kReturnThanksTitle,
  kReturnThanksBody,
  // the box's flash is unusable: reports live in memory only
  kStorageWarning,
  // a report whose category of fault the central system has not given yet
  kFaultLine,  // {category}

  kCount  // not a message
};
inline constexpr int kMsgCount = static_cast<int>(Msg::kCount);

// The text of ID in LANGUAGE, placeholders left as they are; "" only when the
// catalogue lacks it (a test makes sure it never does).
std::string text(Language language, Msg id);

using Args = std::vector<std::pair<std::string, std::string>>;
// text() with every "{name}" of ARGS replaced by its value. Values are
// inserted literally (a "{" in a value is never expanded); unknown
// placeholders stay as they are.
std::string format(Language language, Msg id, const Args& args);
// The same substitution on any template.
std::string substitute(const std::string& templ, const Args& args);

// The placeholder names in TEMPL, in order of appearance, e.g. {"ticket"}.
std::vector<std::string> placeholders(const std::string& templ);

// For tests: the raw catalogue entry, nullptr when missing, and whether the
// table holds every id exactly once in order.
const char* rawText(Language language, Msg id);
bool catalogueInOrder();

}  // namespace stb::menu
