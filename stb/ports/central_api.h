#pragma once
// The central system as stb/ reaches it: one HTTPS request at a time, its
// answer delivered later (platform/central_client.h implements it with
// libcurl; tests give fakes). docs/central-api.md has the exchanges.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace stb {

struct CentralResponse {
  long http_status = 0;  // 0: no HTTP answer (network or TLS failure)
  std::string body;
  std::optional<int64_t> retry_after_ms;  // from Retry-After
  int curl_code = 0;                      // 0 = CURLE_OK
  std::string curl_error;                 // why there was no answer, log-worthy
};

class CentralApi {
 public:
  using Done = std::function<void(const CentralResponse&)>;
  virtual ~CentralApi() = default;
  // One request; DONE is called exactly once, later, from the event loop
  // (never from inside the call). BODY empty = GET, else POST with JSON.
  virtual void request(const std::string& path, const std::string& body,
                       const std::vector<std::string>& headers, Done done) = 0;
};

}  // namespace stb
