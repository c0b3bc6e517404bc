#pragma once
// The central system's HTTP API (docs/central-api.md): routes a parsed
// request from an authenticated box (its certificate's CN) to a handler.
// No I/O besides the ticket store; the clock is injected.
#include <functional>
#include <optional>
#include <string>

#include "tools/stb-central/deadline_policy.h"
#include "tools/stb-central/http.h"
#include "tools/stb-central/service_areas.h"
#include "tools/stb-central/ticket_store.h"

namespace tools::central {

struct ServiceOptions {
  std::string hotline = "96123";
  // Set: every request is answered 503 with Retry-After: this many seconds.
  std::optional<int> refuse_retry_after;
  // Reports created further than this in the future (box clock) are refused.
  int max_clock_skew_seconds = 3600;
  // Who a new ticket is assigned to, and its area's kind (serve --areas).
  ServiceAreas areas;
};

class CentralService {
 public:
  using Clock = std::function<UtcSeconds()>;
  CentralService(TicketStore& store, DeadlinePolicy policy, ServiceOptions options, Clock clock)
      : store_(store),
        policy_(std::move(policy)),
        options_(std::move(options)),
        clock_(std::move(clock)) {}

  HttpResponse handle(const HttpRequest& request, const std::string& client_cn);

 private:
  HttpResponse postReport(const HttpRequest& request, const std::string& client_cn);
  HttpResponse getTicket(const std::string& ticket, const std::string& client_cn);
  // Reads TICKET into *T: nullopt when it is CLIENT_CN's own, else the
  // answer that refuses (store failure, no such ticket, another box's).
  std::optional<HttpResponse> findOwnTicket(const std::string& ticket, const std::string& client_cn,
                                            std::optional<Ticket>* t);
  HttpResponse postReturnVisit(const HttpRequest& request, const std::string& ticket,
                               const std::string& client_cn);

  TicketStore& store_;
  DeadlinePolicy policy_;
  ServiceOptions options_;
  Clock clock_;
};

// T<YYYYMMDD>-<6 digits>.
bool isTicketNumber(const std::string& text);

// 503 with Retry-After: RETRY_AFTER_S: refusing everything
// (--refuse-with-retry-after) or shedding load (SHED, admission.h; the
// connection is closed too, the box will not be back on it for a while).
HttpResponse unavailableResponse(int retry_after_s, bool shed);

}  // namespace tools::central
