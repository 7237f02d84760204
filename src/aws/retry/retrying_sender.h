// SendWithRetries: one request through a transport, retried by a RetryPolicy and paced by an
// optional AdaptiveRateLimiter. This is the engine's only retry loop.
//
// Each attempt: wait for the limiter (when given), send, classify (a transport failure with
// ClassifyTransportStatus, a response with `classify_response`, which the engine builds from
// the protocol's error parser; when empty, the HTTP status alone decides), tell the limiter
// whether it was throttled, and either return or sleep the policy's backoff and try again.
//
// Returns the last outcome as it came: a response (success or an error response the caller
// turns into a Status) or the transport's Status. Non-retryable outcomes return after exactly
// one attempt. A cancelled backoff sleep returns Status::Aborted.
//
// The first form builds the request anew for every attempt (`prepare`), so that each attempt
// carries fresh credentials and a fresh SigV4 date; a failing `prepare` ends the loop with its
// Status. The second form re-sends one fixed request. `limiter_key`'s characters must stay
// valid until the returned awaitable completes.
//
// Thread-safety: runs on the caller's executor; see RetryPolicy / AdaptiveRateLimiter.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <functional>
#include <string_view>

#include "aws/net_names.h"
#include "aws/retry/adaptive_rate_limiter.h"
#include "aws/retry/error_classifier.h"
#include "aws/retry/retry_policy.h"
#include "core/result.h"

namespace aws {

struct RetryStats {
  int attempts = 0;
  int retries = 0;
  int throttles = 0;         // attempts classified kThrottling
  int transient_errors = 0;  // attempts classified kTransient
  std::chrono::milliseconds backoff{0};  // total sleep between attempts
  ErrorClass last_class = ErrorClass::kNone;
  std::string_view stop_reason;  // set when a retryable error was not retried
};

using ResponseClassifier = std::function<ErrorClass(const HttpResponse&)>;
// Builds the request for attempt `attempt` (1-based).
using PrepareRequest = std::function<boost::asio::awaitable<core::Result<HttpRequest>>(int attempt)>;

boost::asio::awaitable<core::Result<HttpResponse>> SendWithRetries(
    HttpTransport& transport, PrepareRequest prepare, RetryPolicy& policy,
    AdaptiveRateLimiter* limiter, std::string_view limiter_key,
    ResponseClassifier classify_response, RetryStats* stats);

boost::asio::awaitable<core::Result<HttpResponse>> SendWithRetries(
    HttpTransport& transport, HttpRequest request, RetryPolicy& policy,
    AdaptiveRateLimiter* limiter, std::string_view limiter_key,
    ResponseClassifier classify_response, RetryStats* stats);

}  // namespace aws
