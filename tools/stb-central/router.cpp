#include "tools/stb-central/router.h"

#include <cctype>

namespace tools::central {
namespace {

HttpResponse methodNotAllowed(const char* allow) {
  HttpResponse r =
      HttpResponse::error(405, "method_not_allowed", std::string("this resource allows ") + allow);
  r.headers.emplace_back("Allow", allow);
  return r;
}

}  // namespace

bool isTicketNumber(const std::string& t) {
  if (t.size() != 16 || t[0] != 'T' || t[9] != '-') return false;
  for (size_t i = 1; i < t.size(); ++i)
    if (i != 9 && !std::isdigit(static_cast<unsigned char>(t[i]))) return false;
  return true;
}

HttpResponse unavailableResponse(int retry_after_s, bool shed) {
  HttpResponse r =
      HttpResponse::error(503, shed ? "busy" : "unavailable",
                          shed ? "the central system is busy; try again after Retry-After"
                               : "the central system is not taking requests now");
  r.headers.emplace_back("Retry-After", std::to_string(retry_after_s));
  if (shed) {
    r.close = true;
    r.log_note = "shed";
  }
  return r;
}

HttpResponse CentralService::handle(const HttpRequest& request, const std::string& client_cn) {
  if (options_.refuse_retry_after) return unavailableResponse(*options_.refuse_retry_after, false);
  const std::string& path = request.path;
  if (path == "/v1/reports") {
    if (request.method != "POST") return methodNotAllowed("POST");
    return postReport(request, client_cn);
  }
  static const std::string kTickets = "/v1/tickets/";
  static const std::string kReturnVisit = "/return-visit";
  if (path.compare(0, kTickets.size(), kTickets) == 0) {
    std::string rest = path.substr(kTickets.size());
    if (rest.size() > kReturnVisit.size() &&
        rest.compare(rest.size() - kReturnVisit.size(), kReturnVisit.size(), kReturnVisit) == 0) {
      rest.resize(rest.size() - kReturnVisit.size());
      if (!isTicketNumber(rest)) return HttpResponse::error(404, "not_found", "no such ticket");
      if (request.method != "POST") return methodNotAllowed("POST");
      return postReturnVisit(request, rest, client_cn);
    }
    if (!isTicketNumber(rest)) return HttpResponse::error(404, "not_found", "no such ticket");
    if (request.method != "GET") return methodNotAllowed("GET");
    return getTicket(rest, client_cn);
  }
  return HttpResponse::error(404, "not_found", "no such resource");
}

}  // namespace tools::central
