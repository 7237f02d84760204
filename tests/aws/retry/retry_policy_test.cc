#include "aws/retry/retry_policy.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "aws/retry/error_classifier.h"
#include "fakes/fake_clock.h"

namespace aws {
namespace {

using std::chrono::milliseconds;

TEST(ErrorClassifierTest, Table) {
  for (const char* code :
       {"Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException",
        "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
        "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException"}) {
    EXPECT_EQ(ClassifyAwsError(code, 400), ErrorClass::kThrottling) << code;
  }
  for (const char* code :
       {"RequestTimeout", "RequestTimeoutException", "InternalError", "ServiceUnavailable"}) {
    EXPECT_EQ(ClassifyAwsError(code, 400), ErrorClass::kTransient) << code;
  }
  EXPECT_EQ(ClassifyAwsError("SlowDown", 503), ErrorClass::kThrottling);
  EXPECT_EQ(ClassifyAwsError("", 429), ErrorClass::kThrottling);
  for (int s : {500, 502, 503, 504}) EXPECT_EQ(ClassifyAwsError("", s), ErrorClass::kTransient);
  EXPECT_EQ(ClassifyAwsError("InternalFailure", 500), ErrorClass::kTransient);
  EXPECT_EQ(ClassifyAwsError("AccessDenied", 403), ErrorClass::kNonRetryable);
  EXPECT_EQ(ClassifyAwsError("UnauthorizedOperation", 403), ErrorClass::kNonRetryable);
  EXPECT_EQ(ClassifyAwsError("ValidationException", 400), ErrorClass::kNonRetryable);
  EXPECT_EQ(ClassifyAwsError("", 404), ErrorClass::kNonRetryable);
  EXPECT_EQ(ClassifyAwsError("", 501), ErrorClass::kNonRetryable);
  EXPECT_EQ(ClassifyAwsError("", 200), ErrorClass::kNone);
  EXPECT_EQ(ClassifyAwsError("throttling", 400), ErrorClass::kNonRetryable);  // exact match
}

TEST(ErrorClassifierTest, TransportStatus) {
  EXPECT_EQ(ClassifyTransportStatus(core::Status::Ok()), ErrorClass::kNone);
  EXPECT_EQ(ClassifyTransportStatus(core::Status::Unavailable("reset")), ErrorClass::kTransient);
  EXPECT_EQ(ClassifyTransportStatus(core::Status::DeadlineExceeded("t")), ErrorClass::kTransient);
  EXPECT_EQ(ClassifyTransportStatus(core::Status::Throttled("t")), ErrorClass::kThrottling);
  EXPECT_EQ(ClassifyTransportStatus(core::Status::InvalidArgument("u")),
            ErrorClass::kNonRetryable);
  EXPECT_EQ(ClassifyTransportStatus(core::Status::Aborted("c")), ErrorClass::kNonRetryable);
}

TEST(RetryPolicyTest, BackoffIsFullJitterOfCappedExponential) {
  RetryConfig c;
  double r = 1.0;
  RetryPolicy p(c, [&] { return r; });
  EXPECT_EQ(p.Backoff(1, ErrorClass::kThrottling), milliseconds(1000));
  EXPECT_EQ(p.Backoff(2, ErrorClass::kThrottling), milliseconds(2000));
  EXPECT_EQ(p.Backoff(5, ErrorClass::kThrottling), milliseconds(16000));
  EXPECT_EQ(p.Backoff(6, ErrorClass::kThrottling), milliseconds(20000));  // capped
  EXPECT_EQ(p.Backoff(60, ErrorClass::kThrottling), milliseconds(20000));
  EXPECT_EQ(p.Backoff(1, ErrorClass::kTransient), milliseconds(50));
  EXPECT_EQ(p.Backoff(3, ErrorClass::kTransient), milliseconds(200));
  r = 0.25;
  EXPECT_EQ(p.Backoff(3, ErrorClass::kThrottling), milliseconds(1000));
  r = 0.0;
  EXPECT_EQ(p.Backoff(3, ErrorClass::kThrottling), milliseconds(0));
}

TEST(RetryPolicyTest, SeededRandomStaysWithinBoundsAndSpreads) {
  std::mt19937_64 rng(42);
  RetryPolicy p(RetryConfig{}, [&] { return std::uniform_real_distribution<>(0, 1)(rng); });
  milliseconds lo(1'000'000), hi(0);
  for (int i = 0; i < 1000; ++i) {
    milliseconds d = p.Backoff(3, ErrorClass::kThrottling);
    ASSERT_GE(d.count(), 0);
    ASSERT_LE(d.count(), 4000);
    lo = std::min(lo, d);
    hi = std::max(hi, d);
  }
  EXPECT_LT(lo.count(), 400);  // full jitter covers the whole range
  EXPECT_GT(hi.count(), 3600);
}

TEST(RetryPolicyTest, NonRetryableIsNeverRetried) {
  RetryPolicy p(RetryConfig{}, [] { return 0.5; });
  auto d = p.ShouldRetry(1, ErrorClass::kNonRetryable, false, std::nullopt);
  EXPECT_FALSE(d.retry);
  EXPECT_EQ(d.reason, "not retryable");
  EXPECT_FALSE(p.ShouldRetry(1, ErrorClass::kNone, false, std::nullopt).retry);
  EXPECT_EQ(p.quota_available(), 500);
}

TEST(RetryPolicyTest, MaxAttempts) {
  RetryConfig c;
  c.max_attempts = 3;
  RetryPolicy p(c, [] { return 0.5; });
  EXPECT_TRUE(p.ShouldRetry(1, ErrorClass::kTransient, false, std::nullopt).retry);
  EXPECT_TRUE(p.ShouldRetry(2, ErrorClass::kThrottling, false, std::nullopt).retry);
  auto d = p.ShouldRetry(3, ErrorClass::kTransient, false, std::nullopt);
  EXPECT_FALSE(d.retry);
  EXPECT_EQ(d.reason, "max attempts");
}

// One account and region exhausting its retries leaves every other one its whole quota.
TEST(RetryPolicyTest, QuotaIsPerAccountAndRegion) {
  RetryConfig c;
  c.max_attempts = 1000;
  RetryPolicy p(c, [] { return 0.0; });
  const std::string_view a = QuotaScope("111/us-east-1/sqs:GetQueueAttributes");
  EXPECT_EQ(a, "111/us-east-1");
  EXPECT_EQ(QuotaScope("111/us-east-1/sqs:ListQueues"), a);
  const std::string_view b = QuotaScope("222/us-east-1/sqs:GetQueueAttributes");
  while (p.ShouldRetry(1, ErrorClass::kThrottling, false, std::nullopt, a).retry) {
  }
  EXPECT_EQ(p.quota_available(a), 0);
  EXPECT_EQ(p.quota_available(b), 500);
  EXPECT_TRUE(p.ShouldRetry(1, ErrorClass::kThrottling, false, std::nullopt, b).retry);
  EXPECT_EQ(p.quota_available(b), 495);
  EXPECT_EQ(p.quota_available(QuotaScope("111/eu-west-1/sqs:ListQueues")), 500);
  EXPECT_EQ(QuotaScope("no-slash"), "no-slash");
}

TEST(RetryPolicyTest, QuotaExhaustionAndRefund) {
  RetryConfig c;
  c.max_attempts = 1000;
  RetryPolicy p(c, [] { return 0.0; });
  auto d = p.ShouldRetry(1, ErrorClass::kTransient, /*timeout=*/true, std::nullopt);
  EXPECT_EQ(d.quota_cost, 10);
  EXPECT_EQ(p.quota_available(), 490);
  p.OnSuccess(d.quota_cost);  // success after a retry gives its cost back
  EXPECT_EQ(p.quota_available(), 500);
  int retries = 0;
  while (p.ShouldRetry(1, ErrorClass::kThrottling, false, std::nullopt).retry) ++retries;
  EXPECT_EQ(retries, 100);  // 500 / 5
  EXPECT_EQ(p.quota_available(), 0);
  auto no = p.ShouldRetry(1, ErrorClass::kThrottling, false, std::nullopt);
  EXPECT_FALSE(no.retry);
  EXPECT_EQ(no.reason, "retry quota exhausted");
  for (int i = 0; i < 4; ++i) p.OnSuccess(0);  // first-attempt successes add 1 each
  EXPECT_EQ(p.quota_available(), 4);
  EXPECT_FALSE(p.ShouldRetry(1, ErrorClass::kThrottling, false, std::nullopt).retry);
  p.OnSuccess(0);
  EXPECT_TRUE(p.ShouldRetry(1, ErrorClass::kThrottling, false, std::nullopt).retry);
  for (int i = 0; i < 1000; ++i) p.OnSuccess(0);
  EXPECT_EQ(p.quota_available(), 500);  // capped at capacity
}

TEST(RetryPolicyTest, RetryAfterHints) {
  testing_fakes::FakeClock clock(core::Timestamp{1'700'000'000'000'000});
  RetryPolicy p(RetryConfig{}, [] { return 0.0; }, &clock);
  EXPECT_EQ(p.RetryAfter({{"x-amz-retry-after", "1500"}}), milliseconds(1500));
  EXPECT_EQ(p.RetryAfter({{"Retry-After", "3"}}), milliseconds(3000));
  std::string date = core::FormatHttpDate(core::Timestamp{1'700'000'007'000'000});
  EXPECT_EQ(p.RetryAfter({{"retry-after", date}}), milliseconds(7000));
  EXPECT_EQ(p.RetryAfter({{"Retry-After", "soon"}}), std::nullopt);
  EXPECT_EQ(p.RetryAfter({}), std::nullopt);
  // A hint is a lower bound on the jittered delay, capped at 20 s.
  auto d = p.ShouldRetry(1, ErrorClass::kThrottling, false, milliseconds(1500));
  EXPECT_EQ(d.delay, milliseconds(1500));
  d = p.ShouldRetry(1, ErrorClass::kThrottling, false, milliseconds(120'000));
  EXPECT_EQ(d.delay, milliseconds(20'000));
}

TEST(RetryConfigTest, ModesAndEnvironment) {
  EXPECT_EQ(*ParseRetryMode("Adaptive"), RetryMode::kAdaptive);
  EXPECT_EQ(*ParseRetryMode("standard"), RetryMode::kStandard);
  EXPECT_EQ(*ParseRetryMode("legacy"), RetryMode::kLegacy);
  EXPECT_FALSE(ParseRetryMode("turbo").ok());
  unsetenv("AWS_RETRY_MODE");
  unsetenv("AWS_MAX_ATTEMPTS");
  auto c = RetryConfig::Resolve(std::nullopt, std::nullopt);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->mode, RetryMode::kStandard);
  EXPECT_EQ(c->max_attempts, 3);
  setenv("AWS_RETRY_MODE", "legacy", 1);
  c = RetryConfig::Resolve(std::nullopt, std::nullopt);
  EXPECT_EQ(c->mode, RetryMode::kLegacy);
  EXPECT_EQ(c->max_attempts, 5);
  setenv("AWS_MAX_ATTEMPTS", "7", 1);
  c = RetryConfig::Resolve("adaptive", std::nullopt);
  EXPECT_EQ(c->mode, RetryMode::kAdaptive);
  EXPECT_EQ(c->max_attempts, 7);
  c = RetryConfig::Resolve(std::nullopt, 2);
  EXPECT_EQ(c->max_attempts, 2);
  setenv("AWS_MAX_ATTEMPTS", "zero", 1);
  EXPECT_FALSE(RetryConfig::Resolve(std::nullopt, std::nullopt).ok());
  setenv("AWS_RETRY_MODE", "bogus", 1);
  auto bad = RetryConfig::Resolve(std::nullopt, 3);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("AWS_RETRY_MODE"), std::string::npos);
  unsetenv("AWS_RETRY_MODE");
  unsetenv("AWS_MAX_ATTEMPTS");
}

}  // namespace
}  // namespace aws
