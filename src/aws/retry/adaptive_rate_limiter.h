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
// debt; each reservation waits for its own share of refill). With per-key learning, a throttle
// event that changes a key's rate also drops the debt of the reservations made before it: they
// were timed at the old rate, and each is made again, at the new rate, when its wait ends
// (Revise()). Kept, 16 callers queued on a key whose rate fell from 4/s to 0.8/s went on
// at 4/s for seconds after the throttle, each throttled in turn: a slow unpublished API lost
// 6-24 % of its requests to throttles (per_key_learning_test.cc).
//
// Batched release (release_quantum_seconds > 0; PerKeyLearning() sets 0.25 s): a reservation
// that has to wait is released at the next multiple of the quantum on the clock (never earlier
// than its own share of refill), so callers paced by a slow bucket (Kinesis's 20/s) wake
// together, a few per wakeup, instead of one sleep, timer and cold-cache wakeup per request:
// at 19/s that cost ~5x the CPU per request of an unpaced API (issue 11). The rate is
// unchanged; a batch holds at most rate x quantum requests that were all due.
//
// Per-key learning (AdaptiveLimiterConfig::PerKeyLearning(), what AwsClient uses; issue 13.3):
//  * Seed(key, burst, refill) starts a key's bucket enabled and full with a published limit
//    (published_limits.h); its fill rate never exceeds refill x seed_margin nor its capacity
//    the burst. Successes never lower a seeded key that has not been throttled.
//  * Throttles of one key that arrive within merge_throttle_seconds of the last counted one
//    were in flight together: they empty the key's bucket (the server's is empty) but change
//    its rate only once.
//  * The rate after a throttle comes from what the server admitted, not from what we sent:
//    between two throttle events the server's bucket went from empty to empty, so the successes
//    in between over the time in between are its refill rate; at the first event, successes
//    over (age of the key + assumed_burst_seconds). AWS's published buckets hold 1-5 s of their
//    refill rate; assuming 3 s keeps the first estimate x beta_learned at or under the refill
//    of every bucket holding up to 3 s of it and within 1.5x of the deepest (5 s), so the
//    first throttle is rarely followed by a second one a moment later (assuming 2 s, the
//    throttle scenario's 100 burst / 20/s buckets drained by the probe window were estimated
//    at ~36/s: 8 throttles per key instead of 3, 0.8-1.3 % of its requests). The new rate is
//    beta_learned x that estimate, then grows along the cubic curve as below. Nothing is
//    shared between keys: one throttled API never slows another.
//  * The first estimate is low for shallow buckets (a 20 burst / 20/s one is estimated at
//    ~8/s), and while the key runs under it the server's bucket refills to its burst and
//    stops counting, so the next interval's successes understate the refill rate too. The
//    first reliable estimate therefore sets the rate but no hold (below): the cubic curve
//    probes on to the next event, whose interval starts with the server's bucket empty and
//    the key near its rate (a 20 burst / 20/s bucket took 1.5x its bound held at the low
//    estimate, 1.1x now; per_key_learning_test.cc).
//  * A learned key holds its rate at or under seed_margin x its estimate for
//    learned_hold_seconds after each throttle event before the cubic curve may probe above it:
//    a key paced at its server's refill rate otherwise probed past it every few seconds and
//    took a throttle per request in flight each time (2.3 % of the throttle scenario's
//    requests on long-paced keys). Across a hold the key sends under its estimate and the
//    server's bucket stands full, so the successes over the interval that ends at the next
//    throttle are the key's own rate again, a lower bound: estimates from such intervals
//    stayed where they were (a 10 burst / 10/s key held at 6/s for its whole run). The
//    estimate after a hold that ran out without a throttle is therefore a geometric mean of
//    that lower bound and beta_learned x the rate the probe was sending at when throttled
//    (min of measured and fill rate), which the server has just refused, weighted 0.7 / 0.3
//    towards the lower bound: steps in log space between the two (1.58 -> 1.17x its bound on
//    that key; per_key_learning_test.cc). An equal weight gained little more and, on deep
//    buckets whose drained burst inflates the probe's rate, held keys above their refill.
//    The same mean is taken after an interval whose estimate is over 1.5x the last one: the
//    key climbed from well under the refill rate (a shallow bucket's first estimate is low,
//    ~1/3 of the refill of a 10 burst / 10/s one) and the server's bucket stood full for part
//    of the interval, so its successes understate the refill too. Not after every interval:
//    a key that climbed only a little (SQS's 100 burst / 50/s: 41/s to 50/s) spent the
//    interval near or above the refill, its successes are the refill, and the mean put it
//    ~10 % above (session 12: the 54-shape sweep's mean wall over bound 1.14 -> 1.10 on slow
//    buckets and 1.06 -> 1.05 on the others, worst 1.60 -> 1.46 and 1.70 -> 1.52, for ~5 %
//    more throttles; per_key_learning_test.cc).
//  * Probe window (probe_in_flight > 0): a key without a seed that has not been throttled
//    has at most probe_in_flight requests in flight until probe_successes of its requests
//    succeeded (AcquireSlot()). Its first throttle costs one throttled answer per request in
//    flight, as the server's bucket empties with all of them on the wire (16 per key with a
//    16-wide enrichment: 4 % of the throttle scenario's SQS requests). A few requests in
//    flight still send faster than any refill rate AWS uses at API latencies (4 at 50 ms =
//    80/s), so only the burst is drained more slowly. A key whose server admitted 1,000
//    requests without a throttle (more than any published burst, <= 200, plus seconds of the
//    highest published refill rates) has a deep bucket; its window opens. Counted, not timed:
//    a key whose requests trickle in for a while has proven nothing (with a 10 s rule, keys
//    slowed by the rest of a 62-kind resync opened their window before their first throttle
//    and took 15 throttles each: 2.6 % of the throttle scenario).
// The default configuration is the SDKs' algorithm as described above.
//
// Idle keys (idle_evict_seconds > 0; PerKeyLearning() sets 60 s): a key unused for that long
// whose bucket is at rest — never throttled, and off or refilled to its burst, so no waiter
// holds a reservation — is forgotten: coming back, it starts exactly as it would have gone on
// (off, or full with its seed; an unknown key's probe window starts again). A key with
// requests in its probe window or callers waiting for it is never at rest. A resync touches
// accounts x regions x APIs keys, each for one scope (1,000 accounts x 17 regions: millions);
// kept, they grew memory with every scope
// (issue 13.4). Throttled keys are kept: what they learnt is not at rest. Sweeps run at most
// every idle_evict_seconds / 2, from the calls that touch a key.
// Key cap (max_keys > 0; PerKeyLearning() sets 8,192): when a new key would make more than
// max_keys, the keys at rest that were used longest ago are forgotten at once (down to half the
// cap), whatever their idle time. At 1,000 accounts x 17 regions a resync touches ~5,000 new
// keys a second, so 60 s of idle keys were several 100,000 buckets (~1 KB each: the largest
// holder of the scale scenario; issue 13.4); the cap bounds them to a few MB. Keys in use (in
// flight, waited for, throttled, refilling) are never at rest, so only keys of scopes already
// done go. Sweeps are amortised: the next one comes after max_keys / 2 more keys.
//
// Thread-safety: all methods may be called concurrently (one mutex); Acquire() and
// AcquireSlot() must run on an io_context, and AcquireSlot()'s callers of one key on serial
// executors (a single-threaded io_context or strands: a waiter is woken by a handler posted to
// its own executor). The clock is injectable; Reserve() exposes the waiting decision to tests.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "core/clock.h"

