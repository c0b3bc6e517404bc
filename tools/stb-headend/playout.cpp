#include "tools/stb-headend/playout.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <thread>

#include "dvb/descriptors/local_time_offset_descriptor.h"
#include "dvb/notice/signed_object.h"
#include "dvb/table_ids.h"
#include "dvb/tables/pat.h"
#include "dvb/tables/pmt.h"
#include "dvb/tables/tdt.h"
#include "dvb/tables/tot.h"
#include "dvb/ts_packet.h"
#include "tools/stb-notice/notice_stream.h"

namespace tools::headend {
namespace {

std::vector<dvb::Section> makePsi(uint16_t pid) {
  dvb::Pat pat;
  pat.transport_stream_id = notice::kTsid;
  pat.programs.push_back({notice::kProgram, notice::kPmtPid});
  dvb::Pmt pmt;
  pmt.program_number = notice::kProgram;
  pmt.pcr_pid = 0x1FFF;  // no PCR: the PID carries sections only
  const uint32_t f = dvb::notice::kRegistrationFormat;
  const dvb::Descriptor registration{
      0x05, {uint8_t(f >> 24), uint8_t(f >> 16), uint8_t(f >> 8), uint8_t(f)}};
  pmt.streams.push_back({0x05, pid, {registration}});
  std::vector<dvb::Section> out = pat.encode();
  for (dvb::Section& s : pmt.encode()) out.push_back(std::move(s));
  return out;
}

std::string streamTime(uint64_t ms) {
  char text[32];
  std::snprintf(text, sizeof text, "%llu.%03llu s", static_cast<unsigned long long>(ms / 1000),
                static_cast<unsigned long long>(ms % 1000));
  return text;
}

std::string describe(const SpoolObject& o) {
  return o.kind + " " + std::to_string(o.object_id) + " revision " + std::to_string(o.revision);
}

}  // namespace

Playout::Playout(HeadendConfig config, StatusBoard* board, Log log)
    : config_(std::move(config)),
      board_(board),
      log_(std::move(log)),
      spool_(config_.spool_dir),
      schedule_(config_.intervals),
      bitrate_bps_(config_.bitrate_kbps * 1000),
      psi_(makePsi(config_.pid)),
      object_(config_.pid) {}

bool Playout::start(dvb::UtcSeconds start_utc, std::string* error) {
  start_utc_ = start_utc;
  const SpoolWatcher::Scan scan = spool_.scan();
  if (!scan.error.empty()) {
    *error = "spool_dir " + scan.error;
    return false;
  }
  for (const auto& [file, why] : scan.bad) log_("spool: " + file + " skipped: " + why);
  const std::vector<SpoolObject> objects = spool_.objects();
  budget_ = computeBudget(objects, config_);
  if (!budget_.fits()) {
    *error = "the carousel needs more than budget_kbps:\n" + budget_.describe();
    return false;
  }
  schedule_.start(objects);
  syncRefusals({}, 0);
  for (const SpoolObject& o : objects)
    log_("on air from stream 0.000 s: " + describe(o) + " (" + o.file + ")");
  log_("budget:\n" + budget_.describe());
  if (on_change_) on_change_(objects);
  board_->publish(status());
  return true;
}

uint64_t Playout::streamMs() const {
  return packet_index_ * dvb::kTsPacketSize * 8 * 1000 / bitrate_bps_;
}

dvb::UtcSeconds Playout::simulatedUtc(uint64_t stream_ms) const {
  return start_utc_ + static_cast<dvb::UtcSeconds>(
                          std::floor(static_cast<double>(stream_ms) * config_.clock.speed / 1000));
}

void Playout::rescan(uint64_t now_ms) {
  const SpoolWatcher::Scan scan = spool_.scan();
  if (!scan.error.empty()) {
    log_("spool: " + scan.error);
    return;
  }
  for (const auto& [file, why] : scan.bad) log_("spool: " + file + " skipped: " + why);
  if (!scan.changed) return;
  auto fits = [this](const std::vector<SpoolObject>& candidate, std::string* why) {
    const BudgetReport r = computeBudget(candidate, config_);
    if (!r.fits()) *why = "it would exceed budget_kbps:\n" + r.describe();
    return r.fits();
  };
  const std::vector<CarouselChange> changes = schedule_.update(spool_.objects(), now_ms, fits);
  applyChanges(changes, now_ms);
  syncRefusals(changes, now_ms);
}

void Playout::syncRefusals(const std::vector<CarouselChange>& changes, uint64_t now_ms) {
  std::set<std::string> standing;
  for (const auto& [file, why] : spool_.badFiles())
    standing.insert("spool file " + file + " skipped: " + why);
  for (const CarouselChange& c : changes)
    if (c.what == CarouselChange::What::kRefused)
      standing.insert(describe(c.object) + " (" + c.object.file + ") over budget_kbps");
  for (const std::string& what : standing)
    if (!refusals_.count(what)) board_->raise({"refused", what, simulatedUtc(now_ms)});
  for (const std::string& what : refusals_)
    if (!standing.count(what)) board_->clear("refused", what);
  refusals_ = std::move(standing);
}

void Playout::applyChanges(const std::vector<CarouselChange>& changes, uint64_t now_ms) {
  if (changes.empty()) return;
  const std::string at =
      "at stream " + streamTime(now_ms) + " (" + dvb::formatIso8601(simulatedUtc(now_ms)) + "): ";
  bool played = false;
  for (const CarouselChange& c : changes) {
    const CarouselSchedule::Key key{c.object.table_id, c.object.object_id};
    switch (c.what) {
      case CarouselChange::What::kRefused:
        log_(at + describe(c.object) + " (" + c.object.file +
             ") refused, the old stays on air: " + c.why);
        continue;
      case CarouselChange::What::kAdded:
        log_(at + describe(c.object) + " on air (" + c.object.file + ")");
        break;
      case CarouselChange::What::kRevised:
        log_(at + describe(c.object) + " replaces revision " + std::to_string(c.old_revision) +
             " (" + c.object.file + ")");
        break;
      case CarouselChange::What::kRemoved:
        log_(at + describe(c.object) + " stopped (" + c.object.file + " removed)");
        break;
    }
    played = true;
    // The old revision's sections not yet started never go out.
    if (sending_ && current_ == key) sections_left_.clear();
  }
  if (!played) return;
  budget_ = computeBudget(schedule_.objects(), config_);
  if (on_change_) on_change_(schedule_.objects());
}

void Playout::queueServiceTables(uint64_t now_ms) {
  std::vector<uint8_t> packets;
  if (config_.with_psi && now_ms >= next_psi_ms_) {
    pat_.packetize({psi_[0]}, &packets);
    pmt_.packetize({psi_[1]}, &packets);
    next_psi_ms_ = now_ms + kPsiIntervalMs;
  }
  if (config_.tdt.enabled && now_ms >= next_time_ms_) {
    const dvb::UtcSeconds utc = simulatedUtc(now_ms);
    std::vector<dvb::Section> sections = dvb::Tdt{utc}.encode();
    dvb::LocalTimeOffsetDescriptor lto;
    // No change of offset is announced: the next offset is the current one.
    lto.entries.push_back(
        {config_.tdt.country, 0, config_.tdt.offset_minutes, utc, config_.tdt.offset_minutes});
    dvb::Tot tot;
    tot.utc = utc;
    if (auto d = lto.encode()) tot.descriptors.push_back(*d);
    for (dvb::Section& s : tot.encode()) sections.push_back(std::move(s));
    time_.packetize(sections, &packets);
    next_time_ms_ = now_ms + kTimeIntervalMs;
  }
  service_.insert(service_.end(), packets.begin(), packets.end());
}

bool Playout::objectPacket(uint64_t now_ms, std::vector<uint8_t>* out) {
  if (section_pos_ >= section_packets_.size()) {
    section_packets_.clear();
    section_pos_ = 0;
    if (sections_left_.empty()) {
      sending_ = false;
      const CarouselEntry* e = schedule_.take(now_ms);
      if (!e) return false;
      current_ = {e->object.table_id, e->object.object_id};
      sending_ = true;
      sections_left_.assign(e->object.sections.begin(), e->object.sections.end());
    }
    // Packetized only when it starts, so a section dropped by a change
    // never takes a continuity count.
    object_.packetize({sections_left_.front()}, &section_packets_);
    sections_left_.pop_front();
  }
  out->insert(out->end(), section_packets_.begin() + static_cast<std::ptrdiff_t>(section_pos_),
              section_packets_.begin() + static_cast<std::ptrdiff_t>(section_pos_ + 188));
  section_pos_ += 188;
  return true;
}

void Playout::nextPacket(uint64_t now_ms, std::vector<uint8_t>* out) {
  if (now_ms >= next_scan_ms_) {
    if (packet_index_ > 0) rescan(now_ms);
    next_scan_ms_ = now_ms + kRescanMs;
  }
  queueServiceTables(now_ms);
  if (!service_.empty()) {
    out->insert(out->end(), service_.begin(), service_.begin() + 188);
    service_.erase(service_.begin(), service_.begin() + 188);
  } else if (!objectPacket(now_ms, out)) {
    dvb::appendNullPacket(out);
  }
  ++packet_index_;
}

PlayoutStatus Playout::status() const {
  PlayoutStatus s;
  s.bitrate_bps = bitrate_bps_;
  s.budget_bps = config_.budget_kbps * 1000;
  s.used_bps = budget_.used_bps;
  s.packets_out = packet_index_;
  s.now = simulatedUtc(streamMs());
  for (const auto& [key, e] : schedule_.entries()) {
    ObjectStatus o;
    o.table_id = e.object.table_id;
    o.object_id = e.object.object_id;
    o.revision = e.object.revision;
    o.kind = e.object.kind;
    o.interval_ms = e.interval_ms;
    o.last_out_ms = e.last_out_ms;
    o.last_out_utc = e.last_out_ms < 0 ? 0 : simulatedUtc(static_cast<uint64_t>(e.last_out_ms));
    for (const dvb::Section& sec : e.object.sections)
      o.bytes += static_cast<uint32_t>(sec.bytes().size());
    o.sha256 = e.object.sha256;
    s.objects.push_back(std::move(o));
  }
  return s;
}

void Playout::writeStatus() {
  board_->publish(status());
  const std::string path = config_.state_dir + "/status.json", temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << statusJson(board_->snapshot());
    if (!out) return log_("status: cannot write " + temp);
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) log_("status: cannot write " + path);
}

