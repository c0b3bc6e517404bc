#include "stb/daemon.h"

#include <cstdio>

#include "dvb/notice/signed_object.h"

namespace stb {
namespace {

std::string hexPid(uint16_t pid) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%04X", pid);
  return buf;
}

dvb::SiDemuxOptions demuxOptions(const DaemonOptions& o, const NoticeIntake& intake) {
  dvb::SiDemuxOptions d;
  d.nit = false;
  // The SDT names the service on screen for a fault report; it is decoded
  // only when its version changes.
  d.sdt = true;
  if (!o.notice_pid) d.follow_registration = dvb::notice::kRegistrationFormat;
  // The notice PID carries nothing else the box reads: intake says which of
  // its tables (object table_ids, this box's fee bucket) are worth gathering.
  d.gather = [&intake](uint16_t, uint8_t table_id, uint16_t extension) {
    return intake.wantsTable(table_id, extension);
  };
  return d;
}

}  // namespace

Daemon::Daemon(const MonotonicClock& mono, dvb::notice::KeyRing& keys, StateStore& store,
               BarOutput& bar, Log& log, DaemonOptions options, ReplayClock* replay)
    : mono_(mono),
      log_(log),
      bar_(bar),
      options_(std::move(options)),
      replay_(replay),
      clock_(mono, options_.country, options_.region),
      intake_(keys, store, options_.box, log),
      scheduler_(options_.schedule, options_.fee, options_.languages),
      demux_(*this, demuxOptions(options_, intake_)) {
  if (options_.notice_pid) demux_.addSectionPid(*options_.notice_pid);
}

void Daemon::start(dvb::UtcSeconds system_utc, bool system_synchronised) {
  clock_.onSystemTime(system_utc, system_synchronised);
  intake_.restore(clock_.utc());
  seen_generation_ = intake_.generation();
  log_.info("holding " + std::to_string(intake_.notices().size()) +
            " notice(s) from storage; clock " +
            (clock_.known() ? "from the synchronised system time" : "unknown until the first TDT"));
  update();
}

void Daemon::pushPacket(const uint8_t* packet) {
  demux_.pushPacket(packet);
}

void Daemon::pushSection(uint16_t pid, dvb::Section section) {
  demux_.pushSection(pid, std::move(section));
}

void Daemon::onPat(const dvb::Pat& pat) {
  const bool before = serviceOnScreen();
  pat_ = pat;
  if (serviceOnScreen() != before) update();
}

void Daemon::onSdt(const dvb::Sdt& sdt) {
  if (!sdt.actual) return;  // 0x46 describes other multiplexes
  const bool before = serviceOnScreen();
  sdt_ = sdt;
  if (serviceOnScreen() != before) update();
}

bool Daemon::serviceOnScreen() const {
  if (pat_) {
    for (const auto& p : pat_->programs)
      if (p.program_number != 0) return true;  // 0 is the network PID
    return false;
  }
  return sdt_ && !sdt_->services.empty();
}

void Daemon::onPmt(uint16_t pid, const dvb::Pmt& pmt) {
  if (announced_notice_pid_ || options_.notice_pid) return;
  const std::vector<uint16_t> pids = registeredStreams(pmt, dvb::notice::kRegistrationFormat);
  if (pids.empty()) {
    // Stream type 0x05 alone does not make the notice stream (docs/protocol.md
    // 1.1); said once, since a headend that left out the descriptor would
    // otherwise get no bar and no word why.
    for (const dvb::Pmt::Stream& s : pmt.streams) {
      if (s.stream_type != 0x05 || warned_unregistered_) continue;
      warned_unregistered_ = true;
      log_.warning("PID " + hexPid(s.elementary_pid) + " (program " +
                   std::to_string(pmt.program_number) +
                   ") carries private sections without the \"STBN\" registration_descriptor: "
                   "not read as the notice stream");
    }
    return;
  }
  announced_notice_pid_ = true;
  log_.info("notice stream on PID " + hexPid(pids.front()) + " (PMT PID " + hexPid(pid) +
            ", program " + std::to_string(pmt.program_number) + ")");
}

void Daemon::onTdt(const dvb::Tdt& tdt) {
  if (before_stream_time_) before_stream_time_(tdt.utc);
  ++stats_.tdts;
  if (replay_) replay_->advanceTo(tdt.utc * 1000);
  clock_.onStreamTime(tdt.utc);
  stats_.last_stream_utc = tdt.utc;
  update();
  if (on_stream_time_) on_stream_time_(tdt.utc);
}

