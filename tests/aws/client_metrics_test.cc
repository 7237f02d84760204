// AwsClient's per-service process metrics (core::metrics) against the loopback fault server:
// requests count HTTP attempts, throttles and retries count as the retry loop saw them, calls
// count once per call by final outcome.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "aws/client.h"
#include "net/curl_transport.h"
#include "core/metrics.h"
#include "fakes/loopback_http_server.h"
#include "fakes/run_coro.h"

namespace aws {
namespace {

namespace asio = boost::asio;
namespace metrics = core::metrics;
using testing_fakes::ScriptedResponse;

const char* kQueues = R"({"QueueUrls":["https://sqs.us-east-1.amazonaws.com/1/a"]})";

class ClientMetrics : public ::testing::Test {
 protected:
  void SetUp() override { metrics::ResetForTesting(); }
  void TearDown() override { metrics::ResetForTesting(); }

  core::Result<json::value> ListQueues(int attempts) {
    AwsClient::Options opts;
    opts.endpoint_url = server_.Url("");
    opts.max_attempts = attempts;
    AwsClient client(io_, net::MakeCurlTransport(io_), opts);
    Credentials c{"AKIDTEST", "secret", "", std::nullopt, ""};
    CallTarget t{std::make_shared<StaticCredentialsProvider>(c, "test"), "us-east-1", "123"};
    return testing_fakes::RunCoro(io_, client.Call(t, "sqs", "ListQueues", {}));
  }

  static double Sqs(std::string_view name) { return metrics::Get(name, {{"service", "sqs"}}); }
  static double Calls(std::string_view outcome) {
    return metrics::Get("ocean_aws_aws_calls_total",
                        {{"service", "sqs"}, {"outcome", std::string(outcome)}});
  }

  testing_fakes::LoopbackHttpServer server_;
  asio::io_context io_;
};

TEST_F(ClientMetrics, ThrottledThenOkCountsOneThrottleOneRetryTwoRequestsOneOkCall) {
  server_.SetDefault(testing_fakes::FailFirst(
      1, ScriptedResponse::AwsJsonError(400, "ThrottlingException"), ScriptedResponse::Ok(kQueues)));
  auto r = ListQueues(4);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(server_.request_count(), 2u);
  EXPECT_DOUBLE_EQ(Sqs("ocean_aws_aws_requests_total"), 2);
  EXPECT_DOUBLE_EQ(Sqs("ocean_aws_aws_throttles_total"), 1);
  EXPECT_DOUBLE_EQ(Sqs("ocean_aws_aws_retries_total"), 1);
  EXPECT_DOUBLE_EQ(Calls("ok"), 1);
  EXPECT_DOUBLE_EQ(Calls("error"), 0);
}

TEST_F(ClientMetrics, FailedCallsCountAsErrorsAndAccumulateAcrossCalls) {
  server_.SetDefault(testing_fakes::Always(
      ScriptedResponse::AwsJsonError(400, "AccessDeniedException")));
  ASSERT_FALSE(ListQueues(3).ok());
  ASSERT_FALSE(ListQueues(3).ok());
  EXPECT_DOUBLE_EQ(Sqs("ocean_aws_aws_requests_total"), 2);  // not retryable: one attempt each
  EXPECT_DOUBLE_EQ(Sqs("ocean_aws_aws_retries_total"), 0);
  EXPECT_DOUBLE_EQ(Sqs("ocean_aws_aws_throttles_total"), 0);
  EXPECT_DOUBLE_EQ(Calls("error"), 2);
  EXPECT_DOUBLE_EQ(Calls("ok"), 0);
}

TEST_F(ClientMetrics, MetricsAreRenderedAsCountersForGetMetrics) {
  server_.SetDefault(testing_fakes::Always(ScriptedResponse::Ok(kQueues)));
  ASSERT_TRUE(ListQueues(3).ok());
  std::string text = metrics::RenderPrometheus();
  EXPECT_NE(text.find("# TYPE ocean_aws_aws_requests_total counter\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("ocean_aws_aws_calls_total{service=\"sqs\",outcome=\"ok\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("ocean_aws_aws_requests_total{service=\"sqs\"} 1\n"), std::string::npos)
      << text;
}

}  // namespace
}  // namespace aws
