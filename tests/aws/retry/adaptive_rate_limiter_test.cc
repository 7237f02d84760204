#include "aws/retry/adaptive_rate_limiter.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <vector>
#include <cmath>

#include "fakes/fake_clock.h"

namespace aws {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;

class AdaptiveRateLimiterTest : public ::testing::Test {
 protected:
  // Sends `n` requests on `key` paced at `interval`, honouring the limiter's waits, and reports
  // each as `throttled`.
  void Drive(std::string_view key, int n, milliseconds interval, bool throttled) {
    for (int i = 0; i < n; ++i) {
      clock_.Advance(limiter_.Reserve(key));
      limiter_.OnResponse(key, throttled);
      clock_.Advance(interval);
    }
  }

  testing_fakes::FakeClock clock_;
  AdaptiveRateLimiter limiter_{clock_};
};

TEST_F(AdaptiveRateLimiterTest, OffUntilTheFirstThrottle) {
  EXPECT_FALSE(limiter_.Enabled("a"));
  EXPECT_TRUE(std::isinf(limiter_.FillRate("a")));
  Drive("a", 300, milliseconds(10), false);  // 3 s at 100/s: the smoothed rate converges
  EXPECT_FALSE(limiter_.Enabled("a"));
  EXPECT_EQ(limiter_.Reserve("a"), microseconds(0));
  EXPECT_NEAR(limiter_.MeasuredRate("a"), 100, 10);
}

TEST_F(AdaptiveRateLimiterTest, ThrottleLowersTheRateAndSuccessRestoresIt) {
  Drive("k", 200, milliseconds(50), false);  // ~20 requests/s for 10 s
  double measured = limiter_.MeasuredRate("k");
  EXPECT_NEAR(measured, 20, 3);
  limiter_.OnResponse("k", true);
  ASSERT_TRUE(limiter_.Enabled("k"));
  double after_throttle = limiter_.FillRate("k");
  EXPECT_NEAR(after_throttle, 0.7 * measured, 1.0);  // beta = 0.7
  // More throttles keep lowering it, never under 0.5/s.
  for (int i = 0; i < 30; ++i) Drive("k", 1, milliseconds(10), true);
  double floor_rate = limiter_.FillRate("k");
  EXPECT_LT(floor_rate, after_throttle);
  EXPECT_GE(floor_rate, 0.5);
  // The bucket now makes callers wait.
  microseconds total(0);
  for (int i = 0; i < 5; ++i) total += limiter_.Reserve("k");
  EXPECT_GT(total.count(), 0);
  // Successes: cubic growth back to (and past) the old rate. The caller tries every 10 ms but
  // must wait for tokens, so the fill rate really paces it.
  Drive("k", 3000, milliseconds(10), false);
  EXPECT_GT(limiter_.FillRate("k"), measured);
  EXPECT_GT(limiter_.MeasuredRate("k"), 0.9 * measured);
}

TEST_F(AdaptiveRateLimiterTest, KeysAreIndependent) {
  Drive("acct1/us-east-1/ec2", 50, milliseconds(20), false);
  limiter_.OnResponse("acct1/us-east-1/ec2", true);
  EXPECT_TRUE(limiter_.Enabled("acct1/us-east-1/ec2"));
  EXPECT_FALSE(limiter_.Enabled("acct2/us-east-1/ec2"));
  EXPECT_EQ(limiter_.Reserve("acct2/us-east-1/ec2"), microseconds(0));
}

TEST_F(AdaptiveRateLimiterTest, ReservationsQueueUpInOrder) {
  limiter_.OnResponse("q", true);  // measured rate 0 -> min fill rate 0.5/s, capacity 1
  EXPECT_DOUBLE_EQ(limiter_.FillRate("q"), 0.5);
  microseconds w1 = limiter_.Reserve("q");
  microseconds w2 = limiter_.Reserve("q");
  microseconds w3 = limiter_.Reserve("q");
  EXPECT_EQ(w2 - w1, microseconds(2'000'000));
  EXPECT_EQ(w3 - w2, microseconds(2'000'000));
}

TEST(AdaptiveRateLimiterAsioTest, AcquireWaitsOnATimer) {
  AdaptiveRateLimiter limiter;  // system clock
  limiter.OnResponse("t", true);
  boost::asio::io_context ioc;
  int acquired = 0;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 1; ++i) {
    boost::asio::co_spawn(
        ioc,
        [&]() -> boost::asio::awaitable<void> {
          co_await limiter.Acquire("t");
          ++acquired;
        },
        boost::asio::detached);
  }
  ioc.run();
  EXPECT_EQ(acquired, 1);
  // One token at 0.5/s from an empty bucket: about two seconds.
  EXPECT_GE(std::chrono::steady_clock::now() - start, milliseconds(1500));
}

