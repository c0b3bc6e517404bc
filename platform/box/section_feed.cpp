#include "platform/box/section_feed.h"

#include <poll.h>

namespace platform {
namespace box {

SectionFeed::SectionFeed(DvbSource& source, const dvb::SiDemux& demux, Deliver deliver,
                         EventLoop& loop, stb::Log& log)
    : source_(source), demux_(demux), deliver_(std::move(deliver)), loop_(loop), log_(log) {}

SectionFeed::~SectionFeed() {
  unwatch();
  if (rest_timer_ != 0) loop_.cancel(rest_timer_);
}

bool SectionFeed::start(std::string* error) {
  rearmIfWanted();
  if (source_.filters().size() == 0) {
    *error = source_.filters().demuxPath() + ": no section filter could be started";
    return false;
  }
  watch();
  return true;
}

void SectionFeed::rearmIfWanted() {
  if (armed_ && demux_.wantsGeneration() == armed_generation_) return;
  armed_ = true;
  armed_generation_ = demux_.wantsGeneration();
  const std::vector<dvb::SectionWant> wants = demux_.sectionWants();
  std::string error;
  if (!source_.follow(wants, &error)) {
    ++stats_.problems;
    log_.error("dvb: " + error);
  }
  ++stats_.rearms;
  std::string list;
  for (const SectionFilterSpec& spec : source_.filters().specs())
    list += (list.empty() ? "" : "; ") + spec.describe();
  log_.info("dvb: " + std::to_string(source_.filters().size()) + " section filter(s) on " +
            source_.filters().demuxPath() + ": " + list);
}

void SectionFeed::watch() {
  unwatch();
  for (int fd : source_.filters().fds())
    watches_.push_back(loop_.watchFd(fd, POLLIN, [this](short) { onReadable(); }));
}

void SectionFeed::unwatch() {
  for (EventLoop::Id id : watches_) loop_.cancel(id);
  watches_.clear();
}

void SectionFeed::onReadable() {
  drain();
  // Rest: the driver buffers while the loop sleeps; then read and watch again.
  unwatch();
  if (rest_timer_ != 0) return;
  rest_timer_ = loop_.addTimer(loop_.clock().nowMs() + rest_ms_, [this]() {
    rest_timer_ = 0;
    drain();
    watch();
  });
}

size_t SectionFeed::drain() {
  size_t handed_on = 0;
  for (int fd : source_.filters().fds()) {
    for (int i = 0; i < kMaxReadsPerFilter; ++i) {
      SectionRead r = source_.filters().read(fd);
      if (r.status == SectionRead::Status::kWouldBlock) break;
      if (r.status == SectionRead::Status::kSection) {
        stats_.bytes += r.section->bytes().size();
        ++stats_.sections;
        ++handed_on;
        deliver_(r.pid, std::move(*r.section));
        continue;
      }
      ++stats_.problems;
      log_.warning("dvb: " + r.error);
      // An overflow or a dropped read leaves the filter usable; an error
      // may repeat, so the next try waits for the next drain.
      if (r.status == SectionRead::Status::kError) break;
    }
  }
  // A new PAT or PMT changes what to filter; the fds change with it (the
  // loop of reads above is over, so none is used after it closed).
  const uint64_t before = stats_.rearms;
  rearmIfWanted();
  if (stats_.rearms != before && !watches_.empty()) watch();
  if (handed_on > 0 && on_sections_) on_sections_();
  return handed_on;
}

}  // namespace box
}  // namespace platform
