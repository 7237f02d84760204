// The real engine (AwsClient, paginators, the catalog's kinds) against the fake AWS endpoint
// served in-process on loopback: every kind lists across pages and finds exactly what the
// endpoint generated; AssumeRole acts in the target account; token buckets throttle with the
// service's error and the engine's retries recover; scheduled faults are survived.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <set>

#include "aws/client.h"
#include "aws/sts_client.h"
#include "net/curl_transport.h"
#include "catalog/kind_table.h"
#include "catalog/scope_exporter.h"
#include "fake_aws.h"
#include "fakes/run_coro.h"
#include "served_fake.h"
#include "server.h"

namespace fakeaws {
namespace {

namespace asio = boost::asio;

using Fake = ServedFake;

catalog::AccountSession BaseAccount() {
  aws::Credentials c{"AKIDBENCHBASE0000000", "secret", "", std::nullopt, ""};
  return {{"123456789012", "Account 123456789012", {}},
          std::make_shared<aws::StaticCredentialsProvider>(c, "base keys")};
}

struct Export {
  catalog::ScopeOutcome outcome;
  std::vector<json::value> envelopes;
};

// One scope through catalog::ExportScope with the kind's default actions.
Export ExportScope(const catalog::KindSpec& kind, const std::string& endpoint,
                   const std::string& region, int max_attempts = 1,
                   catalog::AccountSession account = BaseAccount()) {
  asio::io_context io;
  aws::AwsClient::Options opts;
  opts.endpoint_url = endpoint;
  opts.max_attempts = max_attempts;
  aws::AwsClient client(io, net::MakeCurlTransport(io), opts);
  std::vector<const catalog::ActionSpec*> actions = catalog::SelectActions(kind, {}, nullptr);
  Export out;
  out.outcome = testing_fakes::RunCoro(
      io,
      catalog::ExportScope(kind, client, account, region, actions,
                           [&](std::vector<json::value> batch) -> asio::awaitable<core::Status> {
                             for (auto& e : batch) out.envelopes.push_back(std::move(e));
                             co_return core::Status::Ok();
                           }));
  return out;
}

std::set<std::string> Ids(const Export& e, std::string_view key) {
  std::set<std::string> ids;
  for (const json::value& env : e.envelopes) {
    ids.insert(std::string(env.at("Properties").as_object().at(key).as_string()));
  }
  return ids;
}

FakeConfig Config() {
  FakeConfig c;
  c.accounts = 45;
  c.regions = {"us-east-1", "eu-west-1"};
  return c;
}

TEST(EngineFakeAws, Ec2InstancesAcrossPagesEqualTheGeneratedCount) {
  FakeConfig c = Config();
  c.ec2_instances = 2345;  // the engine asks 1000 per page: 3 pages
  Fake fake(c);
  Export e = ExportScope(*catalog::FindKind("AWS::EC2::Instance"), fake.endpoint(), "eu-west-1");
  ASSERT_EQ(e.outcome.state, catalog::ScopeState::kComplete) << e.outcome.error.message();
  EXPECT_EQ(e.envelopes.size(), 2345u);
  EXPECT_EQ(Ids(e, "InstanceId").size(), 2345u);
  EXPECT_EQ(fake.Requests("ec2:DescribeInstances"), 3u);
  const json::object& p = e.envelopes[7].at("Properties").as_object();
  EXPECT_GE(p.size(), 40u) << core::WriteJson(p);  // a realistic instance
  EXPECT_EQ(p.at("Placement").at("AvailabilityZone").as_string().subview(0, 9), "eu-west-1");
  EXPECT_EQ(e.envelopes[7].at("__ExtraContext").at("OwnerId"), json::value("123456789012"));
}

TEST(EngineFakeAws, S3SqsEcsAndOrganizationsListEverythingAcrossPages) {
  FakeConfig c = Config();
  c.s3_buckets = 1500;   // ListBuckets pages of 1000, GetBucketTagging in each bucket's region
  c.sqs_queues = 2100;   // ListQueues pages of 1000, GetQueueAttributes per queue
  c.ecs_clusters = 230;  // ListClusters pages of 100, DescribeClusters per 100
  Fake fake(c);
  Export s3 = ExportScope(*catalog::FindKind("AWS::S3::Bucket"), fake.endpoint(), "us-east-1");
  ASSERT_EQ(s3.outcome.state, catalog::ScopeState::kComplete) << s3.outcome.error.message();
  EXPECT_EQ(Ids(s3, "BucketName").size(), 1500u);
  EXPECT_EQ(fake.Requests("s3:ListBuckets"), 2u);
  EXPECT_EQ(fake.Requests("s3:GetBucketTagging"), 1500u);  // no redirect: BucketRegion is used
  EXPECT_EQ(s3.outcome.enrichment_errors, 0);

  Export sqs = ExportScope(*catalog::FindKind("AWS::SQS::Queue"), fake.endpoint(), "eu-west-1");
  ASSERT_EQ(sqs.outcome.state, catalog::ScopeState::kComplete) << sqs.outcome.error.message();
  EXPECT_EQ(Ids(sqs, "QueueArn").size(), 2100u);  // every queue got its attributes
  EXPECT_EQ(fake.Requests("sqs:ListQueues"), 3u);

  Export ecs = ExportScope(*catalog::FindKind("AWS::ECS::Cluster"), fake.endpoint(), "us-east-1");
  ASSERT_EQ(ecs.outcome.state, catalog::ScopeState::kComplete) << ecs.outcome.error.message();
  EXPECT_EQ(Ids(ecs, "ClusterName").size(), 230u);
  EXPECT_EQ(fake.Requests("ecs:ListClusters"), 3u);
  EXPECT_EQ(fake.Requests("ecs:DescribeClusters"), 3u);

  Export org = ExportScope(*catalog::FindKind("AWS::Organizations::Account"), fake.endpoint(), "us-east-1");
  ASSERT_EQ(org.outcome.state, catalog::ScopeState::kComplete) << org.outcome.error.message();
  EXPECT_EQ(Ids(org, "Id").size(), 45u);
  EXPECT_EQ(fake.Requests("organizations:ListAccounts"), 3u);  // 20 per page
}

TEST(EngineFakeAws, AssumeRoleActsInTheTargetAccount) {
  FakeConfig c = Config();
  c.sqs_queues = 3;
  Fake fake(c);
  asio::io_context io;
  aws::AwsClient::Options opts;
  opts.endpoint_url = fake.endpoint();
  aws::AwsClient client(io, net::MakeCurlTransport(io), opts);
  aws::EngineStsApi sts(client, "us-east-1");
  aws::AssumeRoleRequest req;
  req.role_arn = "arn:aws:iam::123456789040:role/ocean";
  req.session_name = "bench";
  req.source = BaseAccount().credentials;
  core::Result<aws::Credentials> creds = testing_fakes::RunCoro(io, sts.AssumeRole(req));
  ASSERT_TRUE(creds.ok()) << creds.status().message();
  auto assumed = std::make_shared<aws::StaticCredentialsProvider>(*creds, "assumed");
  aws::CallTarget target{assumed, "us-east-1", ""};
  core::Result<json::value> who =
      testing_fakes::RunCoro(io, client.Call(target, "sts", "GetCallerIdentity", json::object()));
  ASSERT_TRUE(who.ok()) << who.status().message();
  EXPECT_EQ(who->at("Account"), json::value("123456789040"));
  aws::CallTarget base{BaseAccount().credentials, "us-east-1", ""};
  who = testing_fakes::RunCoro(io, client.Call(base, "sts", "GetCallerIdentity", json::object()));
  ASSERT_TRUE(who.ok());
  EXPECT_EQ(who->at("Account"), json::value("123456789012"));

  catalog::AccountSession member{{"123456789040", "member", {}}, assumed};
  Export e = ExportScope(*catalog::FindKind("AWS::SQS::Queue"), fake.endpoint(), "us-east-1", 1, member);
  ASSERT_EQ(e.outcome.state, catalog::ScopeState::kComplete) << e.outcome.error.message();
  ASSERT_EQ(e.envelopes.size(), 3u);
  for (const std::string& url : Ids(e, "QueueUrl")) {
    EXPECT_NE(url.find("/123456789040/"), std::string::npos) << url;
  }
}

TEST(EngineFakeAws, TokenBucketThrottlesWithTheServiceErrorAndRetriesRecover) {
  FakeConfig c = Config();
  c.throttle = true;
  c.sqs_queues = 60;
  c.ec2_instances = 10;
  ASSERT_TRUE(ParseLimitFlag("sqs:GetQueueAttributes=5/40", c).ok());
  ASSERT_TRUE(ParseLimitFlag("ec2:DescribeInstances=3/0.001", c).ok());
  Fake fake(c);
  asio::io_context io;
  aws::AwsClient::Options opts;
  opts.endpoint_url = fake.endpoint();
  opts.max_attempts = 1;
  opts.adaptive = false;
  aws::AwsClient client(io, net::MakeCurlTransport(io), opts);
  aws::CallTarget target{BaseAccount().credentials, "us-east-1", "123456789012"};
  json::object params;
  params["MaxResults"] = 5;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(
        testing_fakes::RunCoro(io, client.Call(target, "ec2", "DescribeInstances", params)).ok());
  }
  core::Result<json::value> fourth =
      testing_fakes::RunCoro(io, client.Call(target, "ec2", "DescribeInstances", params));
  ASSERT_FALSE(fourth.ok());
  EXPECT_EQ(fourth.status().remote_code(), "RequestLimitExceeded");
  EXPECT_EQ(fourth.status().http_status(), 503);
  EXPECT_EQ(fourth.status().code(), core::StatusCode::kThrottled);

