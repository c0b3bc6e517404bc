#include "stb/fee_reminder.h"

#include <algorithm>

#include "stb/wording.h"

namespace stb {

namespace {

int64_t localDay(dvb::UtcSeconds t, int local_offset_minutes) {
  return dvb::mjdOfUtc(t + int64_t{local_offset_minutes} * 60);
}

// The UTC instant the local day `mjd` begins.
dvb::UtcSeconds localMidnight(int64_t mjd, int local_offset_minutes) {
  return dvb::utcOfMjd(mjd) - int64_t{local_offset_minutes} * 60;
}

}  // namespace

int feeDaysLeft(const dvb::notice::FeeRecord& record, dvb::UtcSeconds now,
                int local_offset_minutes) {
  // paid_until names a date (midnight UTC), not an instant: its day is the
  // same in every zone.
  return static_cast<int>(dvb::mjdOfUtc(record.paid_until) - localDay(now, local_offset_minutes));
}

bool isReminderDay(const FeePolicy& policy, int days_left) {
  if (days_left < 0) return -days_left <= policy.grace_days;
  return std::find(policy.days_before.begin(), policy.days_before.end(), days_left) !=
         policy.days_before.end();
}

void FeePasses::record(dvb::UtcSeconds end, int local_offset_minutes) {
  const int64_t day = localDay(end, local_offset_minutes);
  count = countOn(day) + 1;
  local_day = day;
  last_end = end;
}

bool feeDue(const FeePolicy& policy, const dvb::notice::FeeRecord& record, const FeePasses& passes,
            dvb::UtcSeconds now, int local_offset_minutes, const ViewingHours& hours) {
  const auto next = feeNextDue(policy, record, passes, now, local_offset_minutes, hours);
  return next && *next <= now;
}

std::optional<dvb::UtcSeconds> feeNextDue(const FeePolicy& policy,
                                          const dvb::notice::FeeRecord& record,
                                          const FeePasses& passes, dvb::UtcSeconds now,
                                          int local_offset_minutes, const ViewingHours& hours) {
  const int64_t today = localDay(now, local_offset_minutes);
  const int64_t gap = int64_t{policy.min_gap_minutes} * 60;
  // Reminder days run from the earliest of days_before to the end of grace.
  const int64_t paid_day = dvb::mjdOfUtc(record.paid_until);
  int earliest_before = 0;
  for (int d : policy.days_before) earliest_before = std::max(earliest_before, d);
  for (int64_t day = std::max(today, paid_day - earliest_before);
       day <= paid_day + policy.grace_days; ++day) {
    if (!isReminderDay(policy, static_cast<int>(paid_day - day))) continue;
    if (passes.countOn(day) >= policy.max_per_day) continue;
    dvb::UtcSeconds at = std::max(now, localMidnight(day, local_offset_minutes));
    if (passes.last_end) at = std::max(at, *passes.last_end + gap);
    at = nextViewingStart(hours, at, local_offset_minutes);
    if (localDay(at, local_offset_minutes) == day) return at;
  }
  return std::nullopt;
}

CrawlRequest feeRequest(const FeePolicy& policy, const dvb::notice::FeeRecord& record,
                        Language language, const std::string& hotline, dvb::UtcSeconds now,
                        int local_offset_minutes) {
  const int days_left = feeDaysLeft(record, now, local_offset_minutes);
  const auto how = policy.how_to_pay.find(languageCode(language));
  const std::string how_to_pay =
      how != policy.how_to_pay.end() ? how->second : defaultHowToPay(language, hotline);
  const std::string package = record.package.undecodable ? "" : record.package.utf8;
  CrawlRequest r;
  r.key = "fee";
  r.view.style = stb::SubtitleBarView::Style::kFee;
  r.view.label = feeLabel(language, days_left);
  r.view.text = feeText(language, package, dvb::mjdOfUtc(record.paid_until), days_left,
                        formatAmount(language, record.amount_due, record.currency), how_to_pay);
  return r;
}

}  // namespace stb
