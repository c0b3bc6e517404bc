#pragma once
// The console behind stb-central's HTTP server: its request and response
// types to and from the web parts' own (tools/web/web_types.h).
#include "tools/stb-central/console/console.h"
#include "tools/stb-central/http.h"

namespace tools::central {

web::Request toWebRequest(const HttpRequest& request);
HttpResponse toHttpResponse(web::Response response);
// CONSOLE answering a request as the server's handler does (a peer for the log).
HttpResponse serveConsole(Console& console, const HttpRequest& request);

}  // namespace tools::central