  // 60 per-queue calls against a bucket of 5 refilled at 40/s: throttled, then recovered.
  auto start = std::chrono::steady_clock::now();
  Export e = ExportScope(*catalog::FindKind("AWS::SQS::Queue"), fake.endpoint(), "us-east-1", 10);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(e.outcome.state, catalog::ScopeState::kComplete) << e.outcome.error.message();
  EXPECT_EQ(e.outcome.enrichment_errors, 0);
  EXPECT_EQ(Ids(e, "QueueArn").size(), 60u);
  json::object stats = fake.aws().StatsJson(false);
  const json::object& api = stats.at("apis").at("sqs:GetQueueAttributes").as_object();
  EXPECT_GT(api.at("throttled").as_uint64(), 0u);
  EXPECT_EQ(api.at("requests").as_uint64() - api.at("throttled").as_uint64(), 60u);
  EXPECT_GE(seconds, (60 - 5) / 40.0 * 0.9);  // the bucket's refill bounds the duration
}

TEST(EngineFakeAws, ScheduledFaultsAreSurvivedByRetries) {
  FakeConfig c = Config();
  c.sqs_queues = 600;
  c.slow_body_ms = 20;
  // ~12% of requests fail: within what the standard retry mode's quota (500) absorbs.
  for (const char* f : {"error500:every=31", "error503:every=37", "reset:every=41", "slow:every=43",
                        "truncated:every=47"}) {
    ASSERT_TRUE(ParseFaultFlag(f, c).ok());
  }
  Fake fake(c);
  Export e = ExportScope(*catalog::FindKind("AWS::SQS::Queue"), fake.endpoint(), "us-east-1", 6);
  ASSERT_EQ(e.outcome.state, catalog::ScopeState::kComplete) << e.outcome.error.message();
  EXPECT_EQ(e.outcome.enrichment_errors, 0);
  EXPECT_EQ(Ids(e, "QueueArn").size(), 600u);
  Stats& s = fake.aws().stats();
  uint64_t n = s.requests();
  EXPECT_GT(n, 600u);
  EXPECT_EQ(s.faults_of(FaultType::kError500), n / 31);
  EXPECT_GT(s.faults_of(FaultType::kReset), 0u);
  EXPECT_GT(s.faults_of(FaultType::kTruncated), 0u);
}

TEST(EngineFakeAws, TruncatedBodiesAreTransportErrorsMalformedOnesParseErrors) {
  FakeConfig c = Config();
  c.sqs_queues = 2;
  ASSERT_TRUE(ParseFaultFlag("truncated:every=2", c).ok());
  ASSERT_TRUE(ParseFaultFlag("malformed:every=3", c).ok());
  Fake fake(c);
  asio::io_context io;
  aws::AwsClient::Options opts;
  opts.endpoint_url = fake.endpoint();
  opts.max_attempts = 1;
  aws::AwsClient client(io, net::MakeCurlTransport(io), opts);
  aws::CallTarget target{BaseAccount().credentials, "us-east-1", "123456789012"};
  json::object p;
  p["MaxResults"] = 10;
  auto call = [&] {
    return testing_fakes::RunCoro(io, client.Call(target, "sqs", "ListQueues", p));
  };
  EXPECT_TRUE(call().ok());                                           // request 1
  EXPECT_EQ(call().status().code(), core::StatusCode::kUnavailable);  // 2: truncated
  EXPECT_EQ(call().status().code(), core::StatusCode::kParseError);   // 3: malformed
}

TEST(EngineFakeAws, RemovedResourcesDisappearAndLatencyDelaysEveryAnswer) {
  FakeConfig c = Config();
  c.ecs_clusters = 5;
  c.latency_ms = 40;
  Fake fake(c);
  fake.aws().universe().Remove("arn:aws:ecs:us-east-1:123456789012:cluster/cluster-0000003");
  auto start = std::chrono::steady_clock::now();
  Export e = ExportScope(*catalog::FindKind("AWS::ECS::Cluster"), fake.endpoint(), "us-east-1");
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(e.outcome.state, catalog::ScopeState::kComplete) << e.outcome.error.message();
  std::set<std::string> names = Ids(e, "ClusterName");
  EXPECT_EQ(names.size(), 4u);
  EXPECT_FALSE(names.contains("cluster-0000003"));
  EXPECT_GE(ms, 2 * 40.0);  // ListClusters, then DescribeClusters
}

}  // namespace
}  // namespace fakeaws
