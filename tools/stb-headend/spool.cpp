#include "tools/stb-headend/spool.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>

#include "dvb/notice/body_codec.h"
#include "dvb/notice/signed_object.h"
#include "platform/unique_fd.h"
#include "tools/stb-headend/object_hash.h"
#include "tools/stb-notice/verify_source.h"

namespace tools::headend {
namespace {

std::string kindOf(const dvb::notice::SignedObject& o) {
  using dvb::notice::ObjectType;
  switch (o.type) {
    case ObjectType::kNotice: {
      dvb::notice::Notice n;
      std::string why;
      const bool emergency = dvb::notice::decodeBody(o.body, &n, &why) &&
                             n.kind == dvb::notice::NoticeKind::kEmergency;
      return emergency ? "emergency" : "notice";
    }
    case ObjectType::kFeeBatch:
      return "fee_batch";
    case ObjectType::kDirectory:
      return "directory";
    case ObjectType::kWorkCalendar:
      return "calendar";
    case ObjectType::kKeyList:
      return "key_list";
  }
  return "notice";
}

bool writeAll(int fd, const std::vector<uint8_t>& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

bool writeSpoolFile(const std::string& dir, const std::string& name,
                    const std::vector<dvb::Section>& sections, std::string* error) {
  // The temporary name does not end in .bin, so a scan never takes it.
  const std::string path = dir + "/" + name + ".bin", temp = dir + "/." + name + ".bin.tmp";
  std::vector<uint8_t> bytes;
  for (const dvb::Section& s : sections)
    bytes.insert(bytes.end(), s.bytes().begin(), s.bytes().end());
  platform::UniqueFd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640));
  const bool ok = fd.valid() && writeAll(fd.get(), bytes) && ::fsync(fd.get()) == 0 &&
                  ::close(fd.release()) == 0 && ::rename(temp.c_str(), path.c_str()) == 0;
  if (!ok) {
    *error = path + ": " + std::strerror(errno);
    ::unlink(temp.c_str());
  }
  return ok;
}

bool readSpoolBytes(const std::vector<uint8_t>& bytes, const std::string& file,
                    std::vector<SpoolObject>* objects, std::string* why) {
  notice::SourceScan scan;
  notice::scanSections(bytes, &scan);
  if (scan.crc_errors) {
    *why = std::to_string(scan.crc_errors) + " section(s) fail their CRC_32";
    return false;
  }
  if (scan.malformed_sections || scan.foreign_sections) {
    *why = "sections cut short, malformed or not on a notice table_id";
    return false;
  }
  // Every byte must belong to a complete object: a missing section leaves
  // its object's others out of the tables.
  size_t used = 0;
  for (const notice::GatheredTable& t : scan.tables)
    for (const dvb::Section& s : t.sections) used += s.bytes().size();
  // The file's sections end at its end or where 0xFF stuffing starts (a
  // CRC_32 may end in 0xFF bytes itself, so walk the lengths).
  size_t content = 0;
  while (content + 3 <= bytes.size() && bytes[content] != 0xFF)
    content += 3 + (((bytes[content + 1] & 0x0F) << 8) | bytes[content + 2]);
  if (used != content || scan.tables.empty()) {
    *why = scan.tables.empty() ? "holds no complete object"
                               : "holds sections that form no complete object";
    return false;
  }
  for (const notice::GatheredTable& t : scan.tables) {
    auto o = dvb::notice::SignedObject::fromSections(t.sections, why);
    if (!o) return false;
    objects->push_back({t.sections.front().tableId(), o->object_id, o->revision, kindOf(*o),
                        t.sections, sectionsSha256(t.sections), file});
  }
  return true;
}

SpoolWatcher::Scan SpoolWatcher::scan() {
  Scan result;
  std::unique_ptr<DIR, int (*)(DIR*)> d(::opendir(dir_.c_str()), &::closedir);
  if (!d) {
    result.error = dir_ + ": " + std::strerror(errno);
    return result;
  }
  std::map<std::string, std::string> stamps;
  while (const dirent* e = ::readdir(d.get())) {
    const std::string name = e->d_name;
    if (name.size() < 5 || name[0] == '.' || name.compare(name.size() - 4, 4, ".bin") != 0)
      continue;
    struct stat st {};
    if (::stat((dir_ + "/" + name).c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    stamps[name] = std::to_string(st.st_size) + "/" + std::to_string(st.st_mtim.tv_sec) + "." +
                   std::to_string(st.st_mtim.tv_nsec) + "/" + std::to_string(st.st_ino);
  }
  for (auto it = files_.begin(); it != files_.end();) {
    const bool gone = !stamps.count(it->first);
    result.changed = result.changed || gone;
    it = gone ? files_.erase(it) : std::next(it);
  }
  for (const auto& [name, stamp] : stamps) {
    auto it = files_.find(name);
    if (it != files_.end() && it->second.stamp == stamp) continue;
    result.changed = true;
    FileState state{stamp, {}, ""};
    std::ifstream in(dir_ + "/" + name, std::ios::binary);
    const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                     std::istreambuf_iterator<char>());
    std::string why;
    if (!in.good() && !in.eof()) {
      state.bad = "cannot be read";
    } else if (!readSpoolBytes(bytes, name, &state.objects, &why)) {
      state.objects.clear();
      state.bad = why;
    }
    if (!state.bad.empty()) result.bad.emplace_back(name, state.bad);
    files_[name] = std::move(state);
  }
  return result;
}

std::map<std::string, std::string> SpoolWatcher::badFiles() const {
  std::map<std::string, std::string> out;
  for (const auto& [name, state] : files_)
    if (!state.bad.empty()) out[name] = state.bad;
  return out;
}

std::vector<SpoolObject> SpoolWatcher::objects() const {
  std::map<std::pair<uint8_t, uint32_t>, const SpoolObject*> best;
  for (const auto& [name, state] : files_)
    for (const SpoolObject& o : state.objects) {
      const SpoolObject*& b = best[{o.table_id, o.object_id}];
      if (!b || o.revision > b->revision) b = &o;
    }
  std::vector<SpoolObject> out;
  for (const auto& [key, o] : best) out.push_back(*o);
  return out;
}

}  // namespace tools::headend
