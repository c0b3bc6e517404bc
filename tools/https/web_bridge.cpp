#include "tools/https/web_bridge.h"

namespace tools::https {

web::Request toWebRequest(const HttpRequest& request) {
  web::Request r;
  r.method = request.method;
  r.path = request.path;
  const size_t q = request.target.find('?');
  if (q != std::string::npos) r.query = request.target.substr(q + 1);
  r.headers = request.headers;
  r.body = request.body;
  return r;
}

HttpResponse toHttpResponse(web::Response response) {
  HttpResponse r;
  r.status = response.status;
  // The server sends Cache-Control: no-store with every answer
  // (http_server.cpp); the page's own would be a second one.
  for (auto& header : response.headers)
    if (header.first != "Cache-Control") r.headers.push_back(std::move(header));
  r.body = std::move(response.body);
  return r;
}

}  // namespace tools::https
