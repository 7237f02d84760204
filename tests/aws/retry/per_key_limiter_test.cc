// The client-side limiter as AwsClient configures it (issue 13.3): seeded per (account, region,
// API) with AWS's published limits, learning unpublished limits from throttles, per key only.
// The learning itself, simulated over bucket shapes, is in per_key_learning_test.cc.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "aws/retry/adaptive_rate_limiter.h"
#include "aws/retry/limiter_simulation.h"
#include "aws/retry/published_limits.h"
#include "fakes/fake_clock.h"

namespace aws {
namespace {

using limiter_sim::PerKeyLimiterTest;
using limiter_sim::ServerBucket;
using limiter_sim::SimResult;
using limiter_sim::Simulate;
using std::chrono::microseconds;
using std::chrono::milliseconds;

TEST_F(PerKeyLimiterTest, PublishedLimitsAreTheDocumentedOnes) {
  auto ec2 = PublishedLimit("ec2", "DescribeInstances", false);
  ASSERT_TRUE(ec2);
  EXPECT_EQ(ec2->burst, 100);
  EXPECT_EQ(ec2->refill, 20);
  auto small = PublishedLimit("ec2", "DescribeInstances", true);
  ASSERT_TRUE(small);
  EXPECT_EQ(small->burst, 50);
  EXPECT_EQ(small->refill, 10);
  EXPECT_EQ(PublishedLimit("ecs", "DescribeClusters", false)->refill, 20);
  EXPECT_EQ(PublishedLimit("account", "ListRegions", false)->burst, 5);
  EXPECT_FALSE(PublishedLimit("sqs", "GetQueueAttributes", false));  // AWS publishes none
  EXPECT_FALSE(PublishedLimit("s3", "ListBuckets", false));

  json::object paged{{"MaxResults", 1000}};
  EXPECT_FALSE(Ec2UnfilteredRequest("ec2", "DescribeInstances", paged));
  EXPECT_TRUE(Ec2UnfilteredRequest("ec2", "DescribeInstances", json::object()));
  EXPECT_FALSE(Ec2UnfilteredRequest("ec2", "DescribeVpcs", json::object()));
  EXPECT_EQ(LimiterKey("1", "us-east-1", "ec2", "DescribeInstances", true),
            "1/us-east-1/ec2:DescribeInstances (unfiltered)");
}

TEST_F(PerKeyLimiterTest, SeededKeyIsPacedFromTheStart) {
  limiter_.Seed("k", 100, 20);
  ASSERT_TRUE(limiter_.Enabled("k"));
  EXPECT_NEAR(limiter_.FillRate("k"), 19, 1e-9);  // 95 % of the published refill
  // The burst (less one token of margin) goes at once, then one token per 1/19 s, released at
  // the next 0.25 s tick (the clock starts on one): the first waiter's 1/19 s becomes 0.25 s.
  for (int i = 0; i < 99; ++i) ASSERT_EQ(limiter_.Reserve("k"), microseconds(0)) << i;
  EXPECT_NEAR(limiter_.Reserve("k").count(), 250'000, 2);
  // Seeding again changes nothing.
  limiter_.Seed("k", 5, 5);
  EXPECT_NEAR(limiter_.FillRate("k"), 19, 1e-9);
  // Successes never lower an unthrottled seeded key.
  for (int i = 0; i < 100; ++i) {
    clock_.Advance(milliseconds(10));
    limiter_.OnResponse("k", false);
  }
  EXPECT_NEAR(limiter_.FillRate("k"), 19, 1e-9);
}

// Issue 11: callers paced by a slow published bucket (Kinesis DescribeStreamSummary, 20/s) wake
// in batches on 0.25 s ticks, a few per wakeup, never before their own share of refill, and the
// server's bucket still admits every request.
TEST_F(PerKeyLimiterTest, PacedWaitersAreReleasedInBatchesOnTicks) {
  limiter_.Seed("k", 20, 20);
  for (int i = 0; i < 19; ++i) ASSERT_EQ(limiter_.Reserve("k"), microseconds(0)) << i;
  const std::int64_t now = clock_.Now().micros;
  std::vector<std::int64_t> releases;
  for (int k = 1; k <= 95; ++k) {  // 5 s of refill at 19/s
    const std::int64_t at = now + limiter_.Reserve("k").count();
    EXPECT_GE(at, now + static_cast<std::int64_t>(std::floor(k * 1e6 / 19))) << k;  // never early
    EXPECT_EQ(at % 250'000, 0) << k;                                                  // on a tick
    releases.push_back(at);
  }
  releases.erase(std::unique(releases.begin(), releases.end()), releases.end());
  EXPECT_EQ(releases.size(), 20u);  // 95 requests, 20 wakeups (one per 0.25 s), not 95

  AdaptiveRateLimiter fresh{clock_, AdaptiveLimiterConfig::PerKeyLearning()};
  fresh.Seed("s", 20, 20);
  SimResult r = Simulate(fresh, clock_, "s", ServerBucket(20, 20, clock_.Now().micros / 1e6),
                         1000, 16, milliseconds(2));
  EXPECT_EQ(r.throttled, 0);
  EXPECT_EQ(r.admitted, 1000);
  EXPECT_NEAR(r.seconds, (1000 - 19) / 19.0, 0.5);  // the rate is unchanged
}

TEST_F(PerKeyLimiterTest, AThrottleSlowsOnlyItsOwnKey) {
  limiter_.Seed("acct/r/ec2:DescribeVpcs", 100, 20);
  limiter_.Seed("acct/r/ec2:DescribeSubnets", 100, 20);
  for (int i = 0; i < 50; ++i) limiter_.OnResponse("acct/r/sqs:GetQueueAttributes", false);
  limiter_.OnResponse("acct/r/ec2:DescribeVpcs", true);
  limiter_.OnResponse("acct/r/sqs:GetQueueAttributes", true);
  EXPECT_LT(limiter_.FillRate("acct/r/ec2:DescribeVpcs"), 19);
  EXPECT_NEAR(limiter_.FillRate("acct/r/ec2:DescribeSubnets"), 19, 1e-9);  // untouched
  EXPECT_EQ(limiter_.Reserve("acct/r/ec2:DescribeSubnets"), microseconds(0));
  EXPECT_FALSE(limiter_.Enabled("acct/r/sqs:ListQueues"));
  EXPECT_EQ(limiter_.Reserve("acct/r/sqs:ListQueues"), microseconds(0));
  // After a throttle the key's own bucket is empty: the next request waits.
  EXPECT_GT(limiter_.Reserve("acct/r/sqs:GetQueueAttributes").count(), 0);
}

TEST_F(PerKeyLimiterTest, ThrottlesInFlightTogetherCountOnce) {
  for (int i = 0; i < 200; ++i) {
    clock_.Advance(milliseconds(5));
    limiter_.OnResponse("q", false);
  }
  limiter_.OnResponse("q", true);
  const double once = limiter_.FillRate("q");
  for (int i = 0; i < 15; ++i) {
    clock_.Advance(milliseconds(5));
    limiter_.OnResponse("q", true);  // the rest of the in-flight requests
  }
  EXPECT_DOUBLE_EQ(limiter_.FillRate("q"), once);
  // A throttle well after the event is a new event and lowers the rate.
  clock_.Advance(milliseconds(500));
  limiter_.OnResponse("q", true);
  EXPECT_LT(limiter_.FillRate("q"), once);
}

// Reservations made before a throttle event were timed at the old rate: when their wait ends
// they are made again at the new one (Revise), so callers already queued do not go on at the
// rate the server just refused.
TEST_F(PerKeyLimiterTest, ReservationsMadeBeforeAThrottleAreRetimedAtTheNewRate) {
  using std::chrono::seconds;
  for (int i = 0; i < 40; ++i) {
    clock_.Advance(milliseconds(25));
    limiter_.OnResponse("q", false);  // 40/s admitted for a second
  }
  limiter_.OnResponse("q", true);
  clock_.Advance(seconds(3));         // refilled, then three queued callers
  std::uint32_t e1 = 0, e2 = 0, e3 = 0;
  for (int i = 0; i < 100; ++i) limiter_.Reserve("q");  // drain the bucket
  const microseconds w1 = limiter_.Reserve("q", &e1);
  const microseconds w2 = limiter_.Reserve("q", &e2);
  const microseconds w3 = limiter_.Reserve("q", &e3);
  ASSERT_GT(w1.count(), 0);
  ASSERT_GT(w3, w1);
  const double before = limiter_.FillRate("q");
  // Unchanged rate: when the wait ends, go.
  clock_.Advance(w1);
  EXPECT_EQ(limiter_.Revise("q", &e1), microseconds(0));
  // A throttle event lowers the rate: the two still waiting are timed again at the new rate,
  // one after the other, and later than they were.
  limiter_.OnResponse("q", true);
  const double after = limiter_.FillRate("q");
  ASSERT_LT(after, before);
  clock_.Advance(w2 - w1);
  const microseconds r2 = limiter_.Revise("q", &e2);
  const microseconds r3 = limiter_.Revise("q", &e3);  // (its old wait has not ended: fine)
  EXPECT_GT(r2.count(), 0);
  EXPECT_NEAR((r3 - r2).count() / 1e6, 1 / after, 0.26);  // spaced at the new rate (+ quantum)
  EXPECT_GT(r3.count() / 1e6, (w3 - w2).count() / 1e6);  // later than the old schedule
  // Now timed at the current epoch: their next check says go.
  clock_.Advance(r3);
  EXPECT_EQ(limiter_.Revise("q", &e3), microseconds(0));
}

// Issue 13.4: a key per (account, region, API) is touched by one scope; idle keys at rest are
// forgotten, so the limiter does not grow with accounts x regions. Keys that still matter stay:
// a throttled key (what it learnt), a seeded key still refilling (a waiter's debt), a busy key.
TEST_F(PerKeyLimiterTest, IdleKeysAtRestAreForgottenOthersKept) {
  using std::chrono::seconds;
  for (int i = 0; i < 1000; ++i) limiter_.OnResponse("acct" + std::to_string(i) + "/sqs", false);
  limiter_.Seed("seeded-used-up", 100, 1);  // a burst of 99, ~104 s to refill it
  for (int i = 0; i < 99; ++i) EXPECT_EQ(limiter_.Reserve("seeded-used-up"), microseconds(0));
  limiter_.Seed("seeded-full", 100, 20);
  limiter_.OnResponse("throttled", true);
  EXPECT_EQ(limiter_.key_count(), 1003u);
  for (int i = 0; i < 13; ++i) {  // 65 s, one request of "busy" every 5 s
    clock_.Advance(seconds(5));
    limiter_.OnResponse("busy", false);
  }
  EXPECT_EQ(limiter_.key_count(), 3u);  // busy, throttled, seeded-used-up
  EXPECT_TRUE(limiter_.Enabled("throttled"));
  EXPECT_TRUE(limiter_.Enabled("seeded-used-up"));
  EXPECT_FALSE(limiter_.Enabled("seeded-full"));
  EXPECT_FALSE(limiter_.Enabled("acct7/sqs"));
  // A forgotten seeded key comes back as it was: full with its seed.
  limiter_.Seed("seeded-full", 100, 20);
  EXPECT_NEAR(limiter_.FillRate("seeded-full"), 19, 1e-9);
  for (int i = 0; i < 99; ++i) EXPECT_EQ(limiter_.Reserve("seeded-full"), microseconds(0));
  // Once refilled, the used-up key is at rest too.
  clock_.Advance(seconds(120));
  limiter_.OnResponse("busy", false);
  EXPECT_FALSE(limiter_.Enabled("seeded-used-up"));
  EXPECT_TRUE(limiter_.Enabled("throttled"));
}

// Issue 13.4: at 1,000 accounts x 17 regions a resync touches thousands of new keys a second,
// so the 60 s idle rule alone kept hundreds of thousands. Beyond max_keys, the keys at rest
// used longest ago go at once; keys that still matter stay whatever their age.
TEST(PerKeyLimiterCapTest, BeyondTheCapTheOldestKeysAtRestGoAtOnce) {
  testing_fakes::FakeClock clock;
  AdaptiveLimiterConfig config = AdaptiveLimiterConfig::PerKeyLearning();
  config.max_keys = 100;
  AdaptiveRateLimiter limiter{clock, config};
  limiter.OnResponse("throttled", true);
  ASSERT_TRUE(limiter.TryEnterWindow("busy"));  // a request in flight
  limiter.Seed("seeded-used-up", 100, 1);
  for (int i = 0; i < 99; ++i) limiter.Reserve("seeded-used-up");
  std::size_t most = 0;
  for (int i = 0; i < 1000; ++i) {  // one-off keys of scopes that are done, 1 ms apart
    clock.Advance(std::chrono::milliseconds(1));
    limiter.OnResponse("acct" + std::to_string(i) + "/sqs", false);
    most = std::max(most, limiter.key_count());
  }
  EXPECT_LE(most, 100u);  // bounded by the cap, not by the keys touched (1,003)
  EXPECT_TRUE(limiter.HasKey("throttled"));
  EXPECT_EQ(limiter.InFlight("busy"), 1);
  EXPECT_TRUE(limiter.Enabled("seeded-used-up"));
  EXPECT_TRUE(limiter.HasKey("acct999/sqs"));  // the newest stay
  EXPECT_TRUE(limiter.HasKey("acct960/sqs"));
  EXPECT_FALSE(limiter.HasKey("acct0/sqs"));   // the oldest went
  EXPECT_FALSE(limiter.HasKey("acct500/sqs"));
  limiter.LeaveWindow("busy");
}

}  // namespace
}  // namespace aws
