#include "stbd/fault_reporting.h"

#include <fcntl.h>
#include <sys/random.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

#include "platform/box/simulated_tuner.h"
#include "stb/menu/report_body.h"
#include "stb/menu/report_summary.h"
#include "stb/menu/service_on_screen.h"
#include "stb/return_visits.h"

namespace stbd {
namespace {

constexpr int64_t kAnswerWaitMs = 5000;  // then "waiting to send"
constexpr int64_t kAnswerCheckMs = 200;

ssize_t systemGetrandom(void* buf, size_t len) {
  return getrandom(buf, len, 0);
}

// For kernels without getrandom (before 3.17) or a seccomp filter that
// refuses it: the same kernel CSPRNG through the file.
ssize_t readDevUrandom(void* buf, size_t len) {
  const int fd = ::open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  const ssize_t n = ::read(fd, buf, len);
  const int saved = errno;
  ::close(fd);
  errno = saved;
  return n;
}

}  // namespace

KernelRandom::KernelRandom() : KernelRandom(systemGetrandom, readDevUrandom) {}

KernelRandom::KernelRandom(Fill getrandom_fn, Fill urandom_fn)
    : getrandom_(std::move(getrandom_fn)), urandom_(std::move(urandom_fn)) {}

std::optional<uint64_t> KernelRandom::readFrom(const Fill& fill, const char* name,
                                               std::string* why) {
  // A signal (EINTR) or a short read is worth another try, a few times;
  // anything else (ENOSYS, EPERM from seccomp) will not change by retrying.
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    uint64_t v = 0;
    errno = 0;
    const ssize_t n = fill(&v, sizeof v);
    if (n == static_cast<ssize_t>(sizeof v)) return v;
    if (n < 0 && errno != EINTR && errno != EAGAIN) {
      *why = std::string(name) + ": " + std::strerror(errno);
      return std::nullopt;
    }
    *why = std::string(name) + ": " +
           (n < 0 ? std::strerror(errno) : std::to_string(n) + " of 8 bytes") + " " +
           std::to_string(kAttempts) + " times";
  }
  return std::nullopt;
}

std::optional<uint64_t> KernelRandom::nextStrong(std::string* error) {
  std::string first, second;
  if (const auto v = readFrom(getrandom_, "getrandom", &first)) return v;
  if (const auto v = readFrom(urandom_, "/dev/urandom", &second)) return v;
  if (error) *error = "no kernel randomness: " + first + "; " + second;
  return std::nullopt;
}

