#pragma once
// Fee-expiry reminders from the box's own fee record: which local days carry
// a reminder, how many passes a day and how far apart, and the reminder's
// wording. Dates are compared in the box's local time.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dvb/mjd_time.h"
#include "dvb/notice/fee_batch.h"
#include "stb/crawl_request.h"
#include "stb/language.h"
#include "stb/viewing_hours.h"

namespace stb {

struct FeePolicy {
  std::vector<int> days_before{7, 3, 1,
                               0};  // reminder days before the last paid day (0 = that day)
  int grace_days = 7;               // then every day for this many days after it
  int max_per_day = 3;              // passes per local day
  int min_gap_minutes = 120;        // from the end of one pass to the start of the next
  std::map<std::string, std::string> how_to_pay;  // by languageCode; default: the hotline
};

// Days from the box's local today to the record's last paid day: 3 = expires
// in three days, 0 = today, -2 = two days ago.
int feeDaysLeft(const dvb::notice::FeeRecord& record, dvb::UtcSeconds now,
                int local_offset_minutes);
bool isReminderDay(const FeePolicy& policy, int days_left);

// The passes already shown, for the per-day limit and the gap.
struct FeePasses {
  int64_t local_day = 0;  // MJD of the local day `count` belongs to
  int count = 0;
  std::optional<dvb::UtcSeconds> last_end;

  void record(dvb::UtcSeconds end, int local_offset_minutes);
  int countOn(int64_t day) const { return day == local_day ? count : 0; }
};

// Whether a reminder pass may start now. Passes start only inside `hours`
// (a reminder is never urgent), on a reminder day, within the day's limit
// and gap.
bool feeDue(const FeePolicy& policy, const dvb::notice::FeeRecord& record, const FeePasses& passes,
            dvb::UtcSeconds now, int local_offset_minutes, const ViewingHours& hours);
// The earliest instant after `now` (or `now` itself when due) at which a pass
// may start; nullopt when no reminder day is left.
std::optional<dvb::UtcSeconds> feeNextDue(const FeePolicy& policy,
                                          const dvb::notice::FeeRecord& record,
                                          const FeePasses& passes, dvb::UtcSeconds now,
                                          int local_offset_minutes, const ViewingHours& hours);

// The reminder as the bar shows it (key "fee", style kFee), in `language`.
// how_to_pay (by languageCode) falls back to "call the hotline"; with
// neither, the sentence is left out.
CrawlRequest feeRequest(const FeePolicy& policy, const dvb::notice::FeeRecord& record,
                        Language language, const std::string& hotline, dvb::UtcSeconds now,
                        int local_offset_minutes);

}  // namespace stb
