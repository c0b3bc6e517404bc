#pragma once
// The words the consoles share (the login, logout and the common refusals)
// and the making of a console's catalogue in Chinese (zho, the default),
// Spanish (spa) and English (eng) from its own table.
#include <cstddef>

#include "tools/web/i18n.h"

namespace tools::staff {

struct ConsoleText {
  const char* key;
  const char* zho;
  const char* spa;
  const char* eng;
};

// The shared words, then TEXTS (COUNT of them; a key given again replaces).
web::Catalogue makeConsoleCatalogue(const ConsoleText* texts, size_t count);

}  // namespace tools::staff
