// ResyncKind across accounts and regions: every scope's outcome is reported; an access-denied
// region is skipped, a failing one fails, and neither stops the others.
#include "catalog/kind_resync.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <map>
#include <stdexcept>

#include "aws/sts_client.h"
#include "net/curl_transport.h"
#include "catalog/kind_table.h"
#include "catalog/scope_exporter.h"
#include "fakes/loopback_http_server.h"
#include "fakes/moto.h"

namespace catalog {
namespace {

namespace asio = boost::asio;

aws::CredentialsProviderPtr Keys(std::string id, std::string secret, std::string token = "") {
  aws::Credentials c{std::move(id), std::move(secret), std::move(token), std::nullopt, ""};
  return std::make_shared<aws::StaticCredentialsProvider>(c, "test");
}

struct ResyncRun {
  KindResyncResult result;
  std::vector<json::value> envelopes;
};

class KindResyncTest : public ::testing::Test {
 protected:
  void Connect(const std::string& endpoint) {
    aws::AwsClient::Options opts;
    opts.endpoint_url = endpoint;
    opts.max_attempts = 1;
    client_ = std::make_unique<aws::AwsClient>(io_, net::MakeCurlTransport(io_), opts);
    resolver_ = std::make_unique<regions::RegionResolver>(*client_);
  }

