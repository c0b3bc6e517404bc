#pragma once
// The box's one message catalogue: every text the subtitle bar (through
// stb/wording.h) and the viewer's menu show, in Chinese (zho), Spanish (spa)
// and English (eng), by message id, with named placeholders ("{ticket}")
// filled in without printf. UTF-8 throughout.
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "stb/language.h"

namespace stb {

enum class Msg {
  // the bar's label: kind wording + time phrase
  kLabel,  // {kind} {when}
  kScheduledMaintenance,
  kScheduledOutage,
  kScheduledServiceChange,
  kScheduledEmergency,
  kScheduledInformation,
  kInProgressMaintenance,
  kInProgressOutage,
  kInProgressServiceChange,
  kInProgressEmergency,
  kInProgressInformation,
  kStartsInMinutes,  // {count}
  kStartsInHours,    // {count}
  kStartsInDays,     // {count}
  kUntil,            // {time}
  kUntilOneOClock,   // {time}
  kUntilDate,        // {time} {day} {month} or {month_name}
  kUntilDateOneOClock,
  // dates: a month as a number ({month}) or by name ({month_name})
  kDate,  // {year} {month} or {month_name} {day}
  kMonth1,
  kMonth2,
  kMonth3,
  kMonth4,
  kMonth5,
  kMonth6,
  kMonth7,
  kMonth8,
  kMonth9,
  kMonth10,
  kMonth11,
  kMonth12,
  // the bar's crawl text
  kTitledText,    // {title} {body}
  kSentenceEnd,   // {text}: a text that does not end a sentence, ended
  kContactPhone,  // {text} {phone}
  // fee reminders
  kFeeReminder,
  kFeeInDays,  // {count}
  kFeeTomorrow,
  kFeeToday,
  kFeeYesterday,
  kFeeDaysAgo,        // {count}
  kAmount,            // {amount} {currency}
  kAmountYuan,        // {amount}: an amount in CNY
  kHowToPay,          // {hotline}
  kFeePackagePaid,    // {package} {date} {amount}
  kFeePackageOver,    // {package} {date} {amount}
  kSubscriptionPaid,  // {date} {amount}
  kSubscriptionOver,  // {date} {amount}
  kFeeWithHowToPay,   // {reminder} {how_to_pay}

  // the menu
  // main menu
  kMainTitle,
  kMainReport,
  kMainNewInstallation,
  kMainRestoreService,
  kMainComplaint,
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
  kCatNewInstallation,
  kCatServiceRestoration,
  kCatComplaint,
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
  kConfirmRequestTitle,  // the same for a request that is not a fault
  kConfirmFault,         // {category} {severity}
  kRequestLine,          // {category}: a request that is not a fault
  kConfirmCallback,      // {callback}
  kConfirmNoCallback,
  kConfirmVisit,  // {visit}
  kConfirmDiagnostics,
  kConfirmBoxData,  // the same for a request that is not a fault
  kConfirmPrompt,
  // sending and result
  kSendingTitle,
  kSendingBody,
  kAcceptedTitle,
  kRequestAcceptedTitle,  // the same for a request that is not a fault
  kTicketLine,            // {ticket}
  kDeadlineLine,          // {deadline}: a fault fixed by
  kDeadlineInstalled,     // {deadline}
  kDeadlineRestored,      // {deadline}
  kDeadlineAnswered,      // {deadline}: a complaint
  // the charter's category of the ticket, from the central system's answer
  kCharterLine,  // {charter}
  kCharterGeneralFault,
  kCharterMajorFault,
  kCharterNewInstallation,
  kCharterServiceRestoration,
  kCharterComplaint,
  kHotlineLine,  // {hotline}
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

}  // namespace stb
