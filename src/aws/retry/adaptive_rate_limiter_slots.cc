// AdaptiveRateLimiter's probe window (adaptive_rate_limiter.h, "Probe window"): a key without
// a seed and never throttled has at most probe_in_flight requests in flight until
// probe_successes of them succeeded. AcquireSlot waits (on an Asio timer) for a place in the
// window, then for a token (Acquire); a Slot gives its place back when it is released or
// destroyed, granting the next waiters in order.
//
// Thread-safety: the members take mu_; a waiter's timer is touched only on its own executor
// (grants are posted to it), `granted` only under mu_.
#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <utility>

#include "aws/retry/adaptive_rate_limiter.h"

namespace aws {

struct AdaptiveRateLimiter::SlotWaiter {
  explicit SlotWaiter(boost::asio::any_io_executor ex) : timer(std::move(ex)) {}
  boost::asio::steady_timer timer;  // touched only on its own (serial) executor
  bool granted = false;             // guarded by mu_
};

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

}  // namespace aws