  ResyncRun Resync(std::string_view kind, std::vector<AccountSession> accounts,
             KindResyncOptions options) {
    ResyncRun run;
    asio::co_spawn(
        io_,
        [&]() -> asio::awaitable<void> {
          run.result = co_await ResyncKind(
              *FindKind(kind), *client_, *resolver_, accounts, options,
              [&](std::vector<json::value> batch) -> asio::awaitable<core::Status> {
                for (auto& e : batch) run.envelopes.push_back(std::move(e));
                co_return core::Status::Ok();
              });
        },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
    io_.restart();
    io_.run();
    return run;
  }

  // Assumes a role in `account` on moto and returns a session acting there.
  AccountSession Assume(const std::string& account) {
    aws::EngineStsApi sts(*client_, "us-east-1");
    std::optional<core::Result<aws::Credentials>> creds;
    aws::AssumeRoleRequest req{"arn:aws:iam::" + account + ":role/ocean", "test", "", {}, "",
                               Keys("testing", "testing")};
    asio::co_spawn(
        io_, [&]() -> asio::awaitable<void> { creds.emplace(co_await sts.AssumeRole(req)); },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
    io_.restart();
    io_.run();
    EXPECT_TRUE(creds->ok()) << creds->status().ToString();
    return AccountSession{{account, "Account " + account, {}},
                          Keys((*creds)->access_key_id, (*creds)->secret_access_key,
                               (*creds)->session_token)};
  }

  asio::io_context io_;
  std::unique_ptr<aws::AwsClient> client_;
  std::unique_ptr<regions::RegionResolver> resolver_;
};

TEST_F(KindResyncTest, TwoAccountsTwoRegionsAgainstMoto) {
  testenv::Moto* moto = testenv::Moto::Get();
  ASSERT_NE(moto, nullptr);
  moto->Reset();
  ASSERT_TRUE(moto->Seed("engine").is_object());
  Connect(moto->endpoint());
  // A queue in eu-west-1 of the first account and one in the second account.
  json::object q;
  q["QueueName"] = "ocean-eu";
  moto->Boto3("sqs", "CreateQueue", q, "eu-west-1");
  AccountSession first{{"123456789012", "Account 123456789012", {}}, Keys("testing", "testing")};
  AccountSession second = Assume("111111111111");
  {
    // Seed the second account's queue with its own credentials through our engine.
    std::optional<core::Result<json::value>> r;
    json::object p;
    p["QueueName"] = "ocean-second";
    aws::CallTarget t{second.credentials, "us-east-1", second.info.id};
    asio::co_spawn(
        io_, [&]() -> asio::awaitable<void> { r.emplace(co_await client_->Call(t, "sqs", "CreateQueue", p)); },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
    io_.restart();
    io_.run();
    ASSERT_TRUE(r->ok()) << r->status().ToString();
  }
  KindResyncOptions opts;
  opts.region_policy.allow = {"us-east-1", "eu-west-1"};
  ResyncRun run = Resync("AWS::SQS::Queue", {first, second}, opts);
  // Regions came from discovery (moto: ListRegions missing -> DescribeRegions) and the policy.
  ASSERT_EQ(run.result.scopes.size(), 4u);
  std::map<std::string, long> per_scope;
  for (const auto& s : run.result.scopes) {
    EXPECT_EQ(s.state, ScopeState::kComplete) << s.account_id << "/" << s.region << ": "
                                              << s.error.ToString();
    per_scope[s.account_id + "/" + s.region] = s.resources;
  }
  EXPECT_EQ(per_scope["123456789012/us-east-1"], 3);
  EXPECT_EQ(per_scope["123456789012/eu-west-1"], 1);
  EXPECT_EQ(per_scope["111111111111/us-east-1"], 1);
  EXPECT_EQ(per_scope["111111111111/eu-west-1"], 0);
  bool saw_second = false;
  for (const auto& e : run.envelopes) {
    if (e.at("__ExtraContext").at("AccountId") == json::value("111111111111")) {
      saw_second = true;
      EXPECT_TRUE(e.at("Properties").at("QueueUrl").as_string().ends_with("/ocean-second"));
    }
  }
  EXPECT_TRUE(saw_second);
}

TEST_F(KindResyncTest, DeniedRegionIsSkippedFailingRegionFailsOthersComplete) {
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault([](const testing_fakes::RecordedRequest& req) {
    std::string_view auth = net::FindHeader(req.headers, "Authorization");
    if (auth.find("/eu-west-1/") != std::string_view::npos) {
      return testing_fakes::ScriptedResponse::AwsJsonError(400, "AccessDeniedException");
    }
    if (auth.find("/ap-south-1/") != std::string_view::npos) {
      return testing_fakes::ScriptedResponse::AwsJsonError(400, "InvalidParameterValue");
    }
    if (net::FindHeader(req.headers, "X-Amz-Target") == "AmazonSQS.ListQueues") {
      return testing_fakes::ScriptedResponse::Ok(R"({"QueueUrls":["https://q/1/a"]})");
    }
    return testing_fakes::ScriptedResponse::Ok(R"({"Attributes":{"DelaySeconds":"1"}})");
  });
  Connect(server.Url(""));
  KindResyncOptions opts;
  opts.only_regions = {"us-east-1", "eu-west-1", "ap-south-1", "us-west-2"};
  AccountSession acct{{"123", "Account 123", {}}, Keys("AKID", "secret")};
  ResyncRun run = Resync("AWS::SQS::Queue", {acct}, opts);
  std::map<std::string, ScopeState> states;
  for (const auto& s : run.result.scopes) states[s.region] = s.state;
  EXPECT_EQ(states["us-east-1"], ScopeState::kComplete);
  EXPECT_EQ(states["us-west-2"], ScopeState::kComplete);
  EXPECT_EQ(states["eu-west-1"], ScopeState::kSkipped);
  EXPECT_EQ(states["ap-south-1"], ScopeState::kFailed);
  EXPECT_EQ(run.envelopes.size(), 2u);
}

// keep_scopes = false (what the resync does): every outcome still reaches on_scope, in the same
// states, but the result keeps no second copy of them.
TEST_F(KindResyncTest, OutcomesGoOnlyToOnScopeWhenNotKept) {
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault([](const testing_fakes::RecordedRequest& req) {
    std::string_view auth = net::FindHeader(req.headers, "Authorization");
    if (auth.find("/eu-west-1/") != std::string_view::npos) {
      return testing_fakes::ScriptedResponse::AwsJsonError(400, "AccessDeniedException");
    }
    return testing_fakes::ScriptedResponse::Ok(R"({"QueueUrls":[]})");
  });
  Connect(server.Url(""));
  for (bool keep : {true, false}) {
    SCOPED_TRACE(keep);
    KindResyncOptions opts;
    opts.only_regions = {"us-east-1", "eu-west-1", "us-west-2"};
    opts.keep_scopes = keep;
    std::map<std::string, ScopeState> seen;
    opts.on_scope = [&](const ScopeOutcome& s) { seen[s.region] = s.state; };
    AccountSession acct{{"123", "Account 123", {}}, Keys("AKID", "secret")};
    ResyncRun run = Resync("AWS::SQS::Queue", {acct}, opts);
    ASSERT_EQ(seen.size(), 3u);
    EXPECT_EQ(seen["us-east-1"], ScopeState::kComplete);
    EXPECT_EQ(seen["eu-west-1"], ScopeState::kSkipped);
    EXPECT_EQ(run.result.scopes.size(), keep ? 3u : 0u);
  }
}

TEST_F(KindResyncTest, UnknownIncludeActionsAreReported) {
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault(testing_fakes::Always(testing_fakes::ScriptedResponse::Ok(R"({"QueueUrls":[]})")));
  Connect(server.Url(""));
  KindResyncOptions opts;
  opts.only_regions = {"us-east-1"};
  opts.include_actions = {"ListQueueTagsAction", "Typo"};
  AccountSession acct{{"123", "Account 123", {}}, Keys("AKID", "secret")};
  ResyncRun run = Resync("AWS::SQS::Queue", {acct}, opts);
  EXPECT_EQ(run.result.unknown_actions, std::vector<std::string>{"Typo"});
}

// A listing that throws (not expected: errors are values) while a batch is still being emitted
// fails its scope with the cause, after the enricher has finished with the frame it refers to
// (before, the frame unwound under the suspended enricher: use after free under ASan).
TEST(ExportScopeThrow, AThrowingListingFailsTheScopeAfterTheBatchInFlight) {
  asio::io_context io;
  aws::AwsClient::Options opts;
  opts.endpoint_url = "http://127.0.0.1:9";  // never called: the listing is custom
  aws::AwsClient client(io, net::MakeCurlTransport(io), opts);
  KindSpec kind;
  kind.name = "Test::Throwing::Kind";
  kind.custom_list = [](ListContext&, const json::object& extra,
                        ResourceSink sink) -> asio::awaitable<core::Status> {
    std::vector<Resource> page;
    for (int i = 0; i < 150; ++i) page.push_back(Resource{"r" + std::to_string(i), {}, extra, {}});
    core::Status st = co_await sink(std::move(page));  // a full batch starts emitting
    if (!st.ok()) co_return st;
    throw std::runtime_error("listing bug");
  };
  AccountSession account{{"123456789012", "Account", {}}, Keys("testing", "testing")};
  ScopeOutcome outcome;
  std::vector<std::size_t> emitted;
  bool emitting = false;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        outcome = co_await ExportScope(
            kind, client, account, "us-east-1", {},
            [&](std::vector<json::value> batch) -> asio::awaitable<core::Status> {
              emitting = true;
              asio::steady_timer slow(co_await asio::this_coro::executor,
                                      std::chrono::milliseconds(50));
              co_await slow.async_wait(asio::use_awaitable);  // still here when the listing throws
              emitted.push_back(batch.size());
              emitting = false;
              co_return core::Status::Ok();
            });
      },
      [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
  io.run();
  EXPECT_EQ(outcome.state, ScopeState::kFailed);
  EXPECT_NE(outcome.error.message().find("listing bug"), std::string::npos)
      << outcome.error.ToString();
  EXPECT_FALSE(emitting);
  // The batch in flight ended before the scope did; the 50 listed after it are still emitted
  // (as after any listing error: partial data, and the failed scope deletes nothing).
  EXPECT_EQ(emitted, (std::vector<std::size_t>{100, 50}));
}

}  // namespace
}  // namespace catalog
