#pragma once
// Between the server's request and response types and the web parts' own
// (tools/web/web_types.h), for a console behind this server.
#include "tools/https/http_request.h"
#include "tools/https/http_response.h"
#include "tools/web/web_types.h"

namespace tools::https {

web::Request toWebRequest(const HttpRequest& request);
HttpResponse toHttpResponse(web::Response response);

}  // namespace tools::https
