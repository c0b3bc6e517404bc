#pragma once
// The notice a preview shows, read from its encoded body by the box's own
// decoder (dvb::notice::decodeBody), so what the decoder refuses the preview
// refuses too.
#include <optional>
#include <string>

#include "dvb/notice/notice.h"

namespace stbd::preview {

// The notice in the file PATH; nullopt and a one-line *error when the file
// cannot be read, is empty, is larger than a notice body may be, does not
// decode, or is a cancellation (which a box never shows).
std::optional<dvb::notice::Notice> readNoticeBody(const std::string& path, std::string* error);

}  // namespace stbd::preview
