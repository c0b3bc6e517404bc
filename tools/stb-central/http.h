#pragma once
// The shared HTTPS server's types (tools/https/) under stb-central's own
// names, for its API, its console adapter and `serve`.
#include "tools/https/http_request.h"
#include "tools/https/http_response.h"
#include "tools/https/http_server.h"
#include "tools/https/stop_signal.h"

namespace tools::central {

using https::ClientInfo;
using https::HttpLimits;
using https::HttpRequest;
using https::HttpResponse;
using https::HttpServer;
using https::HttpServerConfig;
using https::parseListenAddress;
using https::raiseOpenFileLimit;
using https::StopSignal;

}  // namespace tools::central
