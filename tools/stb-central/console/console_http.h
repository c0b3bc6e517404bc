#pragma once
// The console behind stb-central's HTTP server (the types' adapter is
// tools/https/web_bridge.h).
#include "tools/stb-central/console/console.h"
#include "tools/stb-central/http.h"

namespace tools::central {

// CONSOLE answering a request as the server's handler does (a peer for the log).
HttpResponse serveConsole(Console& console, const HttpRequest& request);

}  // namespace tools::central
