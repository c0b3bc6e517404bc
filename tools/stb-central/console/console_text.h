#pragma once
// The console's words in Chinese (zho, the default), Spanish (spa) and
// English (eng): one table, every key in every language (a test holds that).
#include "tools/web/i18n.h"

namespace tools::central {

const web::Catalogue& consoleCatalogue();

}  // namespace tools::central
