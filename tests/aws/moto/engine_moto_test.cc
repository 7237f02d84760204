// Round trips against a real moto server: for each call the engine's JSON must equal boto3's
// result for the same call against the same server (datetimes rendered as upstream renders them).
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "aws/client.h"
#include "aws/pagination/paginator.h"
#include "net/curl_transport.h"
#include "fakes/moto.h"
#include "fakes/run_coro.h"

namespace aws {
namespace {

namespace asio = boost::asio;

class EngineMoto : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    moto_ = testenv::Moto::Get();
    if (!moto_) return;
    moto_->Reset();
    seeded_ = moto_->Seed("engine");
  }

  void SetUp() override {
    ASSERT_NE(moto_, nullptr) << "moto could not start: run scripts/setup.sh";
    ASSERT_TRUE(seeded_.is_object()) << "seeding failed";
    AwsClient::Options opts;
    opts.endpoint_url = moto_->endpoint();
    opts.max_attempts = 2;
    client_ = std::make_unique<AwsClient>(io_, net::MakeCurlTransport(io_, {}), opts);
    Credentials c;
    c.access_key_id = "testing";
    c.secret_access_key = "testing";
    target_.credentials = std::make_shared<StaticCredentialsProvider>(c, "test keys");
    target_.region = "us-east-1";
  }

  // Runs one coroutine to completion on the test's io_context.
  template <typename T>
  T Run(asio::awaitable<T> aw) {
    return testing_fakes::RunCoro(io_, std::move(aw));
  }

  core::Result<json::value> Call(const std::string& service, const std::string& op,
                                 json::object params, const CallTarget* target = nullptr) {
    return Run(client_->Call(target ? *target : target_, service, op, std::move(params)));
  }

  // Every page through PageIterator, aggregated like boto3's build_full_result().
  core::Result<json::value> Paginate(const std::string& service, const std::string& op,
                                     json::object params, long page_size, long* pages) {
    const model::ServiceModel* svc = *model::GetService(service);
    const model::Operation* o = svc->FindOperation(op);
    pagination::PageOptions opts;
    opts.page_size = page_size;
    pagination::PageIterator it(
        [&](const json::object& p) { return client_->Call(target_, *svc, *o, p); }, *svc, *o,
        std::move(params), opts);
    pagination::FullResult full(*o->paginator);
    return Run([&]() -> asio::awaitable<core::Result<json::value>> {
      while (true) {
        auto page = co_await it.Next();
        if (!page.ok()) co_return page.status();
        if (!*page) break;
        core::Status st = full.Add(std::move(**page));
        if (!st.ok()) co_return st;
      }
      *pages = it.pages();
      co_return std::move(full).Finish();
    }());
  }

  void ExpectSameAsBoto3(const std::string& service, const std::string& op, json::object params) {
    auto ours = Call(service, op, params);
    ASSERT_TRUE(ours.ok()) << service << "." << op << ": " << ours.status().ToString();
    json::value theirs = moto_->Boto3(service, op, params);
    EXPECT_EQ(core::WriteJson(*ours), core::WriteJson(theirs)) << service << "." << op;
  }

  static inline testenv::Moto* moto_ = nullptr;
  static inline json::value seeded_;
  asio::io_context io_;
  std::unique_ptr<AwsClient> client_;
  CallTarget target_;
};

