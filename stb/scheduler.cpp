#include "stb/scheduler.h"

#include <algorithm>
#include <utility>

namespace stb {

using dvb::notice::NoticeKind;
using Style = stb::SubtitleBarView::Style;

namespace {

const std::map<uint32_t, HeldNotice> kNoNotices;

const std::map<uint32_t, HeldNotice>& noticesOf(const SchedulerInputs& in) {
  return in.notices ? *in.notices : kNoNotices;
}

NoticePhase phaseAt(const dvb::notice::Notice& n, dvb::UtcSeconds now) {
  return now >= n.start ? NoticePhase::kInProgress : NoticePhase::kScheduled;
}

std::string noticeKey(uint32_t object_id) {
  return "notice:" + std::to_string(object_id);
}

bool isEmergency(const HeldNotice& h) {
  return h.notice.kind == NoticeKind::kEmergency;
}

CrawlRank rankOf(const HeldNotice& h) {
  return CrawlRank{crawlClassOf(h.notice.kind), h.notice.priority, h.notice.start, h.object_id};
}

}  // namespace

Style barStyleOf(NoticeKind kind) {
  switch (kind) {
    case NoticeKind::kUnplannedOutage:
      return Style::kOutage;
    case NoticeKind::kPlannedMaintenance:
      return Style::kMaintenance;
    case NoticeKind::kServiceChange:
      return Style::kServiceChange;
    case NoticeKind::kEmergency:
      return Style::kEmergency;
    case NoticeKind::kInformation:
      break;
  }
  return Style::kInformation;
}

Scheduler::Scheduler(SchedulePolicy schedule, FeePolicy fee, std::vector<std::string> languages)
    : schedule_(std::move(schedule)),
      fee_policy_(std::move(fee)),
      languages_(std::move(languages)) {}

std::optional<dvb::UtcSeconds> Scheduler::noticeNextDue(const HeldNotice& held,
                                                        dvb::UtcSeconds now) const {
  const dvb::notice::Notice& n = held.notice;
  if (n.cancelled() || now >= n.end || !chooseText(n.texts, languages_)) return std::nullopt;
  const dvb::UtcSeconds opens = windowOpens(n);
  if (now < opens) return opens;
  const auto last = notice_passes_.find(held.object_id);
  if (last == notice_passes_.end() || last->second.revision != held.revision) return now;
  if (isEmergency(held)) {
    if (phaseAt(n, now) != last->second.phase) return now;
    dvb::UtcSeconds slot = emergencyNextPass(emergencyCrawlOf(schedule_, n),
                                             last->second.first_start, last->second.end);
    if (now < n.start) slot = std::min(slot, n.start);  // the start changes the words
    if (slot >= n.end) return std::nullopt;
    return std::max(slot, now);
  }
  // Walk the interval changes: a shorter interval (or the start, which
  // changes the wording) may make the notice due before the current slot.
  const std::vector<dvb::UtcSeconds> changes = intervalChanges(schedule_, n.kind, n.start, now);
  dvb::UtcSeconds t = now;
  for (size_t i = 0;; ++i) {
    if (phaseAt(n, t) != last->second.phase) return t;
    const dvb::UtcSeconds slot =
        std::max(t, last->second.end + passIntervalSeconds(schedule_, n.kind, n.start, t));
    if (i == changes.size() || slot < changes[i]) {
      if (slot >= n.end) return std::nullopt;
      return slot;
    }
    t = changes[i];
  }
}

std::optional<dvb::UtcSeconds> Scheduler::noticeNextStart(const HeldNotice& held,
                                                          const SchedulerInputs& in) const {
  const std::optional<dvb::UtcSeconds> due = noticeNextDue(held, in.now);
  const dvb::notice::Notice& n = held.notice;
  if (!due || isUrgent(n, *due)) return due;
  std::optional<dvb::UtcSeconds> start;
  if (in.service_on_screen)
    start = nextViewingStart(schedule_.viewing_hours, *due, in.local_offset_minutes);
  // An unplanned outage is urgent from its start, whatever the hour.
  if (n.kind == NoticeKind::kUnplannedOutage && (!start || n.start < *start)) start = n.start;
  if (!start || *start >= n.end) return std::nullopt;
  return start;
}

bool Scheduler::emergencyContinuousAt(const HeldNotice& held, dvb::UtcSeconds now) const {
  if (!isEmergency(held)) return false;
  const auto last = notice_passes_.find(held.object_id);
  if (last == notice_passes_.end() || last->second.revision != held.revision) return true;
  return emergencyContinuous(emergencyCrawlOf(schedule_, held.notice), last->second.first_start,
                             now);
}

bool Scheduler::stillValid(const Running& r, const SchedulerInputs& in) const {
  // Nothing to lay a crawl over: only an urgent one stays.
  if (!r.urgent && !in.service_on_screen) return false;
  if (r.key == "fee") {
    return in.fee &&
           isReminderDay(fee_policy_, feeDaysLeft(*in.fee, in.now, in.local_offset_minutes));
  }
  const auto& notices = noticesOf(in);
  const auto it = notices.find(r.object_id);
  return it != notices.end() && it->second.revision == r.revision &&
         !it->second.notice.cancelled() && inWindow(it->second.notice, in.now);
}

Scheduler::Running Scheduler::startNotice(const HeldNotice& held, const SchedulerInputs& in) const {
  const dvb::notice::Notice& n = held.notice;
  const dvb::notice::NoticeText* text = chooseText(n.texts, languages_);  // checked by the caller
  const Language language = wordingLanguage(text->language, languages_);
  Running r;
  r.key = noticeKey(held.object_id);
  r.object_id = held.object_id;
  r.revision = held.revision;
  r.phase = phaseAt(n, in.now);
  r.started = in.now;
  r.urgent = isUrgent(n, in.now);
  r.request.key = r.key;
  r.request.emergency = isEmergency(held);
  r.request.view.style = barStyleOf(n.kind);
  r.request.view.label = noticeLabel(language, n.kind, r.phase, n, in.now, in.local_offset_minutes);
  r.request.view.text = noticeCrawlText(language, *text, n.contact);
  return r;
}

std::optional<Scheduler::Running> Scheduler::bestDue(const SchedulerInputs& in,
                                                     Candidates which) const {
  const HeldNotice* best = nullptr;
  for (const auto& [id, held] : noticesOf(in)) {
    if (which != Candidates::kAll && !isEmergency(held)) continue;
    if (which == Candidates::kPreempting && !emergencyContinuousAt(held, in.now)) continue;
    const auto due = noticeNextStart(held, in);
    if (!due || *due > in.now) continue;
    if (!best || ranksBefore(rankOf(held), rankOf(*best))) best = &held;
  }
  const bool fee_due = which == Candidates::kAll && in.fee && in.service_on_screen &&
                       feeDue(fee_policy_, *in.fee, fee_passes_, in.now, in.local_offset_minutes,
                              schedule_.viewing_hours);
  if (fee_due && (!best || ranksBefore(CrawlRank{CrawlClass::kFee, 0, 0, 0}, rankOf(*best)))) {
    Running r;
    r.key = "fee";
    r.request = feeRequest(fee_policy_, *in.fee, chooseLanguage(languages_), in.hotline, in.now,
                           in.local_offset_minutes);
    return r;
  }
  if (!best) return std::nullopt;
  return startNotice(*best, in);
}

std::optional<CrawlRequest> Scheduler::current(const SchedulerInputs& in) {
  local_offset_minutes_ = in.local_offset_minutes;
  const auto& notices = noticesOf(in);
  for (auto it = notice_passes_.begin(); it != notice_passes_.end();) {
    it = notices.count(it->first) ? std::next(it) : notice_passes_.erase(it);
  }
  if (running_ && !stillValid(*running_, in)) running_.reset();
  if (running_ && running_->request.emergency) return running_->request;
  // A running crawl gives way only to an emergency in its continuous period;
  // the menu hides all but emergencies.
  const Candidates which = menu_open_ ? Candidates::kEmergencies
                           : running_ ? Candidates::kPreempting
                                      : Candidates::kAll;
  if (auto next = bestDue(in, which)) running_ = std::move(next);
  if (!running_) return std::nullopt;
  return running_->request;
}

void Scheduler::recordPass(dvb::UtcSeconds now) {
  if (running_->key == "fee") {
    fee_passes_.record(now, local_offset_minutes_);
  } else {
    LastPass pass{now, running_->revision, running_->phase, running_->started};
    const auto before = notice_passes_.find(running_->object_id);
    if (before != notice_passes_.end() && before->second.revision == running_->revision)
      pass.first_start = before->second.first_start;
    notice_passes_[running_->object_id] = pass;
  }
  running_.reset();
}

void Scheduler::passFinished(dvb::UtcSeconds now) {
  if (running_) recordPass(now);
}

bool Scheduler::dismiss(dvb::UtcSeconds now) {
  if (!running_ || running_->request.emergency) return false;
  recordPass(now);
  return true;
}

void Scheduler::setMenuOpen(bool open) {
  menu_open_ = open;
  if (open && running_ && !running_->request.emergency) running_.reset();
}

std::optional<dvb::UtcSeconds> Scheduler::nextChange(const SchedulerInputs& in) const {
  std::optional<dvb::UtcSeconds> earliest;
  auto consider = [&](std::optional<dvb::UtcSeconds> t) {
    if (t && (!earliest || *t < *earliest)) earliest = std::max(*t, in.now);
  };
  const auto& notices = noticesOf(in);
  Candidates which = menu_open_ ? Candidates::kEmergencies : Candidates::kAll;
  if (running_) {
    if (!stillValid(*running_, in)) return in.now;
    // The running crawl ends by its pass, by the end of its window or, for a
    // fee reminder, by the end of the local day.
    if (running_->key == "fee") {
      const int64_t offset = int64_t{in.local_offset_minutes} * 60;
      consider(dvb::utcOfMjd(dvb::mjdOfUtc(in.now + offset) + 1) - offset);
    } else {
      consider(notices.at(running_->object_id).notice.end);
    }
    if (running_->request.emergency) return earliest;
    which = Candidates::kPreempting;
  }
  for (const auto& [id, held] : notices) {
    if (which != Candidates::kAll && !isEmergency(held)) continue;
    const std::optional<dvb::UtcSeconds> t = noticeNextStart(held, in);
    if (which == Candidates::kPreempting && t && !emergencyContinuousAt(held, *t)) continue;
    consider(t);
  }
  if (which == Candidates::kAll && in.fee && in.service_on_screen) {
    consider(feeNextDue(fee_policy_, *in.fee, fee_passes_, in.now, in.local_offset_minutes,
                        schedule_.viewing_hours));
  }
  return earliest;
}

}  // namespace stb
