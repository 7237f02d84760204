#include "aws/retry/adaptive_rate_limiter.h"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

namespace aws {

namespace {
constexpr double kReliableIntervalSeconds = 2.0;  // see OnThrottleLearned()
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

struct AdaptiveRateLimiter::SlotWaiter {
  explicit SlotWaiter(boost::asio::any_io_executor ex) : timer(std::move(ex)) {}
  boost::asio::steady_timer timer;  // touched only on its own (serial) executor
  bool granted = false;             // guarded by mu_
};

AdaptiveRateLimiter::AdaptiveRateLimiter(const core::Clock& clock, AdaptiveLimiterConfig config)
    : clock_(clock), config_(config) {}

double AdaptiveRateLimiter::NowSeconds() const {
  return static_cast<double>(clock_.Now().micros) / 1e6;
}

bool AdaptiveRateLimiter::AtRest(Bucket& b, double now) {
  if (b.throttled_once || b.last_event >= 0 || b.in_flight != 0 || !b.waiters.empty()) {
    return false;
  }
  if (b.enabled) Refill(b, now);
  return !b.enabled || b.tokens >= b.max_capacity;
}

void AdaptiveRateLimiter::MaybeEvictIdle(double now) {
  const double idle = config_.idle_evict_seconds;
  if (idle <= 0) return;
  if (last_sweep_ < 0) last_sweep_ = now;
  if (now - last_sweep_ < idle / 2) return;
  last_sweep_ = now;
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    const bool at_rest = now - it->second.last_used >= idle && AtRest(it->second, now);
    it = at_rest ? buckets_.erase(it) : std::next(it);
  }
}

void AdaptiveRateLimiter::MaybeEvictOverCap(double now) {
  const std::size_t cap = config_.max_keys;
  if (cap == 0 || buckets_.size() < std::max(cap, cap_sweep_at_)) return;
  using Entry = std::pair<double, decltype(buckets_)::iterator>;  // (last used, key)
  std::vector<Entry> rest;
  for (auto it = buckets_.begin(); it != buckets_.end(); ++it) {
    if (AtRest(it->second, now)) rest.emplace_back(it->second.last_used, it);
  }
  const std::size_t keep = cap / 2;
  const std::size_t excess =
      std::min(rest.size(), buckets_.size() - std::min(buckets_.size(), keep));
  std::nth_element(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(excess), rest.end(),
                   [](const Entry& a, const Entry& b) { return a.first < b.first; });
  for (std::size_t i = 0; i < excess; ++i) buckets_.erase(rest[i].second);
  cap_sweep_at_ = buckets_.size() + std::max<std::size_t>(cap / 2, 1);
}

AdaptiveRateLimiter::Bucket& AdaptiveRateLimiter::BucketFor(std::string_view key, double now) {
  MaybeEvictIdle(now);
  auto it = buckets_.find(key);
  if (it != buckets_.end()) {
    it->second.last_used = now;
    return it->second;
  }
  MaybeEvictOverCap(now);
  Bucket b;
  b.last_used = now;
  b.last_throttle = now;
  b.first_seen = now;
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
  if (b.ceiling > 0) rate = std::min(rate, b.ceiling);
  b.fill_rate = std::max(rate, config_.min_fill_rate);
  b.max_capacity = std::max(rate, config_.min_capacity);
  if (b.burst > 0) b.max_capacity = b.burst;  // the server's bucket refills to its burst too
  b.tokens = std::min(b.tokens, b.max_capacity);
}

void AdaptiveRateLimiter::Seed(std::string_view key, double burst, double refill) {
  std::lock_guard lock(mu_);
  if (buckets_.find(key) != buckets_.end() || burst < 1 || refill <= 0) return;
  const double now = NowSeconds();
  Bucket& b = BucketFor(key, now);
  b.enabled = true;
  b.ceiling = refill * config_.seed_margin;
  b.burst = std::max(1.0, burst - 1);
  b.fill_rate = b.ceiling;
  b.max_capacity = b.burst;
  b.tokens = b.burst;
  b.last_refill = now;
  b.last_max_rate = b.ceiling;
}

void AdaptiveRateLimiter::OnThrottleLearned(Bucket& b, double now) {
  // The server's bucket is empty: ours too (reservations already made keep their debt).
  Refill(b, now);
  b.tokens = std::min(b.tokens, 0.0);
  b.enabled = true;
  if (b.last_event >= 0 && now - b.last_event < config_.merge_throttle_seconds) return;
  double estimate;
  // Only an estimate over a long interval between two events is the server's refill rate;
  // the first one (it includes the burst) and short intervals are noisy.
  const bool reliable = b.last_event >= 0 && now - b.last_event >= kReliableIntervalSeconds;
  if (b.last_event < 0) {
    estimate = b.successes / (now - b.first_seen + config_.assumed_burst_seconds);
  } else {
    estimate = (b.successes - b.successes_at_event) / std::max(now - b.last_event, 1e-3);
  }
  if (b.ceiling > 0) estimate = std::min(estimate, b.ceiling / config_.seed_margin);
  b.throttled_once = true;
  b.last_event = now;
  b.successes_at_event = b.successes;
  b.last_max_rate = std::max(estimate, config_.min_fill_rate);
  b.time_window = std::cbrt(b.last_max_rate * (1 - config_.beta_learned) / config_.scale);
  b.last_throttle = now;
  if (config_.learned_hold_seconds > 0 && reliable) {  // a noisy one leaves a hold as it is
    b.hold_until = now + config_.learned_hold_seconds;
    b.hold_rate = b.last_max_rate * config_.seed_margin;
  }
  SetRate(b, b.last_max_rate * config_.beta_learned, now);
  b.tokens = std::min(b.tokens, 0.0);
}

std::chrono::microseconds AdaptiveRateLimiter::Reserve(std::string_view key) {
  std::lock_guard lock(mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end() || !it->second.enabled) return std::chrono::microseconds(0);
  Bucket& b = it->second;
  const double now = NowSeconds();
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
  std::chrono::microseconds wait = Reserve(key);
  if (wait.count() <= 0) co_return;
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, wait);
  co_await timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
}

