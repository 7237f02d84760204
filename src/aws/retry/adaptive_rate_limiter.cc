#include "aws/retry/adaptive_rate_limiter.h"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cmath>
#include <limits>

namespace aws {

AdaptiveRateLimiter::AdaptiveRateLimiter(const core::Clock& clock, AdaptiveLimiterConfig config)
    : clock_(clock), config_(config) {}

double AdaptiveRateLimiter::NowSeconds() const {
  return static_cast<double>(clock_.Now().micros) / 1e6;
}

AdaptiveRateLimiter::Bucket& AdaptiveRateLimiter::BucketFor(std::string_view key, double now) {
  auto it = buckets_.find(key);
  if (it != buckets_.end()) return it->second;
  Bucket b;
  b.last_throttle = now;
  b.last_tx_bucket = std::floor(now / config_.bucket_seconds) * config_.bucket_seconds;
  return buckets_.emplace(std::string(key), b).first->second;
}

void AdaptiveRateLimiter::Refill(Bucket& b, double now) {
  if (b.last_refill >= 0 && now > b.last_refill) {
    b.tokens = std::min(b.max_capacity, b.tokens + (now - b.last_refill) * b.fill_rate);
  }
  b.last_refill = std::max(b.last_refill, now);
}

void AdaptiveRateLimiter::MeasureRate(Bucket& b, double now) {
  double t = std::floor(now / config_.bucket_seconds) * config_.bucket_seconds;
  ++b.tx_count;
  if (t > b.last_tx_bucket) {
    double current = b.tx_count / (t - b.last_tx_bucket);
    b.measured_rate = current * config_.smoothing + b.measured_rate * (1 - config_.smoothing);
    b.tx_count = 0;
    b.last_tx_bucket = t;
  }
}

void AdaptiveRateLimiter::SetRate(Bucket& b, double rate, double now) {
  Refill(b, now);
  b.fill_rate = std::max(rate, config_.min_fill_rate);
  b.max_capacity = std::max(rate, config_.min_capacity);
  b.tokens = std::min(b.tokens, b.max_capacity);
}

std::chrono::microseconds AdaptiveRateLimiter::Reserve(std::string_view key) {
  std::lock_guard lock(mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end() || !it->second.enabled) return std::chrono::microseconds(0);
  Bucket& b = it->second;
  Refill(b, NowSeconds());
  b.tokens -= 1;
  if (b.tokens >= 0) return std::chrono::microseconds(0);
  return std::chrono::microseconds(static_cast<int64_t>(std::ceil(-b.tokens / b.fill_rate * 1e6)));
}

boost::asio::awaitable<void> AdaptiveRateLimiter::Acquire(std::string_view key) {
  std::chrono::microseconds wait = Reserve(key);
  if (wait.count() <= 0) co_return;
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, wait);
  co_await timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
}

void AdaptiveRateLimiter::OnResponse(std::string_view key, bool throttled) {
  std::lock_guard lock(mu_);
  double now = NowSeconds();
  Bucket& b = BucketFor(key, now);
  MeasureRate(b, now);
  double rate;
  if (throttled) {
    double base = b.enabled ? std::min(b.measured_rate, b.fill_rate) : b.measured_rate;
    b.last_max_rate = base;
    b.time_window = std::cbrt(base * (1 - config_.beta) / config_.scale);
    b.last_throttle = now;
    rate = base * config_.beta;
    b.enabled = true;
  } else {
    rate = config_.scale * std::pow(now - b.last_throttle - b.time_window, 3) + b.last_max_rate;
  }
  SetRate(b, std::min(rate, 2 * b.measured_rate), now);
}

double AdaptiveRateLimiter::FillRate(std::string_view key) const {
  std::lock_guard lock(mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end() || !it->second.enabled) {
    return std::numeric_limits<double>::infinity();
  }
  return it->second.fill_rate;
}

double AdaptiveRateLimiter::MeasuredRate(std::string_view key) const {
  std::lock_guard lock(mu_);
  auto it = buckets_.find(key);
  return it == buckets_.end() ? 0 : it->second.measured_rate;
}

bool AdaptiveRateLimiter::Enabled(std::string_view key) const {
  std::lock_guard lock(mu_);
  auto it = buckets_.find(key);
  return it != buckets_.end() && it->second.enabled;
}

}  // namespace aws
