#include "tools/stb-central/console/console_http.h"

#include "tools/https/web_bridge.h"

namespace tools::central {

HttpResponse serveConsole(Console& console, const HttpRequest& request) {
  return https::toHttpResponse(console.handle(https::toWebRequest(request)));
}

}  // namespace tools::central