TEST_F(EngineMoto, StsGetCallerIdentity) {
  ExpectSameAsBoto3("sts", "GetCallerIdentity", {});
  auto r = Call("sts", "GetCallerIdentity", {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->at("Account"), json::value("123456789012"));
}

TEST_F(EngineMoto, StsAssumeRoleIntoSecondAccount) {
  json::object p;
  p["RoleArn"] = "arn:aws:iam::111111111111:role/ocean-test";
  p["RoleSessionName"] = "ocean";
  p["ExternalId"] = "ext-123";
  auto r = Call("sts", "AssumeRole", p);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const json::object& c = r->at("Credentials").as_object();
  EXPECT_FALSE(c.at("SessionToken").as_string().empty());
  EXPECT_TRUE(c.at("Expiration").as_string().ends_with("Z"));
  EXPECT_EQ(r->at("AssumedRoleUser").at("Arn"),
            json::value("arn:aws:sts::111111111111:assumed-role/ocean-test/ocean"));
  // The assumed credentials act in the second account.
  Credentials second;
  second.access_key_id = c.at("AccessKeyId").as_string();
  second.secret_access_key = c.at("SecretAccessKey").as_string();
  second.session_token = c.at("SessionToken").as_string();
  CallTarget t{std::make_shared<StaticCredentialsProvider>(second, "assumed"), "us-east-1", ""};
  auto who = Call("sts", "GetCallerIdentity", {}, &t);
  ASSERT_TRUE(who.ok()) << who.status().ToString();
  EXPECT_EQ(who->at("Account"), json::value("111111111111"));
  auto buckets = Call("s3", "ListBuckets", {}, &t);
  ASSERT_TRUE(buckets.ok()) << buckets.status().ToString();
  ASSERT_EQ(buckets->at("Buckets").as_array().size(), 1u);
  EXPECT_EQ(buckets->at("Buckets").at(0).at("Name"), json::value("ocean-second-account"));
}

TEST_F(EngineMoto, Ec2DescribeRegions) { ExpectSameAsBoto3("ec2", "DescribeRegions", {}); }

TEST_F(EngineMoto, Ec2DescribeInstancesAcrossThreePages) {
  long pages = 0;
  auto ours = Paginate("ec2", "DescribeInstances", {}, 5, &pages);
  ASSERT_TRUE(ours.ok()) << ours.status().ToString();
  EXPECT_GE(pages, 3);
  json::value theirs = moto_->Boto3("ec2", "DescribeInstances", {}, "us-east-1", true);
  EXPECT_EQ(core::WriteJson(*ours), core::WriteJson(theirs));
  size_t instances = 0;
  for (const auto& r : ours->at("Reservations").as_array()) {
    instances += r.at("Instances").as_array().size();
  }
  EXPECT_EQ(instances, seeded_.at("instances").at("us-east-1").as_array().size());
}

TEST_F(EngineMoto, S3ListBucketsAndTagging) {
  ExpectSameAsBoto3("s3", "ListBuckets", {});
  json::object tagged;
  tagged["Bucket"] = "ocean-tagged";
  ExpectSameAsBoto3("s3", "GetBucketTagging", tagged);
  json::object plain;
  plain["Bucket"] = "ocean-plain";
  auto r = Call("s3", "GetBucketTagging", plain);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().remote_code(), "NoSuchTagSet");
  EXPECT_EQ(r.status().http_status(), 404);
  json::value theirs = moto_->Boto3("s3", "GetBucketTagging", plain);
  EXPECT_EQ(theirs.at("__error__").at("Code"), json::value("NoSuchTagSet"));
}

TEST_F(EngineMoto, SqsListQueuesAndAttributes) {
  ExpectSameAsBoto3("sqs", "ListQueues", {});
  for (const auto& url : seeded_.at("queues").as_array()) {
    json::object p;
    p["QueueUrl"] = url;
    p["AttributeNames"] = json::array{"All"};
    ExpectSameAsBoto3("sqs", "GetQueueAttributes", p);
  }
  json::object missing;
  missing["QueueUrl"] = moto_->endpoint() + "/123456789012/no-such-queue";
  auto r = Call("sqs", "GetQueueAttributes", missing);
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(r.status().remote_code().empty());
}

TEST_F(EngineMoto, EcsListAndDescribeClusters) {
  ExpectSameAsBoto3("ecs", "ListClusters", {});
  json::object p;
  p["clusters"] = seeded_.at("clusters");
  p["include"] = json::array{"TAGS", "SETTINGS", "STATISTICS"};
  ExpectSameAsBoto3("ecs", "DescribeClusters", p);
}

TEST_F(EngineMoto, OrganizationsListAccounts) {
  long pages = 0;
  auto ours = Paginate("organizations", "ListAccounts", {}, 2, &pages);
  ASSERT_TRUE(ours.ok()) << ours.status().ToString();
  EXPECT_GE(pages, 2);
  json::value theirs = moto_->Boto3("organizations", "ListAccounts", {}, "us-east-1", true);
  EXPECT_EQ(core::WriteJson(*ours), core::WriteJson(theirs));
}

TEST_F(EngineMoto, UnknownOperationAndBadParamsAreClearErrors) {
  auto r = Call("ec2", "DescribeNothing", {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("DescribeNothing"), std::string::npos);
  json::object bad;
  bad["InstanceIds"] = "i-123";  // must be a list
  auto b = Call("ec2", "DescribeInstances", bad);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().code(), core::StatusCode::kInvalidArgument);
  EXPECT_NE(b.status().message().find("InstanceIds"), std::string::npos);
}

}  // namespace
}  // namespace aws