namespace aws {

struct AdaptiveLimiterConfig {
  double beta = 0.7;            // multiplicative decrease on a throttle
  double scale = 0.4;           // C of the cubic curve
  double smoothing = 0.8;       // weight of the newest sample of the measured sending rate
  double bucket_seconds = 0.5;  // measurement interval of the sending rate
  double min_fill_rate = 0.5;   // tokens per second
  double min_capacity = 1.0;    // tokens
  // Per-key learning (see above); off in the SDKs' algorithm.
  bool learn_from_admitted = false;
  double merge_throttle_seconds = 0;
  double assumed_burst_seconds = 3.0;
  double beta_learned = 0.9;
  double seed_margin = 0.95;  // seeded keys run at this share of the published refill rate
  double release_quantum_seconds = 0;  // batched release of waiting reservations (see above)
  double learned_hold_seconds = 0;     // learned keys stay under their estimate (see above)
  int probe_in_flight = 0;             // probe window of unknown keys; 0 = none
  int probe_successes = 1000;
  double idle_evict_seconds = 0;       // forget idle keys at rest after this long (0: never)
  std::size_t max_keys = 0;            // forget the oldest keys at rest beyond this (0: no cap)

  static AdaptiveLimiterConfig PerKeyLearning();
};

class AdaptiveRateLimiter {
 public:
  explicit AdaptiveRateLimiter(const core::Clock& clock = core::SystemClock::Get(),
                               AdaptiveLimiterConfig config = {});

  // Waits until `key` may send one request. Returns at once while the key has never been
  // throttled. Cancellation ends the wait early (without an exception).
  boost::asio::awaitable<void> Acquire(std::string_view key);

