#include "stbd/daemon_config.h"

namespace stbd {

stb::DaemonOptions daemonOptionsFrom(const StbdConfig& c) {
  stb::DaemonOptions o;
  o.box = c.box;
  o.country = c.country;
  o.region = c.region;
  o.fallback_offset_minutes = c.utc_offset_minutes;
  o.notice_pid = c.notice_pid;
  o.languages = c.languages;
  o.schedule.before_start = {{c.near_hours * 60, c.far_interval_minutes},
                             {c.final_minutes, c.near_interval_minutes},
                             {0, 0}};
  o.schedule.in_progress_every_minutes = c.in_progress_interval_minutes;
  o.schedule.information_every_minutes = c.information_interval_minutes;
  o.schedule.viewing_hours = c.viewing_hours;
  o.fee.days_before = c.fee_reminder_days;
  o.fee.grace_days = c.fee_grace_days;
  o.fee.max_per_day = c.fee_max_per_day;
  o.fee.min_gap_minutes = c.fee_min_gap_minutes;
  o.fee.how_to_pay = c.fee_how_to_pay;
  return o;
}

}  // namespace stbd
