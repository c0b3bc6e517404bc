// libFuzzer target: what a browser sends a console built on tools/web: a form
// or a query, the Cookie header, Accept-Language, and a stored password hash
// as read back from a database. None may crash; what is accepted keeps the
// limits it was read with.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "tools/web/cookies.h"
#include "tools/web/form.h"
#include "tools/web/i18n.h"
#include "tools/web/password.h"

namespace {

using namespace tools::web;

const Catalogue& languages() {
  static const Catalogue c({{"zho", "zh", "中文"}, {"spa", "es", "Español"}});
  return c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  FormLimits limits;
  limits.max_fields = 8;
  limits.max_value = 64;
  Form form;
  std::string error;
  if (parseForm(text, limits, &form, &error)) {
    if (form.fields().size() > limits.max_fields) std::abort();
    for (const auto& [name, value] : form.fields())
      if (value.size() > limits.max_value || !isCleanUtf8(name) || !isCleanUtf8(value))
        std::abort();
  } else if (error.empty()) {
    std::abort();
  }
  if (const auto decoded = percentDecode(text);
      decoded && percentDecode(percentEncode(*decoded)) != decoded)
    std::abort();
  (void)cookieValue(text, "stb_console");
  const std::string chosen = languages().choose("", "", text);
  if (chosen != "zho" && chosen != "spa") std::abort();
  // A stored hash is only parsed: its cost bounds keep a match cheap, and a
  // random text almost never gets as far as scrypt.
  if (text.rfind("scrypt$", 0) == 0 && text.size() < 200) (void)verifyPassword("pw", text);
  return 0;
}