  // A request's place in its key's probe window: released when destroyed (after the answer
  // was reported with OnResponse, or when the request is abandoned). Empty when no window
  // applied. Move-only.
  class Slot {
   public:
    Slot() = default;
    Slot(AdaptiveRateLimiter* limiter, std::string key) : limiter_(limiter), key_(std::move(key)) {}
    Slot(Slot&& o) noexcept : limiter_(std::exchange(o.limiter_, nullptr)), key_(std::move(o.key_)) {}
    Slot& operator=(Slot&& o) noexcept;
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot() { Release(); }
    void Release();
    bool held() const { return limiter_ != nullptr; }

   private:
    AdaptiveRateLimiter* limiter_ = nullptr;
    std::string key_;
  };
  // Acquire() after waiting for a place in the key's probe window (see above).
  boost::asio::awaitable<Slot> AcquireSlot(std::string_view key);
  // Requests of `key` holding a slot now (tests, metrics).
  int InFlight(std::string_view key) const;
  // The window without waiting (discrete-event simulations in tests): takes a place and
  // returns true, or returns false when the window is full; LeaveWindow() gives one back.
  bool TryEnterWindow(std::string_view key);
  void LeaveWindow(std::string_view key) { ReleaseSlot(key); }
  // Takes one token of `key` now and returns how long to wait before using it (0 = go).
  // `epoch`, when given, receives the key's rate epoch for Revise().
  std::chrono::microseconds Reserve(std::string_view key, std::uint32_t* epoch = nullptr);
  // For a reservation whose wait has ended: 0 (go) unless a throttle event changed the key's
  // rate since `*epoch`; then the reservation is made again at the new rate, `*epoch` is
  // updated and the new wait returned. Acquire() waits until it returns 0.
  std::chrono::microseconds Revise(std::string_view key, std::uint32_t* epoch);
  // Starts `key` with a published limit, unless the key already exists (then nothing changes).
  void Seed(std::string_view key, double burst, double refill);
  // Reports the outcome of one request sent under `key`.
  void OnResponse(std::string_view key, bool throttled);

  // Tokens per second of `key`; +infinity while its bucket is off.
  double FillRate(std::string_view key) const;
  double MeasuredRate(std::string_view key) const;
  bool Enabled(std::string_view key) const;
  // How many keys the limiter holds (idle keys at rest are evicted, see above).
  std::size_t key_count() const;
  bool HasKey(std::string_view key) const;  // tests: the key's state is held

 private:
  struct SlotWaiter;  // one AcquireSlot() waiting for a place in its key's window
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
    // Per-key learning.
    double ceiling = 0;         // > 0 for seeded keys: the highest fill rate
    double burst = 0;           // seeded keys: the highest capacity
    bool throttled_once = false;
    bool refined = false;       // a reliable estimate was made: the next one may hold
    double first_seen = 0;
    double successes = 0;
    double successes_at_event = 0;
    double last_event = -1;     // time of the last counted throttle event
    double hold_until = -1;     // learned keys: the rate stays <= hold_rate until then
    double hold_from = -1;      // the throttle event that set the hold
    double hold_rate = 0;
    std::uint32_t epoch = 0;    // per-key learning: throttle events that changed the rate
    // Probe window. A list, not a deque: an empty std::deque allocates 576 bytes, and a
    // resync holds hundreds of thousands of keys whose windows never have a waiter (at 50
    // accounts x 17 regions, 17 of the 35 MB the limiter held; issue 13.4).
    int in_flight = 0;
    std::list<std::shared_ptr<SlotWaiter>> waiters;
    double last_used = 0;       // for idle eviction
  };

  double NowSeconds() const;
  Bucket& BucketFor(std::string_view key, double now);  // REQUIRES: mu_ held
  void Refill(Bucket& b, double now);                    // REQUIRES: mu_ held
  std::chrono::microseconds TakeToken(Bucket& b, double now);  // REQUIRES: mu_ held
  void MeasureRate(Bucket& b, double now);               // REQUIRES: mu_ held
  void SetRate(Bucket& b, double rate, double now);      // REQUIRES: mu_ held
  void OnThrottleLearned(Bucket& b, double now);         // REQUIRES: mu_ held
  bool Windowed(const Bucket& b, double now) const;      // REQUIRES: mu_ held
  void GrantWaiters(Bucket& b, double now);              // REQUIRES: mu_ held
  void ReleaseSlot(std::string_view key);
  void MaybeEvictIdle(double now);                       // REQUIRES: mu_ held
  void MaybeEvictOverCap(double now);                    // REQUIRES: mu_ held
  bool AtRest(Bucket& b, double now);                    // REQUIRES: mu_ held

  const core::Clock& clock_;
  const AdaptiveLimiterConfig config_;
  mutable std::mutex mu_;
  std::map<std::string, Bucket, std::less<>> buckets_;  // guarded by mu_
  double last_sweep_ = -1;                               // guarded by mu_
  std::size_t cap_sweep_at_ = 0;                         // guarded by mu_
};

}  // namespace aws
