#include "aws/retry/retrying_sender.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace aws {

boost::asio::awaitable<core::Result<HttpResponse>> SendWithRetries(
    HttpTransport& transport, PrepareRequest prepare, RetryPolicy& policy,
    AdaptiveRateLimiter* limiter, std::string_view limiter_key,
    ResponseClassifier classify_response, RetryStats* stats) {
  RetryStats local;
  RetryStats& st = stats != nullptr ? *stats : local;
  int last_retry_cost = 0;
  for (int attempt = 1;; ++attempt) {
    // The slot (a place in the key's probe window) is given back when this attempt ends.
    AdaptiveRateLimiter::Slot slot;
    if (limiter != nullptr) slot = co_await limiter->AcquireSlot(limiter_key);
    core::Result<HttpRequest> request = co_await prepare(attempt);
    if (!request.ok()) co_return request.status();
    ++st.attempts;
    core::Result<HttpResponse> result = co_await transport.Send(std::move(*request));

    ErrorClass cls;
    bool timeout = false;
    std::optional<std::chrono::milliseconds> retry_after;
    if (!result.ok()) {
      cls = ClassifyTransportStatus(result.status());
      timeout = result.status().code() == core::StatusCode::kDeadlineExceeded;
    } else {
      cls = classify_response ? classify_response(*result) : ClassifyAwsError("", result->status);
      retry_after = policy.RetryAfter(result->headers);
    }
    st.last_class = cls;
    if (limiter != nullptr) limiter->OnResponse(limiter_key, cls == ErrorClass::kThrottling);
    slot.Release();
    if (cls == ErrorClass::kNone) {
      policy.OnSuccess(last_retry_cost, QuotaScope(limiter_key));
      co_return result;
    }
    if (cls == ErrorClass::kThrottling) ++st.throttles;
    if (cls == ErrorClass::kTransient) ++st.transient_errors;

    RetryPolicy::Decision d =
        policy.ShouldRetry(attempt, cls, timeout, retry_after, QuotaScope(limiter_key));
    if (!d.retry) {
      if (cls != ErrorClass::kNonRetryable) st.stop_reason = d.reason;
      co_return result;
    }
    last_retry_cost = d.quota_cost;
    ++st.retries;
    st.backoff += d.delay;
    if (d.delay.count() > 0) {
      boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, d.delay);
      auto [ec] = co_await timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
      if (ec) co_return core::Status::Aborted("retry backoff cancelled");
    }
  }
}

boost::asio::awaitable<core::Result<HttpResponse>> SendWithRetries(
    HttpTransport& transport, HttpRequest request, RetryPolicy& policy,
    AdaptiveRateLimiter* limiter, std::string_view limiter_key,
    ResponseClassifier classify_response, RetryStats* stats) {
  PrepareRequest same = [&request](int) -> boost::asio::awaitable<core::Result<HttpRequest>> {
    co_return request;
  };
  co_return co_await SendWithRetries(transport, std::move(same), policy, limiter, limiter_key,
                                     std::move(classify_response), stats);
}

}  // namespace aws
