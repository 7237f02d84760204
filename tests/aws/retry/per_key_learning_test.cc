// The per-key limiter learning limits AWS publishes nothing for (issue 13.3), in the
// discrete-event simulation of limiter_simulation.h: the first throttle's estimate, holds, the
// re-timing of queued callers, and a sweep over bucket shapes that guards the tuning as a whole.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "aws/retry/adaptive_rate_limiter.h"
#include "aws/retry/limiter_simulation.h"
#include "fakes/fake_clock.h"

namespace aws {
namespace {

using limiter_sim::PerKeyLimiterTest;
using limiter_sim::ServerBucket;
using limiter_sim::SimResult;
using limiter_sim::Simulate;
using std::chrono::milliseconds;

// A slow API AWS publishes nothing for (2/s, 10 burst): without re-timing, 16 queued callers
// went on at the old rate after each throttle and 16 % of the requests were throttled.
TEST_F(PerKeyLimiterTest, SlowUnpublishedKeyLosesFewRequestsToThrottles) {
  SimResult r = SimulateKey("slow", 10, 2, 1000);
  EXPECT_LT(r.throttled, 40) << r.throttled << " throttled, " << r.seconds << " s";  // < 4 %
  EXPECT_LT(r.seconds, 1.15 * (1000 - 10) / 2.0) << r.seconds;
}

// An API AWS publishes nothing for (SQS here, 100 burst / 50 per s as the fake meters it): the
// limiter learns the rate from its throttles and then stays close to it with few throttles.
TEST_F(PerKeyLimiterTest, LearnsAnUnpublishedBucketWithFewThrottles) {
  SimResult r = SimulateKey("sqs", 100, 50, 1000);
  const double bound = (1000 - 100) / 50.0;  // the server's own pace after its burst
  EXPECT_LT(r.seconds, 1.15 * bound) << r.seconds << " s, " << r.throttled << " throttled";
  // The first throttle finds the requests in flight when the server's burst ran out: the probe
  // window keeps them to 4 of the 16 callers; after that the learned rate keeps throttles
  // rare: < 1 % in all.
  EXPECT_LT(r.throttled, 10) << r.throttled << " throttled, " << r.seconds << " s";
  EXPECT_LE(r.max_in_flight, 16);
  EXPECT_GT(limiter_.FillRate("sqs"), 35);
  EXPECT_LT(limiter_.FillRate("sqs"), 65);
}

// The probe window: an unknown key has at most 4 requests in flight, however many callers,
// until 1,000 of its requests succeeded without a throttle (time alone opens nothing); then 16
// go at once; a seeded key never has one.
TEST_F(PerKeyLimiterTest, UnknownKeysProbeWithFewRequestsInFlight) {
  const auto run = [&](int n) {
    return SimulateKey("q", 1e9, 1e9, n);
  };
  SimResult r = run(900);
  EXPECT_EQ(r.max_in_flight, 4);
  EXPECT_EQ(r.throttled, 0);
  EXPECT_NEAR(r.seconds, 900 / 4 * 0.05, 0.1);  // 4 at a time, 50 ms each
  clock_.Advance(milliseconds(30'000));         // 30 s later, 900 successes: still closed
  EXPECT_EQ(run(40).max_in_flight, 4);
  SimResult open = run(400);                    // passes 1,000 successes: the window opens
  EXPECT_EQ(open.max_in_flight, 16);

  limiter_.Seed("seeded", 100, 20);
  for (int i = 0; i < 16; ++i) EXPECT_TRUE(limiter_.TryEnterWindow("seeded")) << i;
  EXPECT_EQ(limiter_.InFlight("seeded"), 16);
}

// A key paced at what its server admits stays under the learned rate for a while instead of
// probing past it every few seconds (each probe cost a throttle per request in flight).
TEST_F(PerKeyLimiterTest, LearnedKeyHoldsItsRateInsteadOfProbing) {
  AdaptiveLimiterConfig probing = AdaptiveLimiterConfig::PerKeyLearning();
  probing.learned_hold_seconds = 0;
  testing_fakes::FakeClock clock2;
  AdaptiveRateLimiter old_style{clock2, probing};
  const auto run = [](AdaptiveRateLimiter& l, testing_fakes::FakeClock& c) {
    return Simulate(l, c, "p", ServerBucket(100, 20, c.Now().micros / 1e6), 2000, 16,
                    milliseconds(50));
  };
  SimResult held = run(limiter_, clock_);
  SimResult probed = run(old_style, clock2);
  // Learning takes a few events in the first seconds (the first estimate includes the burst);
  // then one throttle event every ~30 s instead of every few seconds.
  EXPECT_LT(held.throttled, 40) << held.throttled << " vs " << probed.throttled;  // < 2 %
  EXPECT_GT(probed.throttled, 3 * held.throttled) << probed.throttled;
  EXPECT_LT(held.seconds, 1.15 * (2000 - 100) / 20.0) << held.seconds;
}

// A 10 burst / 10/s key: across each 30 s hold it sends under its estimate and the server's
// bucket stands full, so successes over the interval are only its own rate; the estimate after
// a hold that ran out is the geometric mean of that and the rate the server refused, and the key
// climbs to its refill instead of staying at 6/s (1.58x its bound).
TEST_F(PerKeyLimiterTest, KeyHeldUnderItsRefillClimbsBackAfterTheHold) {
  SimResult r = SimulateKey("held", 10, 10, 3000);
  EXPECT_LT(r.seconds, 1.2 * (3000 - 10) / 10.0) << r.seconds << " s, " << r.throttled;
  EXPECT_LT(r.throttled, 60) << r.throttled << " throttled";  // < 2 %
}

// A 10 burst / 10/s key with 200 requests: the first estimate (~3/s) is a third of the
// refill, and the next interval's successes (~5/s) understate it as well, the key having
// climbed from under the refill while the server's bucket stood full. Taken as they were, the
// key was held at ~6/s: 1.70x its bound. Being over 1.5x the last estimate, that interval's
// estimate is the mean with the refused probe's rate instead, and the key is held at ~7/s from
// the next event on: 1.52x.
TEST_F(PerKeyLimiterTest, ShallowKeyClimbingFromALowFirstEstimateIsNotHeldThere) {
  SimResult r = SimulateKey("shallow10", 10, 10, 200);
  EXPECT_LT(r.seconds, 1.6 * (200 - 10) / 10.0) << r.seconds << " s, " << r.throttled;
  EXPECT_LE(r.throttled, 8) << r.throttled << " throttled";
  EXPECT_GT(limiter_.FillRate("shallow10"), 6.5) << "held at the understated estimate";
  EXPECT_LT(limiter_.FillRate("shallow10"), 10.5) << "above its refill";
}

// A published limit: paced from the first request, no throttles at all.
TEST_F(PerKeyLimiterTest, SeededKeyIsNeverThrottledAndNearTheBound) {
  limiter_.Seed("ec2", 100, 20);
  SimResult r = SimulateKey("ec2", 100, 20, 500);
  EXPECT_EQ(r.throttled, 0);
  EXPECT_LT(r.seconds, 1.1 * (500 - 100) / 20.0);
}

// The first throttle of an unpublished key comes when the probe window has drained the
// server's burst. For every bucket holding up to 3 s of its refill rate and any probing rate
// above the refill, the rate learned from it is at or under the server's refill, so no second
// throttle follows at once; for the deepest published shape (5 s) it is within 1.5x.
TEST_F(PerKeyLimiterTest, FirstEstimateStaysUnderTheRefillOfPublishedShapes) {
  int checked = 0;
  for (double refill : {5.0, 20.0, 100.0}) {
    for (double burst_seconds : {1.0, 2.0, 3.0, 5.0}) {
      for (double probing : {2 * refill, 80.0, 160.0}) {
        if (probing <= refill) continue;
        testing_fakes::FakeClock clock;
        AdaptiveRateLimiter limiter{clock, AdaptiveLimiterConfig::PerKeyLearning()};
        // The server admits everything until its burst is gone: B + refill x t = probing x t.
        const double drained_at = burst_seconds * refill / (probing - refill);
        const int admitted = static_cast<int>(probing * drained_at);
        for (int i = 0; i < admitted; ++i) {
          clock.Set(core::Timestamp{static_cast<std::int64_t>(1e6 * i / probing)});
          limiter.OnResponse("k", false);
        }
        clock.Set(core::Timestamp{static_cast<std::int64_t>(1e6 * drained_at)});
        limiter.OnResponse("k", true);
        EXPECT_LE(limiter.FillRate("k"), (burst_seconds <= 3 ? 1.0 : 1.5) * refill)
            << refill << "/s, burst " << burst_seconds * refill << ", probed at " << probing;
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 32);
}

// The throttle scenario's unpublished keys (100 burst / 20/s, 200 requests each): the first
// throttle costs the requests then in flight (the probe window's 4) and hardly anything after
// it; assuming a 2 s burst the key took 19 here (8 each in the scenario: 0.8-1.3 % of its
// requests), at 1.12x its bound (now 2, 1.06x).
TEST_F(PerKeyLimiterTest, UnpublishedKeyIsThrottledOnlyWhenItsBurstRunsOut) {
  SimResult r = SimulateKey("sesv2", 100, 20, 200);
  EXPECT_LE(r.throttled, 4) << r.throttled << " throttled, " << r.seconds << " s";
  EXPECT_LT(r.seconds, 1.15 * (200 - 100) / 20.0) << r.seconds;
}

// A shallow bucket (20 burst / 20/s) is estimated low at the first throttle, and the next
// interval's successes understate its refill (its bucket stood full for part of it): that
// estimate holds nothing, the key probes on and comes back to its refill rate (held at the low
// estimate, 1.5x its bound here) with few throttles.
TEST_F(PerKeyLimiterTest, ShallowBucketIsLearnedBackToItsRefill) {
  SimResult r = SimulateKey("shallow", 20, 20, 3000);
  EXPECT_LT(r.seconds, 1.2 * (3000 - 20) / 20.0) << r.seconds << " s, " << r.throttled;
  EXPECT_LT(r.throttled, 60) << r.throttled << " throttled";  // < 2 %
}

// The limiter's tuning as a whole, over 54 bucket shapes (refill 2-100/s, 1-5 s of burst,
// 200-3,000 requests; 16 callers, 50 ms latency): every key ends within 1.6x its bound with a
// bounded share throttled, and the totals stay where session 12 left them (throttles 702 and
// 383, mean wall over bound 1.10 and 1.047, worst 1.46 and 1.52; session 11 left 669 and 362,
// 1.14 and 1.064, worst 1.60 and 1.70; at its start 3,137 and 618, 1.35 and 1.10).
TEST(PerKeyLimiterSweep, AcrossBucketShapesFewThrottlesNearTheBound) {
  struct Totals {
    int throttled = 0;
    double ratio_sum = 0;
    int shapes = 0;
  } slow, fast;  // refill < 10/s, >= 10/s
  for (double refill : {2.0, 5.0, 10.0, 20.0, 50.0, 100.0}) {
    for (double burst_seconds : {1.0, 2.0, 5.0}) {
      for (int n : {200, 1000, 3000}) {
        testing_fakes::FakeClock clock;
        AdaptiveRateLimiter limiter{clock, AdaptiveLimiterConfig::PerKeyLearning()};
        const double burst = refill * burst_seconds;
        SimResult r = Simulate(limiter, clock, "k",
                               ServerBucket(burst, refill, clock.Now().micros / 1e6), n, 16,
                               milliseconds(50));
        // The server's pace after its burst, or 4 in flight (the probe window) at 50 ms.
        const double bound = std::max((n - burst) / refill, n * 0.05 / 4);
        const double ratio = r.seconds / bound;
        EXPECT_LT(ratio, 1.6) << refill << "/s, burst " << burst << ", " << n << " requests";
        EXPECT_LT(r.throttled, 0.1 * n) << refill << "/s, burst " << burst << ", " << n;
        Totals& t = refill < 10 ? slow : fast;
        t.throttled += r.throttled;
        t.ratio_sum += ratio;
        ++t.shapes;
      }
    }
  }
  ASSERT_EQ(slow.shapes, 18);
  ASSERT_EQ(fast.shapes, 36);
  EXPECT_LT(slow.throttled, 800);
  EXPECT_LT(fast.throttled, 440);
  EXPECT_LT(slow.ratio_sum / slow.shapes, 1.12);
  EXPECT_LT(fast.ratio_sum / fast.shapes, 1.055);
}

}  // namespace
}  // namespace aws