// Acquire() on an io_context, per-key learning: a caller queued at a key's rate of ~90/s
// (a wait of at most one 250 ms release quantum) when a throttle event cuts the rate to ~1.3/s is
// re-timed when its timer fires and waits again, at the new rate (the limiter's clock is fake
// and stands still; the timer's waits are real).
TEST(AdaptiveRateLimiterAsioTest, AcquireQueuedBeforeAThrottleWaitsAgainAtTheNewRate) {
  testing_fakes::FakeClock clock;
  AdaptiveRateLimiter limiter(clock, AdaptiveLimiterConfig::PerKeyLearning());
  for (int i = 0; i < 400; ++i) {  // 400 admitted in 1 s, then the first throttle: ~90/s
    clock.Advance(microseconds(2500));
    limiter.OnResponse("k", false);
  }
  limiter.OnResponse("k", true);
  ASSERT_GT(limiter.FillRate("k"), 50);
  clock.Advance(milliseconds(3000));  // the bucket refills to its capacity
  while (limiter.Reserve("k") == microseconds(0)) {
  }
  boost::asio::io_context ioc;
  bool acquired = false;
  const auto start = std::chrono::steady_clock::now();
  boost::asio::co_spawn(
      ioc,
      [&]() -> boost::asio::awaitable<void> {
        co_await limiter.Acquire("k");
        acquired = true;
      },
      boost::asio::detached);
  // Runs once the caller sleeps: 8 admitted in the 5.5 s since the first throttle, then a
  // throttle: a reliable estimate, 1.45/s.
  boost::asio::co_spawn(
      ioc,
      [&]() -> boost::asio::awaitable<void> {
        clock.Advance(milliseconds(2500));
        for (int i = 0; i < 8; ++i) limiter.OnResponse("k", false);
        limiter.OnResponse("k", true);
        co_return;
      },
      boost::asio::detached);
  ioc.run();
  EXPECT_TRUE(acquired);
  EXPECT_LT(limiter.FillRate("k"), 2);
  // Timed at ~90/s the caller went within 250 ms; at the new rate it waits 0.75-1 s more.
  EXPECT_GE(std::chrono::steady_clock::now() - start, milliseconds(600));
}

// AcquireSlot() on an io_context: 12 callers of a fresh key, each holding its place for 20 ms,
// never have more than 4 in flight; every caller gets through; places are given back.
TEST(AdaptiveRateLimiterAsioTest, ProbeWindowQueuesCallersOfAnUnknownKey) {
  AdaptiveRateLimiter limiter(core::SystemClock::Get(), AdaptiveLimiterConfig::PerKeyLearning());
  boost::asio::io_context ioc;
  int done = 0, max_in_flight = 0;
  for (int i = 0; i < 12; ++i) {
    boost::asio::co_spawn(
        ioc,
        [&]() -> boost::asio::awaitable<void> {
          AdaptiveRateLimiter::Slot slot = co_await limiter.AcquireSlot("k");
          EXPECT_TRUE(slot.held());
          max_in_flight = std::max(max_in_flight, limiter.InFlight("k"));
          boost::asio::steady_timer t(co_await boost::asio::this_coro::executor, milliseconds(20));
          co_await t.async_wait(boost::asio::use_awaitable);
          ++done;
        },
        boost::asio::detached);
  }
  ioc.run();
  EXPECT_EQ(done, 12);
  EXPECT_EQ(max_in_flight, 4);
  EXPECT_EQ(limiter.InFlight("k"), 0);
  // A key with a published limit is paced by its bucket, not by a window.
  limiter.Seed("seeded", 100, 20);
  std::vector<AdaptiveRateLimiter::Slot> held;
  for (int i = 0; i < 8; ++i) {
    boost::asio::co_spawn(
        ioc,
        [&]() -> boost::asio::awaitable<void> {
          held.push_back(co_await limiter.AcquireSlot("seeded"));
        },
        boost::asio::detached);
  }
  ioc.restart();
  ioc.run();
  EXPECT_EQ(held.size(), 8u);
  EXPECT_EQ(limiter.InFlight("seeded"), 8);
  held.clear();
  EXPECT_EQ(limiter.InFlight("seeded"), 0);
}

}  // namespace
}  // namespace aws
