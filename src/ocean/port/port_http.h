// PortHttp: every call to Port's REST API goes through here — authentication, User-Agent,
// retries, error messages.
//
// Auth: `POST {base}/v1/auth/access_token {"clientId","clientSecret"}` gives {accessToken,
// expiresIn, tokenType}; requests carry `Authorization: {tokenType} {accessToken}`. The token is
// fetched on first use, refreshed once retrieved + expiresIn <= now, and refreshed when a request
// is answered 401 (that request is then sent again with the new token, once for requests that
// are not retryable, within the attempt budget for those that are). Concurrent requests share
// one token fetch. Every token is registered with core::RegisterSecret.
//
// User-Agent: `options.user_agent` ("port-ocean/{type}/{version}/{identifier}") on every call;
// entity writes (PortRequest::entity_write) carry `options.entity_user_agent`
// ("port-ocean/{type}/{version}/{identifier}/exporter"), from which Port derives $datasource.
//
// Retries follow port_retry.h. Errors (PortError) name the method, the path, the HTTP status and
// Port's own error and message — never a header, the token or the client secret.
//
// At most `options.max_in_flight` requests are on the wire at once (Ocean's connection pool).
//
// Thread-safety: lives on one io_context; call from coroutines on that context only.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "net/http_types.h"
#include "net/http_transport.h"
#include "core/clock.h"
#include "core/json.h"
#include "core/result.h"
#include "ocean/port/port_retry.h"

namespace ocean::port {

struct PortHttpOptions {
  std::string base_url = "https://api.getport.io";  // the API root; paths start with /v1
  std::string client_id;
  std::string client_secret;
  std::string user_agent;         // port-ocean/{type}/{version}/{identifier}
  std::string entity_user_agent;  // the same + "/exporter"
  std::chrono::milliseconds timeout{60'000};
  PortRetryPolicy retry;
  std::size_t max_in_flight = 50;
};

using QueryParams = std::vector<std::pair<std::string, std::string>>;

struct PortRequest {
  std::string method = "GET";
  std::string path;  // "/v1/...", segments already encoded (EncodeSegment)
  QueryParams query;
  std::optional<json::value> body;  // sent as application/json
  bool idempotent = false;    // a POST Port's client retries (see port_retry.h)
  bool entity_write = false;  // send the entity User-Agent
  net::Headers headers;       // extra headers (e.g. x-skip-resync)
};

struct PortResponse {
  int status = 0;
  net::Headers headers;
  json::value body;  // null when empty or not JSON
  bool ok() const { return status >= 200 && status < 300; }
};

// A request's path segment, percent-encoded (identifiers may contain '/', ' ', ...).
std::string EncodeSegment(std::string_view segment);

// The Status for a non-2xx response: "Port API <METHOD> <path>: HTTP <status> <error>: <message>".
core::Status PortError(const PortRequest& request, const PortResponse& response);

struct PortHttpStats {
  uint64_t requests = 0;      // PortRequests sent (Send calls)
  uint64_t attempts = 0;      // HTTP exchanges, token fetches excluded
  uint64_t retries = 0;
  uint64_t token_fetches = 0;
};

class PortHttp {
 public:
  PortHttp(net::HttpTransportPtr transport, PortHttpOptions options,
           const core::Clock& clock = core::SystemClock::Get(), Sleeper sleeper = RealSleeper());
  ~PortHttp();
  PortHttp(const PortHttp&) = delete;
  PortHttp& operator=(const PortHttp&) = delete;

  // Sends with auth and retries. Any final HTTP status is a response; a Status is a transport
  // failure after the retries, or a failed token fetch.
  boost::asio::awaitable<core::Result<PortResponse>> Send(PortRequest request);

  // Send(), with a non-2xx response turned into PortError(). Returns the response body.
  boost::asio::awaitable<core::Result<json::value>> Call(PortRequest request);

  const PortHttpStats& stats() const { return stats_; }
  const PortHttpOptions& options() const { return options_; }

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
  PortHttpOptions options_;
  PortHttpStats stats_;
};

}  // namespace ocean::port
