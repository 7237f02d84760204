// SendWithRetries against the fault-injecting loopback server, through the real transport.
#include "aws/retry/retrying_sender.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <cmath>
#include <optional>

#include "net/curl_transport.h"
#include "fakes/loopback_http_server.h"

namespace aws {
namespace {

namespace asio = boost::asio;
using std::chrono::milliseconds;
using testing_fakes::Fault;
using testing_fakes::ScriptedResponse;

// What the engine does: the AWS error code from a JSON error body, then the table.
ErrorClass ClassifyJsonError(const HttpResponse& r) {
  if (r.status < 300) return ErrorClass::kNone;
  std::string code;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(r.body, ec);
  if (!ec && v.is_object()) {
    if (const auto* t = v.as_object().if_contains("__type"); t && t->is_string()) {
      code = std::string(t->as_string());
    }
  }
  return ClassifyAwsError(code, r.status);
}

RetryConfig FastConfig(int attempts = 3) {
  RetryConfig c;
  c.max_attempts = attempts;
  c.throttle_base = milliseconds(10);
  c.transient_base = milliseconds(5);
  return c;
}

class RetryWithServerTest : public ::testing::Test {
 protected:
  core::Result<HttpResponse> Call(std::string path, RetryPolicy& policy, RetryStats* stats,
                                  AdaptiveRateLimiter* limiter = nullptr,
                                  milliseconds timeout = milliseconds(5000)) {
    HttpRequest req;
    req.method = "POST";
    req.url = server_.Url(path);
    req.body = "{}";
    req.timeout = timeout;
    std::optional<core::Result<HttpResponse>> out;
    asio::co_spawn(
        ioc_,
        [&]() -> asio::awaitable<void> {
          out.emplace(co_await SendWithRetries(*transport_, req, policy, limiter, "acct/us-east-1/ec2",
                                               ClassifyJsonError, stats));
        },
        asio::detached);
    ioc_.restart();
    while (!out) {
      if (ioc_.stopped()) ioc_.restart();
      ioc_.run_one_for(milliseconds(100));
    }
    return std::move(*out);
  }

  asio::io_context ioc_;
  testing_fakes::LoopbackHttpServer server_;
  std::shared_ptr<net::CurlTransport> transport_ = net::MakeCurlTransport(ioc_, TransportOptions{});
};

TEST_F(RetryWithServerTest, ThrottlesThenSuccess) {
  server_.Route("/t", testing_fakes::FailFirst(
                          2, ScriptedResponse::AwsJsonError(400, "ThrottlingException"),
                          ScriptedResponse::Ok(R"({"ok":true})")));
  RetryPolicy policy(FastConfig());
  RetryStats stats;
  auto r = Call("/t", policy, &stats);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(stats.attempts, 3);
  EXPECT_EQ(stats.retries, 2);
  EXPECT_EQ(stats.throttles, 2);
  EXPECT_EQ(server_.request_count(), 3u);
  // the last retry's cost comes back to the quota of the key's account and region
  EXPECT_EQ(policy.quota_available("acct/us-east-1"), 500 - 5 - 5 + 5);
}

TEST_F(RetryWithServerTest, ServerErrorsResetsAndTimeoutsAreRetried) {
  ScriptedResponse slow = ScriptedResponse::Ok("late");
  slow.delay = milliseconds(2000);
  server_.Route("/mix", testing_fakes::Sequence({
                            ScriptedResponse::AwsJsonError(500, "InternalError"),
                            ScriptedResponse::WithFault(Fault::kReset),
                            slow,
                            ScriptedResponse::WithFault(Fault::kTruncatedBody),
                            ScriptedResponse::AwsJsonError(503, "ServiceUnavailable"),
                            ScriptedResponse::Ok("done"),
                        }));
  RetryPolicy policy(FastConfig(6));
  RetryStats stats;
  auto r = Call("/mix", policy, &stats, nullptr, milliseconds(300));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->body, "done");
  // libcurl itself re-sends once on a fresh connection when a reused keep-alive connection dies
  // before any response byte (the reset), so that fault may cost no attempt of ours.
  EXPECT_EQ(server_.request_count(), 6u);
  EXPECT_GE(stats.attempts, 5);
  EXPECT_LE(stats.attempts, 6);
  EXPECT_EQ(stats.retries, stats.attempts - 1);
  EXPECT_EQ(stats.transient_errors, stats.attempts - 1);
  EXPECT_EQ(stats.throttles, 0);
}

TEST_F(RetryWithServerTest, NonRetryableComesBackAfterOneAttempt) {
  server_.Route("/deny", testing_fakes::Always(ScriptedResponse::AwsJsonError(400, "AccessDenied")));
  RetryPolicy policy(FastConfig());
  RetryStats stats;
  auto r = Call("/deny", policy, &stats);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("AccessDenied"), std::string::npos);
  EXPECT_EQ(stats.attempts, 1);
  EXPECT_EQ(stats.retries, 0);
  EXPECT_EQ(server_.request_count(), 1u);
  EXPECT_EQ(policy.quota_available("acct/us-east-1"), 500);
}

