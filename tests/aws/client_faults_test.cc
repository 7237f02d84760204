// AwsClient end to end against the fault-injecting loopback server: throttling, 5xx, resets,
// timeouts and malformed bodies on a schedule, through serialization, signing, retries and
// parsing.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "aws/client.h"
#include "net/curl_transport.h"
#include "fakes/loopback_http_server.h"

namespace aws {
namespace {

namespace asio = boost::asio;
using testing_fakes::Fault;
using testing_fakes::LoopbackHttpServer;
using testing_fakes::ScriptedResponse;

const char* kQueues = R"({"QueueUrls":["https://sqs.us-east-1.amazonaws.com/1/a"]})";

class ClientFaults : public ::testing::Test {
 protected:
  std::unique_ptr<AwsClient> MakeClient(int attempts, std::chrono::milliseconds timeout) {
    AwsClient::Options opts;
    opts.endpoint_url = server_.Url("");
    opts.max_attempts = attempts;
    opts.timeout = timeout;
    return std::make_unique<AwsClient>(io_, net::MakeCurlTransport(io_), opts);
  }

  core::Result<json::value> ListQueues(AwsClient& client) {
    Credentials c{"AKIDTEST", "secret-never-logged", "", std::nullopt, ""};
    CallTarget t{std::make_shared<StaticCredentialsProvider>(c, "test"), "us-east-1", "123"};
    std::optional<core::Result<json::value>> out;
    asio::co_spawn(
        io_,
        [&]() -> asio::awaitable<void> { out.emplace(co_await client.Call(t, "sqs", "ListQueues", {})); },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
    io_.restart();
    io_.run();
    return std::move(*out);
  }

  LoopbackHttpServer server_;
  asio::io_context io_;
};

TEST_F(ClientFaults, ThrottlingIsRetriedAndEachAttemptIsSignedAnew) {
  server_.SetDefault(testing_fakes::FailFirst(
      2, ScriptedResponse::AwsJsonError(400, "ThrottlingException"), ScriptedResponse::Ok(kQueues)));
  auto client = MakeClient(4, std::chrono::milliseconds(5000));
  auto r = ListQueues(*client);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->at("QueueUrls").as_array().size(), 1u);
  EXPECT_EQ(client->stats().attempts, 3);
  EXPECT_EQ(client->stats().retries, 2);
  EXPECT_EQ(client->stats().throttled, 2);
  auto reqs = server_.requests();
  ASSERT_EQ(reqs.size(), 3u);
  for (const auto& req : reqs) {
    EXPECT_TRUE(FindHeader(req.headers, "Authorization").starts_with("AWS4-HMAC-SHA256 "));
    EXPECT_EQ(FindHeader(req.headers, "X-Amz-Target"), "AmazonSQS.ListQueues");
    EXPECT_FALSE(FindHeader(req.headers, "X-Amz-Date").empty());
  }
}

TEST_F(ClientFaults, ServerErrorsResetsAndSlowResponsesAreRetried) {
  ScriptedResponse slow = ScriptedResponse::Ok(kQueues);
  slow.delay = std::chrono::milliseconds(1500);  // beyond the 400 ms request timeout
  server_.SetDefault(testing_fakes::Sequence({
      ScriptedResponse::AwsJsonError(500, "InternalError"),
      ScriptedResponse::WithFault(Fault::kReset),
      slow,
      ScriptedResponse::WithFault(Fault::kTruncatedBody),
      ScriptedResponse::Ok(kQueues),
  }));
  auto client = MakeClient(5, std::chrono::milliseconds(400));
  auto r = ListQueues(*client);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // Every scripted fault was served. libcurl re-sends by itself once when a reused keep-alive
  // connection is reset before any response byte, so the engine may count one attempt fewer.
  EXPECT_EQ(server_.request_count(), 5u);
  EXPECT_GE(client->stats().attempts, 4);
  EXPECT_LE(client->stats().attempts, 5);
}

TEST_F(ClientFaults, TrickledBodyWithinTheTimeoutSucceedsFirstTime) {
  ScriptedResponse trickle = ScriptedResponse::Ok(kQueues);
  trickle.trickle = std::chrono::milliseconds(2);
  trickle.trickle_chunk = 4;
  server_.SetDefault(testing_fakes::Always(trickle));
  auto client = MakeClient(3, std::chrono::milliseconds(5000));
  auto r = ListQueues(*client);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(client->stats().attempts, 1);
}

TEST_F(ClientFaults, NonRetryableErrorsReturnAfterOneAttempt) {
  server_.SetDefault(testing_fakes::Always(
      ScriptedResponse::AwsJsonError(400, "AccessDeniedException")));
  auto client = MakeClient(5, std::chrono::milliseconds(5000));
  auto r = ListQueues(*client);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::StatusCode::kPermissionDenied);
  EXPECT_EQ(r.status().remote_code(), "AccessDeniedException");
  EXPECT_EQ(server_.request_count(), 1u);
  EXPECT_NE(r.status().message().find("sqs.ListQueues in us-east-1 (account 123)"),
            std::string::npos);
  EXPECT_EQ(r.status().message().find("secret-never-logged"), std::string::npos);
}

TEST_F(ClientFaults, ThrottlingPastTheAttemptsIsAThrottledError) {
  server_.SetDefault(testing_fakes::Always(
      ScriptedResponse::AwsJsonError(400, "ThrottlingException")));
  auto client = MakeClient(2, std::chrono::milliseconds(5000));
  auto r = ListQueues(*client);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::StatusCode::kThrottled);
  EXPECT_NE(r.status().message().find("after 2 attempts"), std::string::npos);
  EXPECT_EQ(server_.request_count(), 2u);
}

TEST_F(ClientFaults, MalformedSuccessBodyIsRetriedThenAParseErrorNamingTheOperation) {
  server_.SetDefault(testing_fakes::Always(ScriptedResponse::Ok(R"({"QueueUrls":["a",)")));
  auto client = MakeClient(3, std::chrono::milliseconds(5000));
  auto r = ListQueues(*client);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::StatusCode::kParseError);
  EXPECT_NE(r.status().message().find("ListQueues"), std::string::npos);
  EXPECT_NE(r.status().message().find("after 3 attempts"), std::string::npos)
      << r.status().ToString();
  EXPECT_EQ(server_.request_count(), 3u);
}

// A malformed 200 once (a proxy page, a broken emulator) must not cost the caller its data.
TEST_F(ClientFaults, OneMalformedSuccessBodyIsRetriedAndTheCallSucceeds) {
  server_.SetDefault(testing_fakes::Sequence({
      ScriptedResponse::Ok(R"({"QueueUrls":["a",)"),
      ScriptedResponse::Ok(kQueues),
  }));
  auto client = MakeClient(3, std::chrono::milliseconds(5000));
  auto r = ListQueues(*client);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(server_.request_count(), 2u);
  EXPECT_EQ(client->stats().retries, 1);
}

}  // namespace
}  // namespace aws
