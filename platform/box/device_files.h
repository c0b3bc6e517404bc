#pragma once
// Small text files (keymaps, sysfs attributes, identity files) read through
// the DeviceIo seam, with a size limit so a wrong path cannot swallow memory.
#include <cstddef>
#include <optional>
#include <string>

#include "platform/box/device_io.h"

namespace platform {
namespace box {

// The whole of PATH. Absent and *error ("cannot open PATH: ...", "PATH is
// larger than N bytes") when it cannot be read or exceeds MAX_BYTES.
std::optional<std::string> readTextFile(DeviceIo* io, const std::string& path, size_t max_bytes,
                                        std::string* error);

// TEXT's first line (up to the first '\n'), with leading and trailing
// whitespace (spaces, tabs, '\r') removed.
std::string firstLineTrimmed(const std::string& text);

}  // namespace box
}  // namespace platform
