#pragma once
// The authoring console's words in Chinese (zho, the default), Spanish (spa)
// and English (eng): one table, every key in every language.
#include "tools/web/i18n.h"

namespace tools::headend::console {

const web::Catalogue& consoleCatalogue();

}  // namespace tools::headend::console
