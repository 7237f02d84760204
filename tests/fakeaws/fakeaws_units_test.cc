// Units of the fake AWS endpoint (tools/fakeaws): ids, tokens, configuration, token buckets,
// the fault schedule and determinism of what it serves (no sockets).
#include <gtest/gtest.h>

#include <set>

#include "fake_aws.h"
#include "fake_config.h"
#include "faults.h"
#include "ids.h"
#include "request.h"
#include "throttle.h"

namespace fakeaws {
namespace {

TEST(FakeIds, EncodeDecodeRoundTripsAndIdsAreDistinct) {
  std::set<std::string> seen;
  for (uint32_t a : {0u, 1u, 999u, (1u << 20) - 1}) {
    for (uint32_t r : {0u, 16u, 63u}) {
      for (uint64_t i : {0ull, 1ull, 2ull, 123456ull, (1ull << 38) - 1}) {
        ResourceKey k{a, r, i};
        std::string id = EncodeId("i", k, kSaltInstance);
        ASSERT_EQ(id.size(), 19u) << id;  // "i-" + 17 hex digits, like EC2's
        EXPECT_TRUE(seen.insert(id).second) << id;
        std::optional<ResourceKey> back = DecodeId("i", id, kSaltInstance);
        ASSERT_TRUE(back.has_value()) << id;
        EXPECT_EQ(*back, k);
      }
    }
  }
  EXPECT_FALSE(DecodeId("i", "i-0zzzzzzzzzzzzzzzz", kSaltInstance).has_value());
  EXPECT_FALSE(DecodeId("i", "vol-0123456789abcdef0", kSaltInstance).has_value());
}

TEST(FakeIds, IsoTimesAreCivilDates) {
  EXPECT_EQ(IsoTime(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(IsoTime(951782400, false), "2000-02-29T00:00:00Z");
  EXPECT_EQ(IsoTime(1700000000), "2023-11-14T22:13:20.000Z");
}

TEST(FakeRequest, AssumedKeysCarryTheirAccount) {
  std::string key = AccessKeyFor("210987654321", 1);
  EXPECT_EQ(key.size(), 20u);
  EXPECT_EQ(AccountOfKey(key, "123456789012"), "210987654321");
  EXPECT_EQ(AccountOfKey("AKIAIOSFODNN7EXAMPLE", "123456789012"), "123456789012");
  EXPECT_EQ(AccountOfKey("testing", "123456789012"), "123456789012");
}

TEST(FakeRequest, RoutesByCredentialScopeAndProtocol) {
  std::string auth =
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/eu-west-1/sqs/aws4_request, "
      "SignedHeaders=host, Signature=abc";
  HttpIn in{"POST", "/", "127.0.0.1:1", auth, "AmazonSQS.ListQueues", "{\"MaxResults\":5}"};
  core::Result<Call> call = IdentifyCall(in, "123456789012");
  ASSERT_TRUE(call.ok()) << call.status().message();
  EXPECT_EQ(call->service, "sqs");
  EXPECT_EQ(call->region, "eu-west-1");
  EXPECT_EQ(call->operation, "ListQueues");
  EXPECT_EQ(call->account, "123456789012");

  std::string s3auth =
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/s3/aws4_request, x";
  HttpIn virt{"GET", "/?tagging", "my-bucket.localhost:8080", s3auth, "", ""};
  call = IdentifyCall(virt, "123456789012");
  ASSERT_TRUE(call.ok()) << call.status().message();
  EXPECT_EQ(call->bucket, "my-bucket");
  EXPECT_EQ(call->operation, "GetBucketTagging");
  HttpIn path{"GET", "/my-bucket?location", "127.0.0.1:8080", s3auth, "", ""};
  call = IdentifyCall(path, "123456789012");
  ASSERT_TRUE(call.ok());
  EXPECT_EQ(call->bucket, "my-bucket");
  EXPECT_EQ(call->operation, "GetBucketLocation");

  HttpIn unsigned_call{"POST", "/", "h", "", "", "Action=GetCallerIdentity"};
  EXPECT_FALSE(IdentifyCall(unsigned_call, "1").ok());
  HttpIn unknown{"POST", "/", "h", "AWS4-HMAC-SHA256 Credential=A/d/us-east-1/lambda/aws4_request",
                 "",     ""};
  core::Result<Call> bad = IdentifyCall(unknown, "1");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("lambda"), std::string::npos);
}

TEST(FakeConfig, JsonKeysAndFlagsAreCheckedWithTheirNames) {
  json::object o;
  o["accounts"] = 10;
  o["ec2_instances"] = 100;
  o["populated"] = 0.25;
  o["limits"] = json::object{{"ec2:DescribeInstances", "10/2"}};
  o["faults"] = json::object{{"reset", "p=0.05"}, {"error500", "every=9"}};
  core::Result<FakeConfig> c = ConfigFromJson(o);
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->accounts, 10);
  EXPECT_EQ(c->ec2_instances, 100u);
  EXPECT_DOUBLE_EQ(c->limits.at("ec2:DescribeInstances").burst, 10);
  EXPECT_DOUBLE_EQ(c->faults[static_cast<int>(FaultType::kReset)].probability, 0.05);
  EXPECT_EQ(c->faults[static_cast<int>(FaultType::kError500)].every, 9u);

  json::object unknown{{"acounts", 3}};
  core::Result<FakeConfig> u = ConfigFromJson(unknown);
  ASSERT_FALSE(u.ok());
  EXPECT_NE(u.status().message().find("acounts"), std::string::npos);
  json::object wrong{{"populated", "half"}};
  ASSERT_FALSE(ConfigFromJson(wrong).ok());
  FakeConfig f;
  core::Status st = ParseFaultFlag("explode:p=0.1", f);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("explode"), std::string::npos);
  EXPECT_FALSE(ParseLimitFlag("ec2:DescribeInstances=0/1", f).ok());
  f.populated = 2;
  EXPECT_FALSE(Validate(f).ok());
}

TEST(FakeThrottle, BucketEmptiesAfterBurstAndRefillsAtItsRate) {
  FakeConfig c;
  c.throttle = true;
  Throttler t(c);
  auto t0 = Throttler::Clock::now();
  int admitted = 0;
  for (int i = 0; i < 150; ++i)
    admitted += t.Admit("1", "us-east-1", "ec2", "DescribeInstances", false, t0);
  EXPECT_EQ(admitted, 100);  // EC2 describe bucket: 100
  // 20 tokens per second: after 0.5 s, 10 more.
  auto later = t0 + std::chrono::milliseconds(500);
  admitted = 0;
  for (int i = 0; i < 50; ++i)
    admitted += t.Admit("1", "us-east-1", "ec2", "DescribeInstances", false, later);
  EXPECT_EQ(admitted, 10);
  // Unfiltered, unpaginated describes draw from their own, smaller bucket (50).
  admitted = 0;
  for (int i = 0; i < 80; ++i)
    admitted += t.Admit("1", "us-east-1", "ec2", "DescribeInstances", true, t0);
  EXPECT_EQ(admitted, 50);
  // Another account, region or API has its own bucket.
  EXPECT_TRUE(t.Admit("2", "us-east-1", "ec2", "DescribeInstances", false, later));
  EXPECT_TRUE(t.Admit("1", "eu-west-1", "ec2", "DescribeInstances", false, later));
  bool found = false;
  for (const Throttler::KeyStats& k : t.Keys()) {
    if (k.account == "1" && k.region == "us-east-1" && k.api == "ec2:DescribeInstances") {
      found = true;
      EXPECT_EQ(k.admitted, 110u);
      EXPECT_EQ(k.throttled, 90u);
    }
  }
  EXPECT_TRUE(found);
}

TEST(FakeThrottle, OverridesAndOffSwitch) {
  FakeConfig c;
  c.throttle = true;
  ASSERT_TRUE(ParseLimitFlag("sqs:*=3/0", c).ok());
  Throttler t(c);
  auto now = Throttler::Clock::now();
  int admitted = 0;
  for (int i = 0; i < 10; ++i) admitted += t.Admit("1", "r", "sqs", "ListQueues", false, now);
  EXPECT_EQ(admitted, 3);
  FakeConfig off;
  Throttler none(off);
  for (int i = 0; i < 1000; ++i)
    ASSERT_TRUE(none.Admit("1", "r", "account", "ListRegions", false, now));
}

TEST(FakeFaults, EveryNthIsExactAndProbabilityHoldsItsRate) {
  FakeConfig c;
  ASSERT_TRUE(ParseFaultFlag("error503:every=7", c).ok());
  ASSERT_TRUE(ParseFaultFlag("reset:p=0.1", c).ok());
  FaultPlan plan(c);
  int every = 0, resets = 0;
  constexpr int kN = 100'000;
  for (uint64_t n = 1; n <= kN; ++n) {
    std::optional<FaultType> f = plan.Decide(n);
    if (f == FaultType::kError503) {
      ++every;
      EXPECT_EQ(n % 7, 0u);
    }
    if (f == FaultType::kReset) ++resets;
  }
  EXPECT_EQ(every, kN / 7);
  // p = 0.1 of the requests the every-7 rule left: 0.1 * 6/7.
  EXPECT_NEAR(resets / double(kN), 0.1 * 6 / 7, 0.005);
  // Same seed, same schedule.
  FaultPlan again(c);
  for (uint64_t n = 1; n <= 1000; ++n) EXPECT_EQ(plan.Decide(n), again.Decide(n));
  EXPECT_FALSE(FaultPlan(FakeConfig{}).Decide(7).has_value());
}

// Requests for every kind's list call and a per-resource call, as the engine signs them.
std::vector<HttpIn> SampleRequests() {
  static const std::string ec2 =
      "AWS4-HMAC-SHA256 Credential=K/20240101/us-east-1/ec2/aws4_request";
  static const std::string s3 = "AWS4-HMAC-SHA256 Credential=K/20240101/us-east-1/s3/aws4_request";
  static const std::string sqs =
      "AWS4-HMAC-SHA256 Credential=K/20240101/us-east-1/sqs/aws4_request";
  static const std::string ecs =
      "AWS4-HMAC-SHA256 Credential=K/20240101/us-east-1/ecs/aws4_request";
  static const std::string org =
      "AWS4-HMAC-SHA256 Credential=K/20240101/us-east-1/organizations/aws4_request";
  return {
      {"POST", "/", "h", ec2, "", "Action=DescribeInstances&Version=2016-11-15&MaxResults=10"},
      {"GET", "/?max-buckets=5", "127.0.0.1", s3, "", ""},
      {"POST", "/", "h", sqs, "AmazonSQS.GetQueueAttributes",
       "{\"QueueUrl\":\"https://sqs.us-east-1.amazonaws.com/123456789012/queue-0000001\","
       "\"AttributeNames\":[\"All\"]}"},
      {"POST", "/", "h", ecs, "AmazonEC2ContainerServiceV20141113.DescribeClusters",
       "{\"clusters\":[\"cluster-0000002\"],\"include\":[\"TAGS\",\"STATISTICS\"]}"},
      {"POST", "/", "h", org, "AWSOrganizationsV20161128.ListAccounts", "{}"},
  };
}

FakeConfig SmallUniverse(uint64_t seed) {
  FakeConfig c;
  c.seed = seed;
  c.accounts = 3;
  c.ec2_instances = 20;
  c.s3_buckets = 8;
  c.sqs_queues = 4;
  c.ecs_clusters = 4;
  return c;
}

TEST(FakeDeterminism, SameSeedServesIdenticalBodiesOtherSeedsDiffer) {
  FakeAws a(SmallUniverse(42)), b(SmallUniverse(42)), other(SmallUniverse(43));
  for (const HttpIn& in : SampleRequests()) {
    Outcome x = a.Handle(in), y = b.Handle(in), z = other.Handle(in);
    ASSERT_EQ(x.reply.status, 200) << in.amz_target << in.body << "\n" << x.reply.body;
    EXPECT_EQ(x.reply.body, y.reply.body) << in.amz_target << in.body;
    EXPECT_EQ(x.reply.headers, y.reply.headers);
    if (in.amz_target.find("ListAccounts") == std::string_view::npos) {
      EXPECT_NE(x.reply.body, z.reply.body) << "seed must matter: " << in.amz_target << in.body;
    }
  }
}

TEST(FakeUniverse, SparseScopesHoldTheConfiguredShare) {
  FakeConfig c;
  c.accounts = 1000;
  c.sqs_queues = 3;
  c.populated = 0.1;
  Universe u(c);
  uint64_t scopes = u.PopulatedScopes(Kind::kSqsQueue);
  EXPECT_NEAR(scopes / 17000.0, 0.1, 0.01);
  EXPECT_EQ(u.Total(Kind::kSqsQueue), scopes * 3);
  EXPECT_EQ(u.Total(Kind::kEc2Instance), 0u);
  EXPECT_EQ(u.Count(Kind::kSqsQueue, -1, 0), 0u);
}

}  // namespace
}  // namespace fakeaws