TEST_F(RetryWithServerTest, GivesUpAfterMaxAttemptsWithTheLastResponse) {
  server_.Route("/always", testing_fakes::Always(ScriptedResponse::AwsJsonError(
                               400, "RequestLimitExceeded")));
  RetryPolicy policy(FastConfig(3));
  RetryStats stats;
  auto r = Call("/always", policy, &stats);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(stats.attempts, 3);
  EXPECT_EQ(stats.stop_reason, "max attempts");
  EXPECT_EQ(server_.request_count(), 3u);
}

TEST_F(RetryWithServerTest, TransportFailureAfterMaxAttemptsIsItsStatus) {
  server_.Route("/reset", testing_fakes::Always(ScriptedResponse::WithFault(Fault::kReset)));
  RetryPolicy policy(FastConfig(2));
  RetryStats stats;
  auto r = Call("/reset", policy, &stats);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::StatusCode::kUnavailable);
  EXPECT_EQ(stats.attempts, 2);
}

TEST_F(RetryWithServerTest, AdaptiveLimiterSlowsDownThenRecovers) {
  AdaptiveLimiterConfig lc;
  lc.min_fill_rate = 5;  // keep real waits short in a test
  AdaptiveRateLimiter limiter(core::SystemClock::Get(), lc);
  const std::string key = "acct/us-east-1/ec2";
  RetryPolicy policy(FastConfig(5));
  RetryStats stats;
  // Long enough for the limiter to measure the sending rate (0.5 s buckets).
  auto until = std::chrono::steady_clock::now() + milliseconds(1200);
  while (std::chrono::steady_clock::now() < until) {
    ASSERT_TRUE(Call("/ok", policy, &stats, &limiter).ok());
  }
  EXPECT_FALSE(limiter.Enabled(key));
  double before = limiter.MeasuredRate(key);
  ASSERT_GT(before, 10);
  server_.Route("/busy", testing_fakes::FailFirst(
                             3, ScriptedResponse::AwsJsonError(400, "Throttling"),
                             ScriptedResponse::Ok()));
  auto r = Call("/busy", policy, &stats, &limiter);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 200);
  ASSERT_TRUE(limiter.Enabled(key));
  double lowered = limiter.FillRate(key);
  EXPECT_FALSE(std::isinf(lowered));
  EXPECT_LT(lowered, before);
  until = std::chrono::steady_clock::now() + milliseconds(1200);
  while (std::chrono::steady_clock::now() < until) {
    ASSERT_TRUE(Call("/ok", policy, &stats, &limiter).ok());
  }
  EXPECT_GT(limiter.FillRate(key), lowered);
}

}  // namespace
}  // namespace aws
