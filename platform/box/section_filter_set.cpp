#include "platform/box/section_filter_set.h"

#include <fcntl.h>
#include <linux/dvb/dmx.h>
#include <sys/ioctl.h>

#include <algorithm>
#include <cerrno>
#include <utility>

namespace platform {
namespace box {
namespace {

constexpr size_t kSectionHeaderBytes = 3;  // table_id, flags + section_length
// Larger than any section (3 + 4095), so an overlong read shows as one.
constexpr size_t kReadBufferBytes = 8192;

size_t claimedSize(const uint8_t* bytes) {
  return kSectionHeaderBytes + (((bytes[1] & 0x0F) << 8) | bytes[2]);
}

}  // namespace

SectionFilterSet::SectionFilterSet(DeviceIo* io, std::string demux_path)
    : io_(io), demux_path_(std::move(demux_path)), buffer_(kReadBufferBytes) {}

SectionFilterSet::~SectionFilterSet() {
  clear();
}

std::map<int, SectionFilterSet::Filter>::iterator SectionFilterSet::find(
    const SectionFilterSpec& spec) {
  return std::find_if(filters_.begin(), filters_.end(),
                      [&spec](const auto& entry) { return entry.second.spec == spec; });
}

bool SectionFilterSet::add(const SectionFilterSpec& spec, std::string* error) {
  if (find(spec) != filters_.end()) return true;
  const std::string where = demux_path_ + " filter " + spec.describe();
  dmx_sct_filter_params params;
  if (!buildFilterParams(spec, &params, error)) return false;

  const IoResult opened = io_->open(demux_path_, O_RDONLY | O_NONBLOCK);
  if (!opened.ok()) {
    *error = "cannot open " + where + ": " + errorText(opened.err);
    return false;
  }
  DeviceFd fd(io_, static_cast<int>(opened.value));
  // The buffer size must be set before the filter starts.
  if (spec.buffer_bytes != 0) {
    const IoResult sized = io_->ioctlValue(fd.get(), DMX_SET_BUFFER_SIZE, spec.buffer_bytes);
    if (!sized.ok()) {
      *error = where + ": DMX_SET_BUFFER_SIZE: " + errorText(sized.err);
      return false;
    }
  }
  const IoResult set = io_->ioctl(fd.get(), DMX_SET_FILTER, &params);
  if (!set.ok()) {
    *error = where + ": DMX_SET_FILTER: " + errorText(set.err);
    return false;
  }
  const int raw = fd.get();
  filters_[raw] = Filter{next_order_++, spec, std::move(fd)};
  return true;
}

void SectionFilterSet::stop(Filter* filter) {
  // Closing stops the filter too; DMX_STOP first says so explicitly, and its
  // failure changes nothing.
  io_->ioctlValue(filter->fd.get(), DMX_STOP, 0);
  filter->fd.reset();
}

bool SectionFilterSet::remove(const SectionFilterSpec& spec) {
  auto it = find(spec);
  if (it == filters_.end()) return false;
  stop(&it->second);
  filters_.erase(it);
  return true;
}

bool SectionFilterSet::rearm(const std::vector<SectionFilterSpec>& wants, std::string* error) {
  for (auto it = filters_.begin(); it != filters_.end();) {
    if (std::find(wants.begin(), wants.end(), it->second.spec) == wants.end()) {
      stop(&it->second);
      it = filters_.erase(it);
    } else {
      ++it;
    }
  }
  std::string failures;
  for (const SectionFilterSpec& spec : wants) {
    std::string why;
    if (!add(spec, &why)) failures += (failures.empty() ? "" : "; ") + why;
  }
  if (failures.empty()) return true;
  *error = failures;
  return false;
}

void SectionFilterSet::clear() {
  for (auto& entry : filters_) stop(&entry.second);
  filters_.clear();
}

std::vector<int> SectionFilterSet::fds() const {
  std::vector<std::pair<uint64_t, int>> ordered;
  for (const auto& entry : filters_) ordered.emplace_back(entry.second.order, entry.first);
  std::sort(ordered.begin(), ordered.end());
  std::vector<int> result;
  for (const auto& item : ordered) result.push_back(item.second);
  return result;
}

std::vector<SectionFilterSpec> SectionFilterSet::specs() const {
  std::vector<SectionFilterSpec> result;
  for (int fd : fds()) result.push_back(filters_.at(fd).spec);
  return result;
}

std::optional<SectionFilterSpec> SectionFilterSet::specFor(int fd) const {
  auto it = filters_.find(fd);
  if (it == filters_.end()) return std::nullopt;
  return it->second.spec;
}

SectionRead SectionFilterSet::dropped(uint64_t* counter, std::string why) {
  ++*counter;
  SectionRead result;
  result.status = SectionRead::Status::kDropped;
  result.error = std::move(why);
  return result;
}

SectionRead SectionFilterSet::read(int fd) {
  SectionRead result;
  auto it = filters_.find(fd);
  if (it == filters_.end()) {
    result.error = demux_path_ + ": fd " + std::to_string(fd) + " is not a section filter";
    return result;
  }
  const SectionFilterSpec& spec = it->second.spec;
  const std::string where = demux_path_ + " filter " + spec.describe();
  result.pid = spec.pid;

  const IoResult got = io_->read(fd, buffer_.data(), buffer_.size());
  if (!got.ok()) {
    if (got.err == EAGAIN || got.err == EWOULDBLOCK) {
      result.status = SectionRead::Status::kWouldBlock;
    } else if (got.err == EOVERFLOW) {
      ++counters_.overflows;
      result.status = SectionRead::Status::kOverflow;
      result.error = where + ": demux buffer overflowed, sections were lost";
    } else {
      ++counters_.read_errors;
      result.status = SectionRead::Status::kError;
      result.error = "cannot read " + where + ": " + errorText(got.err);
    }
    return result;
  }
  // Never trust the count either: a driver returning more than asked is a bug.
  const size_t n = static_cast<size_t>(std::max(0L, got.value));
  if (n > buffer_.size() || n > dvb::kMaxPrivateSectionSize) {
    return dropped(&counters_.overlong_reads,
                   where + ": read " + std::to_string(n) + " bytes, more than any section");
  }
  if (n < kSectionHeaderBytes) {
    return dropped(&counters_.short_reads,
                   where + ": read " + std::to_string(n) + " bytes, less than a section header");
  }
  const size_t claimed = claimedSize(buffer_.data());
  if (claimed > n) {
    return dropped(&counters_.short_reads, where + ": section claims " + std::to_string(claimed) +
                                               " bytes, read " + std::to_string(n));
  }
  if (claimed < n) {
    return dropped(&counters_.overlong_reads, where + ": read " + std::to_string(n) +
                                                  " bytes, section claims " +
                                                  std::to_string(claimed));
  }
  std::string why;
  std::optional<dvb::Section> section = dvb::Section::fromBytes(
      std::vector<uint8_t>(buffer_.begin(), buffer_.begin() + static_cast<ptrdiff_t>(n)), &why);
  if (!section) return dropped(&counters_.malformed, where + ": " + why);
  ++counters_.sections;
  result.status = SectionRead::Status::kSection;
  result.section = std::move(section);
  return result;
}

}  // namespace box
}  // namespace platform