void Daemon::onTot(const dvb::Tot& tot) {
  if (before_stream_time_) before_stream_time_(tot.utc);
  ++stats_.tots;
  if (replay_) replay_->advanceTo(tot.utc * 1000);
  size_t malformed = 0;
  const std::vector<dvb::LocalTimeOffset> offsets = tot.localTimeOffsets(&malformed);
  if (malformed) log_.warning("TOT: " + std::to_string(malformed) + " malformed descriptor(s)");
  clock_.onLocalTimeOffsets(tot.utc, offsets);
  stats_.last_stream_utc = tot.utc;
  update();
  if (on_stream_time_) on_stream_time_(tot.utc);
}

void Daemon::onTableError(uint16_t pid, uint8_t table_id, const std::string& why) {
  log_.warning("PID " + hexPid(pid) + " table " + std::to_string(table_id) + ": " + why);
}

void Daemon::onPrivateTable(uint16_t, const std::vector<dvb::Section>& sections) {
  ++stats_.notice_tables;
  intake_.onTable(sections, clock_.utc());
  if (intake_.generation() != seen_generation_) {
    seen_generation_ = intake_.generation();
    update();
  }
}

SchedulerInputs Daemon::inputs(dvb::UtcSeconds now) const {
  SchedulerInputs in;
  in.notices = &intake_.notices();
  in.fee = intake_.feeRecord();
  if (intake_.directory()) in.hotline = intake_.directory()->hotline;
  in.now = now;
  in.local_offset_minutes = clock_.localOffsetMinutes().value_or(options_.fallback_offset_minutes);
  in.service_on_screen = serviceOnScreen();
  return in;
}

void Daemon::update() {
  const std::optional<dvb::UtcSeconds> now = clock_.utc();
  if (!now) {
    // Without a trustworthy time nothing that depends on it may show.
    if (current_) hideCrawl();
    return;
  }
  if (last_expiry_check_ != now) {
    last_expiry_check_ = now;
    intake_.expire(*now);
  }
  const int64_t mono = mono_.nowMs();
  bool pass_done = false;
  if (current_ && bar_.finishedPass(mono)) {
    ++stats_.passes;
    scheduler_.passFinished(*now);
    pass_done = true;
  }
  const std::optional<CrawlRequest> request = scheduler_.current(inputs(*now));
  if (!request) {
    if (current_) hideCrawl();
    return;
  }
  // The scheduler freezes a running crawl's request, so a request that
  // differs from the one on the bar is a new crawl: a new item, an
  // emergency's pre-emption, or a revision of the running item (same key,
  // new view). It is laid out afresh, as is the next pass of the same crawl.
  if (!current_ || pass_done || *request != *current_) showCrawl(*request);
}

void Daemon::showCrawl(const CrawlRequest& request) {
  std::string error;
  crawl_start_ms_ = mono_.nowMs();
  if (!bar_.show(request.view, crawl_start_ms_, &error)) {
    ++stats_.bar_errors;
    log_.error("subtitle bar: " + error);
    current_.reset();
    return;
  }
  const bool same = current_ && *current_ == request;
  current_ = request;
  if (!same) {
    ++stats_.crawls_shown;
    const std::optional<dvb::UtcSeconds> now = clock_.utc();
    log_.info("bar: " + request.key + " at " + (now ? dvb::formatIso8601(*now) : "?") + " [" +
              request.view.label + "] " + request.view.text);
  }
}

void Daemon::hideCrawl() {
  bar_.hide();
  log_.info("bar: hidden (" + current_->key + ")");
  current_.reset();
}

void Daemon::render(int64_t now_ms) {
  if (current_) bar_.render(now_ms);
}

bool Daemon::dismiss() {
  const std::optional<dvb::UtcSeconds> now = clock_.utc();
  if (!current_ || !now || !scheduler_.dismiss(*now)) return false;
  log_.info("bar: " + current_->key + " dismissed by the viewer");
  bar_.hide();
  current_.reset();
  update();
  return true;
}

void Daemon::onKey(RemoteKey key) {
  log_.debug(std::string("key ") + remoteKeyName(key));
  if (key == RemoteKey::kBack || key == RemoteKey::kExit) dismiss();
}

void Daemon::setMenuOpen(bool open) {
  scheduler_.setMenuOpen(open);
  update();
}

std::optional<int64_t> Daemon::nextUpdateMs() const {
  const std::optional<dvb::UtcSeconds> now = clock_.utc();
  if (!now) return std::nullopt;
  const std::optional<dvb::UtcSeconds> next = scheduler_.nextChange(inputs(*now));
  if (!next) return std::nullopt;
  const int64_t ahead = *next > *now ? (*next - *now) * 1000 : 0;
  return mono_.nowMs() + ahead;
}

}  // namespace stb
