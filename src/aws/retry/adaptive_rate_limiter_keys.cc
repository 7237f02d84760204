// AdaptiveRateLimiter's key table (adaptive_rate_limiter.h, "Idle keys" and "Seed"): a bucket
// per key made on first use, seeded buckets, and the eviction of keys at rest — unused for
// idle_evict_seconds, or the least recently used ones once max_keys is reached. Only a key at
// rest is forgotten (never throttled, no request in flight, no waiter, its bucket off or full),
// so coming back it starts exactly as it would have gone on.
//
// Thread-safety: Seed, key_count and HasKey take mu_; BucketFor and the eviction helpers run
// under it (no Bucket& is held across a BucketFor, which may erase other buckets).
#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "aws/retry/adaptive_rate_limiter.h"

namespace aws {

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

std::size_t AdaptiveRateLimiter::key_count() const {
  std::lock_guard lock(mu_);
  return buckets_.size();
}

bool AdaptiveRateLimiter::HasKey(std::string_view key) const {
  std::lock_guard lock(mu_);
  return buckets_.find(key) != buckets_.end();
}

}  // namespace aws
