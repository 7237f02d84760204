// AdaptiveRateLimiter (adaptive_rate_limiter.h): rate learning — refill, the measured sending
// rate, the CUBIC curve and its per-key learning (throttle estimates, holds) — and Reserve /
// Acquire. The key table (buckets, seeds, eviction) is in adaptive_rate_limiter_keys.cc, the
// probe window's slots in adaptive_rate_limiter_slots.cc.
//
// Thread-safety: every public member takes mu_; the private helpers run under it.
#include "aws/retry/adaptive_rate_limiter.h"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cmath>
#include <limits>

namespace aws {

namespace {
constexpr double kReliableIntervalSeconds = 2.0;  // see OnThrottleLearned()
// The refused probe's weight in the estimate after a hold or a climb (adaptive_rate_limiter.h):
// a hold above the refill costs a throttle per request in flight for its 30 s, one under it
// only time.
constexpr double kProbedWeight = 0.3;
// An interval estimate this far above the last one: the key climbed from well under the
// refill rate, so the server's bucket stood full for part of the interval (see the header).
constexpr double kClimbedFactor = 1.5;
}  // namespace

AdaptiveLimiterConfig AdaptiveLimiterConfig::PerKeyLearning() {
  AdaptiveLimiterConfig c;
  c.learn_from_admitted = true;
  c.merge_throttle_seconds = 0.25;
  c.release_quantum_seconds = 0.25;
  c.learned_hold_seconds = 30;
  c.probe_in_flight = 4;
  c.probe_successes = 1000;
  c.idle_evict_seconds = 60;
  c.max_keys = 8192;
  return c;
}

AdaptiveRateLimiter::AdaptiveRateLimiter(const core::Clock& clock, AdaptiveLimiterConfig config)
    : clock_(clock), config_(config) {}

double AdaptiveRateLimiter::NowSeconds() const {
  return static_cast<double>(clock_.Now().micros) / 1e6;
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
  if (b.ceiling > 0) rate = std::min(rate, b.ceiling);
  b.fill_rate = std::max(rate, config_.min_fill_rate);
  b.max_capacity = std::max(rate, config_.min_capacity);
  if (b.burst > 0) b.max_capacity = b.burst;  // the server's bucket refills to its burst too
  b.tokens = std::min(b.tokens, b.max_capacity);
}

void AdaptiveRateLimiter::OnThrottleLearned(Bucket& b, double now) {
  // The server's bucket is empty: ours too (a throttle merged into the last event keeps the
  // debt of reservations already made: the rate does not change).
  Refill(b, now);
  b.tokens = std::min(b.tokens, 0.0);
  b.enabled = true;
  if (b.last_event >= 0 && now - b.last_event < config_.merge_throttle_seconds) return;
  // The rate changes: reservations timed at the old one are made again (Revise()).
  b.tokens = 0;
  ++b.epoch;
  double estimate;
  // Only an estimate over a long interval between two events is the server's refill rate;
  // the first one (it includes the burst) and short intervals are noisy.
  const bool reliable = b.last_event >= 0 && now - b.last_event >= kReliableIntervalSeconds;
  if (b.last_event < 0) {
    estimate = b.successes / (now - b.first_seen + config_.assumed_burst_seconds);
  } else {
    estimate = (b.successes - b.successes_at_event) / std::max(now - b.last_event, 1e-3);
    // After a hold that ran out without a throttle, or a climb from well under the refill,
    // the successes are a lower bound and the probe's rate an upper one (see the header): a
    // geometric mean weighted to the lower.
    const bool after_clean_hold =
        b.hold_until > 0 && now >= b.hold_until && b.last_event == b.hold_from;
    const bool climbed = estimate > kClimbedFactor * b.last_max_rate;
    const double probed = config_.beta_learned * std::min(b.measured_rate, b.fill_rate);
    if (reliable && (after_clean_hold || climbed) && probed > estimate) {
      estimate = std::pow(estimate, 1 - kProbedWeight) * std::pow(probed, kProbedWeight);
    }
  }
  if (b.ceiling > 0) estimate = std::min(estimate, b.ceiling / config_.seed_margin);
  b.throttled_once = true;
  b.last_event = now;
  b.successes_at_event = b.successes;
  b.last_max_rate = std::max(estimate, config_.min_fill_rate);
  b.time_window = std::cbrt(b.last_max_rate * (1 - config_.beta_learned) / config_.scale);
  b.last_throttle = now;
  // A noisy estimate leaves a hold as it is; the first reliable one sets none (see the header).
  const bool may_hold = reliable && b.refined;
  if (reliable) b.refined = true;
  if (config_.learned_hold_seconds > 0 && may_hold) {
    b.hold_from = now;
    b.hold_until = now + config_.learned_hold_seconds;
    b.hold_rate = b.last_max_rate * config_.seed_margin;
  }
  SetRate(b, b.last_max_rate * config_.beta_learned, now);  // tokens stay 0 (set above)
}

std::chrono::microseconds AdaptiveRateLimiter::Reserve(std::string_view key,
                                                       std::uint32_t* epoch) {
  std::lock_guard lock(mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end() || !it->second.enabled) return std::chrono::microseconds(0);
  if (epoch != nullptr) *epoch = it->second.epoch;
  return TakeToken(it->second, NowSeconds());
}

std::chrono::microseconds AdaptiveRateLimiter::Revise(std::string_view key, std::uint32_t* epoch) {
  std::lock_guard lock(mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end() || !it->second.enabled || it->second.epoch == *epoch) {
    return std::chrono::microseconds(0);
  }
  *epoch = it->second.epoch;  // its token went with the debt the throttle event dropped
  return TakeToken(it->second, NowSeconds());
}

std::chrono::microseconds AdaptiveRateLimiter::TakeToken(Bucket& b, double now) {
  b.last_used = now;
  Refill(b, now);
  b.tokens -= 1;
  if (b.tokens >= 0) return std::chrono::microseconds(0);
  double wait = -b.tokens / b.fill_rate;
  if (const double q = config_.release_quantum_seconds; q > 0) {
    // Up to the next multiple of q on the clock: all waiters due in one quantum wake together.
    wait = std::ceil((now + wait) / q - 1e-9) * q - now;
  }
  return std::chrono::microseconds(static_cast<int64_t>(std::ceil(wait * 1e6)));
}

boost::asio::awaitable<void> AdaptiveRateLimiter::Acquire(std::string_view key) {
  std::uint32_t epoch = 0;
  std::chrono::microseconds wait = Reserve(key, &epoch);
  if (wait.count() <= 0) co_return;
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
  while (wait.count() > 0) {
    timer.expires_after(wait);
    auto [ec] = co_await timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
    if (ec) co_return;  // cancelled: the wait ends early
    wait = Revise(key, &epoch);
  }
}

void AdaptiveRateLimiter::OnResponse(std::string_view key, bool throttled) {
  std::lock_guard lock(mu_);
  double now = NowSeconds();
  Bucket& b = BucketFor(key, now);
  MeasureRate(b, now);
  if (config_.learn_from_admitted) {
    if (throttled) {
      OnThrottleLearned(b, now);
      return;
    }
    b.successes += 1;
    if (!b.throttled_once) return;  // seeded keys keep their seed; others stay off
    // After a hold the cubic curve starts again from its end (else it would jump to what it
    // had grown to meanwhile, and a burst would throttle every request in flight).
    const double origin = b.hold_until > 0 && now >= b.hold_until ? b.hold_until
                                                                  : b.last_throttle;
    double rate = config_.scale * std::pow(now - origin - b.time_window, 3) + b.last_max_rate;
    rate = std::min(rate, std::max(2 * b.measured_rate, b.last_max_rate));
    if (now < b.hold_until) rate = std::min(rate, b.hold_rate);
    SetRate(b, rate, now);
    return;
  }
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
