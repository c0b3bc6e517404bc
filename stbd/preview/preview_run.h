#pragma once
// stb-preview's work: for each screen size, each language and each moment,
// the picture a box would show, and preview.json beside them.
#include <string>

#include "stbd/preview/preview_options.h"

namespace stbd::preview {

// False and a one-line *error on the first failure (bad body, unsupported
// size, nothing to show, a file that cannot be written).
bool runPreview(const PreviewOptions& options, std::string* error);

}  // namespace stbd::preview
