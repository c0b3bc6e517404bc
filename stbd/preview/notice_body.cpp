#include "stbd/preview/notice_body.h"

#include <fstream>
#include <vector>

#include "dvb/notice/body_codec.h"
#include "dvb/notice/limits.h"

namespace stbd::preview {

std::optional<dvb::notice::Notice> readNoticeBody(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = path + ": cannot be read";
    return std::nullopt;
  }
  // One byte past the limit is enough to refuse it: a huge file is never read whole.
  constexpr size_t kMax = dvb::notice::limits::kMaxBodySize;
  std::vector<uint8_t> body(kMax + 1);
  in.read(reinterpret_cast<char*>(body.data()), static_cast<std::streamsize>(body.size()));
  if (in.bad()) {
    *error = path + ": cannot be read";
    return std::nullopt;
  }
  body.resize(static_cast<size_t>(in.gcount()));
  if (body.empty()) {
    *error = path + ": empty, not a notice body";
    return std::nullopt;
  }
  if (body.size() > kMax) {
    *error = path + ": larger than the " + std::to_string(kMax) + " bytes a notice body may have";
    return std::nullopt;
  }
  dvb::notice::Notice notice;
  std::string why;
  if (!dvb::notice::decodeBody(body, &notice, &why)) {
    *error = path + ": not a notice body: " + why;
    return std::nullopt;
  }
  if (notice.cancelled()) {
    *error = path + ": a cancellation has nothing to show";
    return std::nullopt;
  }
  return notice;
}

}  // namespace stbd::preview
