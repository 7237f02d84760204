// AdaptiveRateLimiter: the SDKs' "adaptive" retry mode, a client-side token bucket per key
// (account + region + service) whose fill rate follows CUBIC congestion control.
//
// A key's bucket is off until its first throttle (as in the SDKs): until then Acquire() never
// waits, but every response is counted to measure the key's sending rate. On a throttle the
// rate drops to beta (0.7) x min(measured rate, current fill rate), and that rate is remembered
// as the last maximum; on success it grows along the cubic curve
//     rate(t) = C * (t - t_throttle - K)^3 + last_max,   K = cbrt(last_max * (1 - beta) / C)
// (C = 0.4), which climbs back to last_max and then beyond, but never above twice the measured
// sending rate. The fill rate never goes below 0.5/s.
//
// Acquire() reserves a token at once and sleeps on an Asio timer until the bucket has refilled
// to it, so many waiters are served in order without waking each other (tokens may go into
// debt; each reservation waits for its own share of refill).
//
// Thread-safety: all methods may be called concurrently (one mutex); Acquire() must run on an
// io_context. The clock is injectable; Reserve() exposes the waiting decision to tests.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace aws {

struct AdaptiveLimiterConfig {
  double beta = 0.7;            // multiplicative decrease on a throttle
  double scale = 0.4;           // C of the cubic curve
  double smoothing = 0.8;       // weight of the newest sample of the measured sending rate
  double bucket_seconds = 0.5;  // measurement interval of the sending rate
  double min_fill_rate = 0.5;   // tokens per second
  double min_capacity = 1.0;    // tokens
};

class AdaptiveRateLimiter {
 public:
  explicit AdaptiveRateLimiter(const core::Clock& clock = core::SystemClock::Get(),
                               AdaptiveLimiterConfig config = {});

  // Waits until `key` may send one request. Returns at once while the key has never been
  // throttled. Cancellation ends the wait early (without an exception).
  boost::asio::awaitable<void> Acquire(std::string_view key);
  // Takes one token of `key` now and returns how long to wait before using it (0 = go).
  std::chrono::microseconds Reserve(std::string_view key);
  // Reports the outcome of one request sent under `key`.
  void OnResponse(std::string_view key, bool throttled);

  // Tokens per second of `key`; +infinity while its bucket is off.
  double FillRate(std::string_view key) const;
  double MeasuredRate(std::string_view key) const;
  bool Enabled(std::string_view key) const;

 private:
  struct Bucket {
    bool enabled = false;
    double fill_rate = 0;     // tokens/s
    double max_capacity = 0;  // tokens
    double tokens = 0;        // may be negative: reserved by waiting callers
    double last_refill = -1;  // seconds; < 0 before the first refill
    double last_max_rate = 0;
    double last_throttle = 0;
    double time_window = 0;   // K
    double measured_rate = 0;
    double last_tx_bucket = 0;
    int tx_count = 0;
  };

  double NowSeconds() const;
  Bucket& BucketFor(std::string_view key, double now);  // REQUIRES: mu_ held
  void Refill(Bucket& b, double now);                    // REQUIRES: mu_ held
  void MeasureRate(Bucket& b, double now);               // REQUIRES: mu_ held
  void SetRate(Bucket& b, double rate, double now);      // REQUIRES: mu_ held

  const core::Clock& clock_;
  const AdaptiveLimiterConfig config_;
  mutable std::mutex mu_;
  std::map<std::string, Bucket, std::less<>> buckets_;  // guarded by mu_
};

}  // namespace aws