uint64_t KernelRandom::next() {
  std::string ignored;
  if (const auto v = nextStrong(&ignored)) return *v;
  // Backoff jitter only needs to differ between boxes and attempts, not to
  // be unguessable: the clock through splitmix64. Report ids never come
  // from here (nextStrong refuses instead).
  uint64_t z = static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) +
               (++fallback_counter_ * 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

void RecentLog::write(stb::LogLevel level, const std::string& message) {
  inner_.write(level, message);
  if (level > stb::LogLevel::kWarning) return;
  lines_.push_back(std::string(stb::logLevelName(level)) + ": " + message.substr(0, 200));
  if (lines_.size() > keep_) lines_.pop_front();
}

FaultReporting::FaultReporting(const StbdConfig& config, stb::OutboxStore& store,
                               platform::EventLoop& loop, const stb::BoxStatus& box, RecentLog& log)
    : loop_(loop),
      box_(box),
      log_(log),
      started_ms_(loop.clock().nowMs()),
      store_(store),
      random_(std::make_unique<KernelRandom>()) {
  std::string error;
  stb::OutboxPolicy policy;
  policy.max_reports = config.outbox_max;
  outbox_ = std::make_unique<stb::Outbox>(&store_, random_.get(), policy);
  if (!outbox_->load(&error)) log_.error("fault outbox: " + error);
  if (config.central_url.empty()) {
    log_.info("fault reports: no [central] url configured; reports wait in the outbox");
    return;
  }
  platform::CentralClientConfig c;
  c.base_url = config.central_url;
  c.cert_file = config.client_cert;
  c.key_file = config.client_key;
  c.ca_file = config.central_ca;
  client_ = platform::CentralClient::create(&loop_, c, &error);
  if (!client_) {
    log_.error("central system: " + error + "; reports wait in the outbox");
    return;
  }
  sender_ = std::make_unique<stb::ReportSender>(outbox_.get(), client_.get(), &loop_.clock(), &log_,
                                                [this](std::optional<int64_t> due) {
                                                  // A request just finished (or none
                                                  // was due): a poll may have found a
                                                  // ticket resolved.
                                                  refreshReports();
                                                  if (timer_) loop_.cancel(timer_);
                                                  timer_ = 0;
                                                  if (!due) return;
                                                  timer_ = loop_.addTimer(*due, [this] {
                                                    timer_ = 0;
                                                    sender_->run();
                                                    refreshReports();
                                                  });
                                                });
}

FaultReporting::~FaultReporting() {
  sender_.reset();
  client_.reset();
  if (timer_) loop_.cancel(timer_);
  if (answer_timer_) loop_.cancel(answer_timer_);
}

void FaultReporting::attach(stb::menu::MenuController& menu) {
  menu_ = &menu;
  // The box does not know the operator's classes of fault: only the
  // central system's answer says (the result page, My reports).
  stb::menu::SeverityPolicy unknown;
  unknown.shown = false;
  menu.menu().setSeverityPolicy(unknown);
  menu.setReportHandler([this](const stb::menu::ReportRequest& r) { onReport(r); });
  menu.setReturnVisitHandler([this](const stb::menu::ReturnVisitAnswer& a) { onReturnVisit(a); });
  std::string error;
  for (const std::string& id : stb::staleReturnVisits(outbox_->items()))
    if (!outbox_->forget(id, &error)) log_.warning("fault outbox: " + id + ": " + error);
  refreshReports();
}

void FaultReporting::onReturnVisit(const stb::menu::ReturnVisitAnswer& a) {
  // Never asked again in this run, whatever happens below.
  answered_.insert(a.ticket);
  std::string error;
  const int64_t now = loop_.clock().nowMs();
  if (!outbox_->enqueueReturnVisit(a.ticket, a.fixed, a.score, now, &error)) {
    log_.error("return visit " + a.ticket + ": " + error);
    return;
  }
  log_.info("return visit for ticket " + a.ticket + " stored in the outbox (fixed " +
            (a.fixed ? "yes" : "no") + ", score " + std::to_string(a.score) + ")");
  if (sender_) sender_->run();
}

void FaultReporting::start() {
  outbox_->resume(loop_.clock().nowMs());
  const auto& items = outbox_->items();
  const auto waiting = std::count_if(
      items.begin(), items.end(), [](const stb::OutboxReport& r) { return r.state == "waiting"; });
  if (waiting > 0)
    log_.info("fault outbox: " + std::to_string(waiting) + " item(s) waiting to be sent");
  if (sender_) sender_->run();
}

void FaultReporting::refreshReports() {
  if (!menu_) return;
  menu_->menu().setReports(stb::menu::reportSummaries(outbox_->items(), box_.localOffsetMinutes()));
  menu_->setReturnVisitsDue(stb::returnVisitsDue(outbox_->items(), answered_));
}

void FaultReporting::onReport(const stb::menu::ReportRequest& request) {
  const std::string hotline = box_.directory() ? box_.directory()->hotline : "";
  stb::menu::Diagnostics d;
  d.software_version = STB_VERSION;
  d.uptime_s = (loop_.clock().nowMs() - started_ms_) / 1000;
  d.tuner = tunerFigures();
  const stb::StreamHealthFigures health = box_.streamHealth();
  d.packets = health.packets;
  d.continuity_errors = health.continuity_errors;
  d.crc_errors = health.crc_errors;
  d.service = stb::menu::serviceOnScreen(box_.pat(), box_.sdt());
  for (const auto& [id, held] : box_.heldNotices()) d.active_notices.push_back(id);
  d.last_errors = log_.recent();
  const dvb::UtcSeconds created = box_.utcNow().value_or(0);
  const std::string body = stb::menu::reportBodyJson(request, box_.boxIdentity(), created, d);

  std::string error;
  const std::optional<std::string> id =
      outbox_->enqueue(body, stb::categoryCode(request.category), loop_.clock().nowMs(), &error);
  if (!id) {
    // Not stored: the viewer must not be told it will be sent.
    log_.error("fault report not accepted: " + error);
    menu_->menu().onReportQueued(hotline);
    return;
  }
  log_.info("fault report " + *id + " stored in the outbox (" +
            stb::categoryCode(request.category) + ")");
  refreshReports();
  if (!sender_) {
    menu_->menu().onReportQueued(hotline);
    return;
  }
  sender_->run();
  // Show the ticket if the central system answers soon; else "waiting to send".
  awaitAnswer(*id, loop_.clock().nowMs() + kAnswerWaitMs, hotline);
}

stb::menu::TunerFigures FaultReporting::tunerFigures() {
  stb::menu::TunerFigures f;
  platform::box::SimulatedTuner simulated;
  platform::box::Tuner& tuner = tuner_ ? *tuner_ : simulated;
  f.source = tuner.describe();
  std::string error;
  const std::optional<platform::box::TunerStatus> status = tuner.readStatus(&error);
  if (!status) {
    f.error = error.empty() ? "cannot read the tuner" : error;
    return f;
  }
  f.locked = status->locked;
  f.signal_dbm = status->signal_dbm;
  f.signal_percent = status->signal_percent;
  f.snr_db = status->snr_db;
  f.snr_percent = status->snr_percent;
  f.ber_pre_fec = status->ber_pre_fec;
  f.ber_post_fec = status->ber_post_fec;
  return f;
}

void FaultReporting::awaitAnswer(const std::string& report_id, int64_t give_up,
                                 const std::string& hotline) {
  refreshReports();
  for (const stb::OutboxReport& r : outbox_->items()) {
    if (r.report_id != report_id || r.state != "sent") continue;
    const std::string deadline = stb::menu::localDeadline(r.deadline, box_.localOffsetMinutes());
    const std::string shown_hotline = r.hotline.empty() ? hotline : r.hotline;
    if (menu_->menu().onReportAccepted(r.ticket, deadline, shown_hotline, stb::menu::severityOf(r),
                                       stb::menu::charterOf(r)))
      log_.info("menu: result page: ticket " + r.ticket + ", " +
                (r.severity.empty() ? "severity not given" : r.severity) + ", " +
                (r.charter_category.empty() ? "charter category not given" : r.charter_category) +
                ", due " + deadline + ", hotline " + shown_hotline);
    menu_->redraw();
    return;
  }
  if (loop_.clock().nowMs() >= give_up) {
    menu_->menu().onReportQueued(hotline);
    menu_->redraw();
    return;
  }
  answer_timer_ =
      loop_.addTimer(loop_.clock().nowMs() + kAnswerCheckMs, [this, report_id, give_up, hotline] {
        answer_timer_ = 0;
        awaitAnswer(report_id, give_up, hotline);
      });
}

void FaultReporting::flush(int timeout_ms) {
  if (!sender_) return;
  const int64_t end = loop_.clock().nowMs() + timeout_ms;
  std::string error;
  while (loop_.clock().nowMs() < end) {
    const std::optional<int64_t> next = outbox_->nextWakeMs();
    const bool sending =
        std::any_of(outbox_->items().begin(), outbox_->items().end(),
                    [](const stb::OutboxReport& r) { return r.state == "waiting"; });
    if (!sending || (next && *next > end)) break;
    if (!loop_.runOnce(100, &error)) break;
  }
}

}  // namespace stbd
