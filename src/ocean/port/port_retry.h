// Port API retry policy: Ocean's TokenRetryTransport rules (ocean-core.md §5.1).
//
//   - retried statuses: 408, 429, 502, 503, 504 and 401 (500 is not retried);
//   - connection failures and timeouts are retried;
//   - only idempotent requests are retried: GET/HEAD/PUT/DELETE/OPTIONS, plus the POSTs Port's
//     client flags (token, entity upsert/search/datasource listing/delete); PATCH never;
//   - up to 10 attempts; the wait before attempt n+1 is Retry-After / x-ratelimit-reset when the
//     response carries one (seconds; > 10000 means a Unix epoch; an HTTP or ISO date), else
//     0.3 s * 2^(n-1) with +-10% jitter; every wait is capped at 300 s.
//
// The sleep is injectable (Sleeper) so that tests record waits instead of spending them.
//
// Thread-safety: pure functions; RealSleeper() sleeps on the awaiting coroutine's executor.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <functional>
#include <optional>
#include <string_view>

#include "net/http_types.h"
#include "core/timestamp.h"

namespace ocean::port {

struct PortRetryPolicy {
  int max_attempts = 10;
  std::chrono::milliseconds base_delay{300};
  std::chrono::milliseconds max_backoff{300'000};
  double jitter_ratio = 0.1;
};

// 408, 429, 502, 503, 504, 401.
bool IsRetryableStatus(int status);

// Whether a request with this method may be retried; `flagged_idempotent` marks the POSTs Port's
// client retries. PATCH is never retried.
bool IsRetryableMethod(std::string_view method, bool flagged_idempotent);

// The exponential wait after `failed_attempts` (>= 1) failures; `unit_random` in [0, 1) picks the
// jitter (0.5 = none).
std::chrono::milliseconds BackoffDelay(const PortRetryPolicy& policy, int failed_attempts,
                                       double unit_random);

// The wait a response asks for via Retry-After or x-ratelimit-reset, capped at `cap` and never
// negative; nullopt when neither header is present or parses.
std::optional<std::chrono::milliseconds> RetryAfterDelay(const net::Headers& headers,
                                                         core::Timestamp now,
                                                         std::chrono::milliseconds cap);

using Sleeper = std::function<boost::asio::awaitable<void>(std::chrono::milliseconds)>;

// Sleeps on a steady_timer of the awaiting coroutine's executor.
Sleeper RealSleeper();

}  // namespace ocean::port
