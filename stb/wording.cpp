#include "stb/wording.h"

#include <algorithm>

#include "stb/catalogue.h"

namespace stb {

using dvb::notice::NoticeKind;

namespace {

// Kind wording, indexed by NoticeKind - 1.
constexpr Msg kScheduled[5] = {Msg::kScheduledMaintenance, Msg::kScheduledOutage,
                               Msg::kScheduledServiceChange, Msg::kScheduledEmergency,
                               Msg::kScheduledInformation};
constexpr Msg kInProgress[5] = {Msg::kInProgressMaintenance, Msg::kInProgressOutage,
                                Msg::kInProgressServiceChange, Msg::kInProgressEmergency,
                                Msg::kInProgressInformation};

// A count as the catalogue shows it, in the range of an int.
std::string count(int64_t value) {
  return std::to_string(static_cast<int>(value));
}

std::string twoDigits(int64_t v) {
  return (v < 10 ? "0" : "") + std::to_string(v);
}

// Every way the catalogue writes one day: {day}, {month}, {month_name}, {year}.
Args dateArgs(Language language, const dvb::CivilDate& d) {
  const Msg month = static_cast<Msg>(static_cast<int>(Msg::kMonth1) + d.month - 1);
  return {{"day", std::to_string(d.day)},
          {"month", std::to_string(d.month)},
          {"month_name", text(language, month)},
          {"year", std::to_string(d.year)}};
}

bool endsSentence(const std::string& s) {
  static const char* const kEnds[] = {".", "!", "?", "。", "！", "？", "…"};
  for (const char* e : kEnds) {
    const std::string end(e);
    if (s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0) {
      return true;
    }
  }
  return false;
}

int currencyExponent(const std::string& currency) {
  static const char* const kZero[] = {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW",
                                      "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"};
  static const char* const kThree[] = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"};
  for (const char* c : kZero) {
    if (currency == c) return 0;
  }
  for (const char* c : kThree) {
    if (currency == c) return 3;
  }
  return 2;
}

}  // namespace

const dvb::notice::NoticeText* chooseText(const std::vector<dvb::notice::NoticeText>& texts,
                                          const std::vector<std::string>& preferred) {
  auto usable = [](const dvb::notice::NoticeText& t) {
    return !t.body.undecodable && !t.body.utf8.empty();
  };
  for (const std::string& want : preferred) {
    for (const auto& t : texts) {
      if (usable(t) && sameLanguage(t.language, want)) return &t;
    }
  }
  for (const auto& t : texts) {
    if (usable(t)) return &t;
  }
  return nullptr;
}

Language wordingLanguage(const std::string& text_language,
                         const std::vector<std::string>& preferred) {
  return languageOf(text_language).value_or(chooseLanguage(preferred));
}

std::string formatStartsIn(Language language, int64_t seconds) {
  const int64_t minutes = std::max<int64_t>(1, (seconds + 59) / 60);
  if (minutes < 60) return format(language, Msg::kStartsInMinutes, {{"count", count(minutes)}});
  const int64_t hours = (minutes + 30) / 60;
  if (hours < 48) return format(language, Msg::kStartsInHours, {{"count", count(hours)}});
  return format(language, Msg::kStartsInDays, {{"count", count((hours + 12) / 24)}});
}

std::string formatUntil(Language language, dvb::UtcSeconds end, dvb::UtcSeconds now,
                        int local_offset_minutes) {
  const int64_t offset = int64_t{local_offset_minutes} * 60;
  const int64_t local_end = end + offset;
  const int64_t day = dvb::mjdOfUtc(local_end);
  const int64_t minute_of_day = (local_end - dvb::utcOfMjd(day)) / 60;
  const int64_t hh = minute_of_day / 60;
  const bool one_o_clock = hh == 1;
  Args args = {{"time", twoDigits(hh) + ":" + twoDigits(minute_of_day % 60)}};
  if (day == dvb::mjdOfUtc(now + offset)) {
    return format(language, one_o_clock ? Msg::kUntilOneOClock : Msg::kUntil, args);
  }
  const Args date = dateArgs(language, dvb::civilFromMjd(day));
  args.insert(args.end(), date.begin(), date.end());
  return format(language, one_o_clock ? Msg::kUntilDateOneOClock : Msg::kUntilDate, args);
}

std::string noticeLabel(Language language, NoticeKind kind, NoticePhase phase,
                        const dvb::notice::Notice& notice, dvb::UtcSeconds now,
                        int local_offset_minutes) {
  int index = static_cast<int>(kind) - 1;
  if (index < 0 || index > 4) index = static_cast<int>(NoticeKind::kInformation) - 1;
  if (phase == NoticePhase::kScheduled) {
    return format(language, Msg::kLabel,
                  {{"kind", text(language, kScheduled[index])},
                   {"when", formatStartsIn(language, notice.start - now)}});
  }
  return format(language, Msg::kLabel,
                {{"kind", text(language, kInProgress[index])},
                 {"when", formatUntil(language, notice.end, now, local_offset_minutes)}});
}

std::string noticeCrawlText(Language language, const dvb::notice::NoticeText& text,
                            const std::string& contact) {
  std::string out = text.body.utf8;
  if (!text.title.undecodable && !text.title.utf8.empty()) {
    out = format(language, Msg::kTitledText, {{"title", text.title.utf8}, {"body", out}});
  }
  if (contact.empty()) return out;
  if (!endsSentence(out)) out = format(language, Msg::kSentenceEnd, {{"text", out}});
  return format(language, Msg::kContactPhone, {{"text", out}, {"phone", contact}});
}

std::string feeLabel(Language language, int days_left) {
  std::string when;
  if (days_left > 1) {
    when = format(language, Msg::kFeeInDays, {{"count", count(days_left)}});
  } else if (days_left == 1) {
    when = text(language, Msg::kFeeTomorrow);
  } else if (days_left == 0) {
    when = text(language, Msg::kFeeToday);
  } else if (days_left == -1) {
    when = text(language, Msg::kFeeYesterday);
  } else {
    when = format(language, Msg::kFeeDaysAgo, {{"count", count(-int64_t{days_left})}});
  }
  return format(language, Msg::kLabel,
                {{"kind", text(language, Msg::kFeeReminder)}, {"when", when}});
}

std::string formatAmount(Language language, uint32_t minor_units, const std::string& currency) {
  const int exponent = currencyExponent(currency);
  uint32_t scale = 1;
  for (int i = 0; i < exponent; ++i) scale *= 10;
  std::string number = std::to_string(minor_units / scale);
  if (exponent > 0) {
    std::string fraction = std::to_string(minor_units % scale);
    fraction.insert(0, exponent - fraction.size(), '0');
    number += "." + fraction;
  }
  if (currency == "CNY") return format(language, Msg::kAmountYuan, {{"amount", number}});
  return format(language, Msg::kAmount, {{"amount", number}, {"currency", currency}});
}

std::string formatDate(Language language, int64_t mjd) {
  return format(language, Msg::kDate, dateArgs(language, dvb::civilFromMjd(mjd)));
}

std::string defaultHowToPay(Language language, const std::string& hotline) {
  if (hotline.empty()) return "";
  return format(language, Msg::kHowToPay, {{"hotline", hotline}});
}

std::string feeText(Language language, const std::string& package, int64_t paid_mjd, int days_left,
                    const std::string& amount, const std::string& how_to_pay) {
  const bool over = days_left < 0;
  Msg id = over ? Msg::kSubscriptionOver : Msg::kSubscriptionPaid;
  if (!package.empty()) id = over ? Msg::kFeePackageOver : Msg::kFeePackagePaid;
  std::string reminder =
      format(language, id,
             {{"package", package}, {"date", formatDate(language, paid_mjd)}, {"amount", amount}});
  if (how_to_pay.empty()) return reminder;
  return format(language, Msg::kFeeWithHowToPay,
                {{"reminder", reminder}, {"how_to_pay", how_to_pay}});
}

}  // namespace stb