bool Playout::run(std::optional<uint64_t> until_ms, std::optional<dvb::UtcSeconds> until_utc,
                  const std::atomic<bool>* stop, std::string* error) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point wall0 = Clock::now();
  const uint64_t first_index = packet_index_;
  Clock::time_point next_status = wall0;
  std::vector<uint8_t> chunk;
  bool ok = true;
  for (;;) {
    const uint64_t now_ms = streamMs();
    if ((until_ms && now_ms >= *until_ms) || (until_utc && simulatedUtc(now_ms) >= *until_utc) ||
        (stop && stop->load()))
      break;
    if (config_.clock.pace)  // the chunk leaves when the bitrate says its first byte is due
      std::this_thread::sleep_until(
          wall0 + std::chrono::nanoseconds((packet_index_ - first_index) * dvb::kTsPacketSize * 8 *
                                           1'000'000'000 / bitrate_bps_));
    const uint64_t clock_90khz = packet_index_ * dvb::kTsPacketSize * 8 * 90'000 / bitrate_bps_;
    chunk.clear();
    for (size_t i = 0; i < kPacketsPerDatagram; ++i) nextPacket(streamMs(), &chunk);
    if (!output_->write(chunk.data(), chunk.size(), clock_90khz, error)) {
      ok = false;
      break;
    }
    if (tap_) tap_(chunk.data(), chunk.size(), now_ms);
    if (Clock::now() >= next_status) {
      writeStatus();
      next_status += std::chrono::seconds(1);
    }
  }
  writeStatus();
  return ok;
}

}  // namespace tools::headend
