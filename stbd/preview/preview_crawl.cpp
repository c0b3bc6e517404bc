#include "stbd/preview/preview_crawl.h"

#include <map>

#include "stb/crawl_policy.h"
#include "stb/scheduler.h"
#include "stb/wording.h"
#include "stbd/config.h"
#include "stbd/daemon_config.h"

namespace stbd::preview {

std::vector<PreviewMoment> previewMoments(const dvb::notice::Notice& notice) {
  return {{"ahead", stb::windowOpens(notice)}, {"live", notice.start}};
}

std::optional<stb::CrawlRequest> crawlAt(const dvb::notice::Notice& notice,
                                         const std::string& language, dvb::UtcSeconds now) {
  const StbdConfig defaults;
  stb::DaemonOptions box = daemonOptionsFrom(defaults);
  box.schedule.viewing_hours = stb::ViewingHours::wholeDay();
  stb::Scheduler scheduler(box.schedule, box.fee, {language});
  // The id and revision only tell crawls apart; the body carries neither.
  const std::map<uint32_t, stb::HeldNotice> held{{1, stb::HeldNotice{1, 1, notice}}};
  stb::SchedulerInputs in;
  in.notices = &held;
  in.now = now;
  in.local_offset_minutes = box.fallback_offset_minutes;
  in.service_on_screen = true;
  return scheduler.current(in);
}

std::string shownTextLanguage(const dvb::notice::Notice& notice, const std::string& language) {
  const dvb::notice::NoticeText* text = stb::chooseText(notice.texts, {language});
  return text ? text->language : "";
}

}  // namespace stbd::preview
