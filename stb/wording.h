#pragma once
// What the bar says: the choice of a notice's text and the formatting of
// durations, times, dates and amounts, in words from the box's one catalogue
// (stb/catalogue.h). Everything is UTF-8; times are UTC plus the box's local
// offset.
#include <cstdint>
#include <string>
#include <vector>

#include "dvb/mjd_time.h"
#include "dvb/notice/notice.h"
#include "stb/language.h"

namespace stb {

// The notice text in the first preferred language it has, else its first
// text. Texts whose body is undecodable or empty are never chosen; nullptr
// when no text can be shown.
const dvb::notice::NoticeText* chooseText(const std::vector<dvb::notice::NoticeText>& texts,
                                          const std::vector<std::string>& preferred);

// The language to word a text in `text_language`: that language if the
// catalogue has it, else chooseLanguage(preferred). Pass "" for wording with
// no text of its own (fee reminders).
Language wordingLanguage(const std::string& text_language,
                         const std::vector<std::string>& preferred);

enum class NoticePhase { kScheduled, kInProgress };

// "starts in 5 h" / "5小时后开始" / "empieza en 5 h"; minutes below one hour
// (rounded up, never "0 min"), hours below 48 h (rounded), then days.
std::string formatStartsIn(Language language, int64_t seconds);
// "until 06:00" / "至06:00" / "hasta las 06:00", local time; the date is added
// when `end` falls on another local day than `now`.
std::string formatUntil(Language language, dvb::UtcSeconds end, dvb::UtcSeconds now,
                        int local_offset_minutes);

// The bar's label: kind wording for the phase + " · " + time phrase, e.g.
// "计划维护 · 5小时后开始", "Mantenimiento en curso · hasta las 06:00".
std::string noticeLabel(Language language, dvb::notice::NoticeKind kind, NoticePhase phase,
                        const dvb::notice::Notice& notice, dvb::UtcSeconds now,
                        int local_offset_minutes);

// Title + "：" (zho) or ": " + body, then the contact phone if any
// ("咨询电话 96123", "Información: 96123", "Info: 96123").
std::string noticeCrawlText(Language language, const dvb::notice::NoticeText& text,
                            const std::string& contact);

// Fee wording. days_left: days from the box's local today to the last paid
// day (3 = in three days, 0 = today, -2 = two days ago).
std::string feeLabel(Language language, int days_left);
// "26.00元" (zho, CNY), "26.00 CNY" (spa, eng); minor units
// by the currency's ISO 4217 exponent.
std::string formatAmount(Language language, uint32_t minor_units, const std::string& currency);
// "2026年12月5日", "5/12/2026", "5 Dec 2026".
std::string formatDate(Language language, int64_t mjd);
// "请拨打客服热线96123缴费。" / "Para pagar, llame al 96123." / "To pay, call the
// hotline 96123."; "" without a hotline.
std::string defaultHowToPay(Language language, const std::string& hotline);
// The reminder sentence: package (may be empty), last paid day, amount, how to pay (may be "").
std::string feeText(Language language, const std::string& package, int64_t paid_mjd, int days_left,
                    const std::string& amount, const std::string& how_to_pay);

}  // namespace stb
