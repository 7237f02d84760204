// Ocean's Port retry rules: which statuses and methods retry, the backoff curve and the
// Retry-After / x-ratelimit-reset forms.
#include "ocean/port/port_retry.h"

#include <gtest/gtest.h>

namespace ocean::port {
namespace {

using std::chrono::milliseconds;

const core::Timestamp kNow = core::FromEpochSeconds(1'700'000'000);

TEST(PortRetry, RetriedStatusesAreOceans) {
  for (int s : {401, 408, 429, 502, 503, 504}) EXPECT_TRUE(IsRetryableStatus(s)) << s;
  for (int s : {200, 207, 400, 403, 404, 409, 413, 422, 500}) EXPECT_FALSE(IsRetryableStatus(s)) << s;
}

TEST(PortRetry, PostOnlyWhenFlaggedAndPatchNever) {
  for (const char* m : {"GET", "HEAD", "PUT", "DELETE", "OPTIONS"}) {
    EXPECT_TRUE(IsRetryableMethod(m, false)) << m;
  }
  EXPECT_FALSE(IsRetryableMethod("POST", false));
  EXPECT_TRUE(IsRetryableMethod("POST", true));
  EXPECT_FALSE(IsRetryableMethod("PATCH", false));
  EXPECT_FALSE(IsRetryableMethod("PATCH", true));
}

TEST(PortRetry, BackoffDoublesFromBaseWithTenPercentJitterAndCap) {
  PortRetryPolicy p;
  EXPECT_EQ(BackoffDelay(p, 1, 0.5), milliseconds(300));
  EXPECT_EQ(BackoffDelay(p, 2, 0.5), milliseconds(600));
  EXPECT_EQ(BackoffDelay(p, 4, 0.5), milliseconds(2400));
  EXPECT_EQ(BackoffDelay(p, 1, 0.0), milliseconds(270));
  EXPECT_GE(BackoffDelay(p, 1, 0.9999), milliseconds(329));
  EXPECT_LE(BackoffDelay(p, 1, 0.9999), milliseconds(330));
  EXPECT_EQ(BackoffDelay(p, 30, 0.9999), milliseconds(300'000));  // capped even with jitter
}

TEST(PortRetry, RetryAfterSecondsEpochAndDates) {
  const milliseconds cap(300'000);
  EXPECT_EQ(RetryAfterDelay({{"Retry-After", "7"}}, kNow, cap), milliseconds(7000));
  EXPECT_EQ(RetryAfterDelay({{"retry-after", "1.5"}}, kNow, cap), milliseconds(1500));
  // > 10000 is an epoch: 12 s from now.
  EXPECT_EQ(RetryAfterDelay({{"x-ratelimit-reset", "1700000012"}}, kNow, cap), milliseconds(12000));
  EXPECT_EQ(RetryAfterDelay({{"Retry-After", "Tue, 14 Nov 2023 22:13:40 GMT"}}, kNow, cap),
            milliseconds(20000));
  EXPECT_EQ(RetryAfterDelay({{"Retry-After", "2023-11-14T22:13:25Z"}}, kNow, cap),
            milliseconds(5000));
}

TEST(PortRetry, RetryAfterIsCappedNeverNegativeAndIgnoredWhenGarbage) {
  const milliseconds cap(300'000);
  EXPECT_EQ(RetryAfterDelay({{"Retry-After", "9000"}}, kNow, cap), cap);
  EXPECT_EQ(RetryAfterDelay({{"x-ratelimit-reset", "1699999000"}}, kNow, cap), milliseconds(0));
  EXPECT_FALSE(RetryAfterDelay({{"Retry-After", "soon"}}, kNow, cap).has_value());
  EXPECT_FALSE(RetryAfterDelay({}, kNow, cap).has_value());
  // A garbage Retry-After falls through to x-ratelimit-reset.
  EXPECT_EQ(RetryAfterDelay({{"Retry-After", "soon"}, {"x-ratelimit-reset", "3"}}, kNow, cap),
            milliseconds(3000));
}

}  // namespace
}  // namespace ocean::port
