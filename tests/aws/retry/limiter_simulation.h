// The per-key limiter's test bed: AWS's token bucket (ServerBucket), a discrete-event
// simulation of callers sending through the limiter on a fake clock (Simulate), and the fixture
// of the PerKeyLimiterTest suite, shared by per_key_limiter_test.cc (the limiter's rules) and
// per_key_learning_test.cc (learning unpublished limits, simulated).
//
// Thread-safety: single-threaded tests only.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <queue>
#include <string_view>
#include <vector>

#include "aws/retry/adaptive_rate_limiter.h"
#include "fakes/fake_clock.h"

namespace aws::limiter_sim {

using std::chrono::microseconds;
using std::chrono::milliseconds;

// AWS's side: a token bucket per key (burst, refill/s); a throttled request takes no token.
struct ServerBucket {
  double burst, refill, tokens, last;
  ServerBucket(double b, double r, double now) : burst(b), refill(r), tokens(b), last(now) {}
  bool Admit(double now) {
    tokens = std::min(burst, tokens + (now - last) * refill);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  }
};

struct SimResult {
  int admitted = 0;
  int throttled = 0;
  double seconds = 0;
  int max_in_flight = 0;
};

// `concurrency` callers each take a place in the key's probe window (or queue for one), reserve
// a token, wait what the limiter says (as Acquire(): until Revise() says go), send (the request
// reaches the server after latency/2),
// get the answer after `latency`, give the place back and start over, until `total` requests
// were admitted. A discrete-event simulation on the fake clock.
inline SimResult Simulate(AdaptiveRateLimiter& limiter, testing_fakes::FakeClock& clock,
                   std::string_view key, ServerBucket server, int total, int concurrency,
                   microseconds latency) {
  enum Type { kReserve, kWake, kArrive, kAnswer };
  struct Event {
    std::int64_t at;
    Type type;
    bool ok;
    std::uint32_t epoch = 0;  // kWake: the reservation's rate epoch
    bool operator>(const Event& o) const { return at > o.at; }
  };
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
  const std::int64_t start = clock.Now().micros;
  for (int i = 0; i < concurrency; ++i) events.push({start, kReserve, false});
  int queued = 0;  // callers waiting for a place in the window
  SimResult r;
  while (!events.empty() && r.admitted < total) {
    Event e = events.top();
    events.pop();
    clock.Set(core::Timestamp{e.at});
    switch (e.type) {
      case kReserve:
        if (!limiter.TryEnterWindow(key)) {
          ++queued;
          break;
        }
        r.max_in_flight = std::max(r.max_in_flight, limiter.InFlight(key));
        {
          std::uint32_t epoch = 0;
          const std::int64_t wait = limiter.Reserve(key, &epoch).count();
          events.push({e.at + wait, kWake, false, epoch});
        }
        break;
      case kWake: {
        const std::int64_t wait = limiter.Revise(key, &e.epoch).count();
        if (wait > 0) {
          events.push({e.at + wait, kWake, false, e.epoch});
        } else {
          events.push({e.at + latency.count() / 2, kArrive, false});
        }
        break;
      }
      case kArrive:
        events.push({e.at + latency.count() / 2, kAnswer, server.Admit(e.at / 1e6)});
        break;
      case kAnswer:
        limiter.OnResponse(key, !e.ok);
        limiter.LeaveWindow(key);
        (e.ok ? r.admitted : r.throttled) += 1;
        events.push({e.at, kReserve, false});
        for (; queued > 0; --queued) events.push({e.at, kReserve, false});  // they try again
        break;
    }
  }
  r.seconds = (clock.Now().micros - start) / 1e6;
  // Requests still on the wire when the total was reached give their places back.
  for (; !events.empty(); events.pop()) {
    if (events.top().type != kReserve) limiter.LeaveWindow(key);
  }
  return r;
}

class PerKeyLimiterTest : public ::testing::Test {
 protected:
  // `total` requests of `key` through limiter_ against a fresh server bucket, by 16 callers
  // at 50 ms latency (the enrichment's width and the scenarios' latency).
  SimResult SimulateKey(std::string_view key, double burst, double refill, int total) {
    return Simulate(limiter_, clock_, key, ServerBucket(burst, refill, clock_.Now().micros / 1e6),
                    total, 16, milliseconds(50));
  }

  testing_fakes::FakeClock clock_;
  AdaptiveRateLimiter limiter_{clock_, AdaptiveLimiterConfig::PerKeyLearning()};
};

}  // namespace aws::limiter_sim