bool AdaptiveRateLimiter::Windowed(const Bucket& b, double now) const {
  (void)now;
  return config_.probe_in_flight > 0 && !b.enabled && b.successes < config_.probe_successes;
}

void AdaptiveRateLimiter::GrantWaiters(Bucket& b, double now) {
  const bool windowed = Windowed(b, now);
  while (!b.waiters.empty() && (!windowed || b.in_flight < config_.probe_in_flight)) {
    std::shared_ptr<SlotWaiter> w = std::move(b.waiters.front());
    b.waiters.pop_front();
    w->granted = true;
    ++b.in_flight;
    // Expiring (rather than cancelling) also wakes a waiter whose wait has not started yet.
    boost::asio::post(w->timer.get_executor(), [w] {
      w->timer.expires_at(boost::asio::steady_timer::time_point::min());
    });
  }
}

boost::asio::awaitable<AdaptiveRateLimiter::Slot> AdaptiveRateLimiter::AcquireSlot(
    std::string_view key) {
  std::shared_ptr<SlotWaiter> waiter;
  bool holds = false;
  {
    std::lock_guard lock(mu_);
    const double now = NowSeconds();
    Bucket& b = BucketFor(key, now);
    if (Windowed(b, now) && (b.in_flight >= config_.probe_in_flight || !b.waiters.empty())) {
      waiter = std::make_shared<SlotWaiter>(co_await boost::asio::this_coro::executor);
      b.waiters.push_back(waiter);
    } else {
      ++b.in_flight;
      holds = true;
    }
  }
  if (waiter) {
    waiter->timer.expires_at(boost::asio::steady_timer::time_point::max());
    co_await waiter->timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
    std::lock_guard lock(mu_);
    holds = waiter->granted;
    if (!holds) {  // cancelled while waiting: leave the queue
      auto it = buckets_.find(key);
      if (it != buckets_.end()) std::erase(it->second.waiters, waiter);
    }
  }
  Slot slot = holds ? Slot(this, std::string(key)) : Slot();
  co_await Acquire(key);
  co_return slot;
}

void AdaptiveRateLimiter::ReleaseSlot(std::string_view key) {
  std::lock_guard lock(mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) return;
  Bucket& b = it->second;
  b.in_flight = std::max(0, b.in_flight - 1);
  GrantWaiters(b, NowSeconds());
}

bool AdaptiveRateLimiter::TryEnterWindow(std::string_view key) {
  std::lock_guard lock(mu_);
  const double now = NowSeconds();
  Bucket& b = BucketFor(key, now);
  if (Windowed(b, now) && (b.in_flight >= config_.probe_in_flight || !b.waiters.empty())) {
    return false;
  }
  ++b.in_flight;
  return true;
}

int AdaptiveRateLimiter::InFlight(std::string_view key) const {
  std::lock_guard lock(mu_);
  auto it = buckets_.find(key);
  return it == buckets_.end() ? 0 : it->second.in_flight;
}

AdaptiveRateLimiter::Slot& AdaptiveRateLimiter::Slot::operator=(Slot&& o) noexcept {
  if (this != &o) {
    Release();
    limiter_ = std::exchange(o.limiter_, nullptr);
    key_ = std::move(o.key_);
  }
  return *this;
}

void AdaptiveRateLimiter::Slot::Release() {
  if (limiter_ != nullptr) std::exchange(limiter_, nullptr)->ReleaseSlot(key_);
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

std::size_t AdaptiveRateLimiter::key_count() const {
  std::lock_guard lock(mu_);
  return buckets_.size();
}

bool AdaptiveRateLimiter::HasKey(std::string_view key) const {
  std::lock_guard lock(mu_);
  return buckets_.find(key) != buckets_.end();
}

bool AdaptiveRateLimiter::Enabled(std::string_view key) const {
  std::lock_guard lock(mu_);
  auto it = buckets_.find(key);
  return it != buckets_.end() && it->second.enabled;
}

}  // namespace aws
