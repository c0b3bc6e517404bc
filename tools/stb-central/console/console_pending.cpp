// Until the dashboard and the service areas reach this branch: those pages
// answer 404 and the area filter is a text field.
#include "tools/stb-central/console/console.h"
#include "tools/web/html.h"

namespace tools::central {

web::Response Console::dashboardPage(Visit& v, bool) {
  return errorPage(v, 404, "not_found");
}

web::Response Console::areasPage(Visit& v) {
  return errorPage(v, 404, "not_found");
}

std::string Console::areaInput(const Visit& v, const std::string& area) const {
  return web::textInput(v.t("filter.area"), "area", area);
}

}  // namespace tools::central
