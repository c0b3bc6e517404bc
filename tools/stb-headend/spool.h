#pragma once
// The spool: a directory of NAME.bin files, each the signed sections of one
// or more objects back to back (what `stb-notice build --out NAME.bin`
// writes). The playout reads them without verifying the signatures (it
// holds no box keys) and never alters a byte of them.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "dvb/section.h"

namespace tools::headend {

// Writes DIR/NAME.bin atomically (a temporary file, fsync, rename), so the
// playout never reads half a file.
bool writeSpoolFile(const std::string& dir, const std::string& name,
                    const std::vector<dvb::Section>& sections, std::string* error);

// One signed object as read from the spool.
struct SpoolObject {
  uint8_t table_id = 0;
  uint32_t object_id = 0;
  uint32_t revision = 0;
  // "emergency" (a notice of kind 4), "notice", "key_list", "directory",
  // "calendar", "fee_batch".
  std::string kind;
  std::vector<dvb::Section> sections;
  std::string sha256;  // of the sections' bytes, in order
  std::string file;    // the file it came from (its name)
};

// The objects of one file's bytes, in file order; false with *why when a
// section is cut short or fails its CRC_32, a section belongs to no complete
// object, or a table is not one of the protocol's objects.
bool readSpoolBytes(const std::vector<uint8_t>& bytes, const std::string& file,
                    std::vector<SpoolObject>* objects, std::string* why);

// Watches DIR by stat (name, size, mtime, inode): only changed files are read
// again. A file that cannot be read is reported once per version of it.
class SpoolWatcher {
 public:
  explicit SpoolWatcher(std::string dir) : dir_(std::move(dir)) {}

  struct Scan {
    bool changed = false;  // any file added, changed or removed since the last scan
    std::vector<std::pair<std::string, std::string>> bad;  // newly bad: file, why
    std::string error;                                     // the directory cannot be read
  };
  Scan scan();

  // For each (table_id, object_id) the highest revision in any good file.
  std::vector<SpoolObject> objects() const;
  // Every file skipped now: name -> why.
  std::map<std::string, std::string> badFiles() const;

 private:
  struct FileState {
    std::string stamp;  // size, mtime, inode
    std::vector<SpoolObject> objects;
    std::string bad;  // why it is skipped; empty when good
  };
  std::string dir_;
  std::map<std::string, FileState> files_;
};

}  // namespace tools::headend
