// Per-kind behaviour, the service's limits (kind_behaviour.h; the suite is instantiated over
// every kind in kind_behaviour_test.cc):
//   (d) an empty token bucket answers the kind's listing with the service's own throttling
//       error, which the engine classifies as throttling;
//   (e) a kind with a `regions` list has resources only there.
// A hook without listing (AWS::Account::Info) and global kinds take the alternatives the
// definition says apply, named on the test.
#include "kind_behaviour.h"

namespace fakeaws::behaviour {
namespace {

// (d) An empty token bucket answers the listing with the service's own throttling error, in its
// protocol, and the engine classifies it as throttling (so it backs off and retries).
TEST_P(KindBehaviour, ThrottledListingAnswersTheServicesOwnThrottlingError) {
  FakeConfig c = BehaviourConfig();
  c.throttle = true;
  if (!def().list) {
    NotApplicable(GetParam(), "throttle", "a hook without listing makes no AWS call");
    EXPECT_TRUE(ParseLimitFlag("sts:*=1/0.001", c).ok());  // the one service it could ask
    return ExpectServedWithoutAws(kind(), c);
  }
  ASSERT_TRUE(ParseLimitFlag(def().service + ":" + def().list->operation + "=1/0.001", c).ok());
  ServedFake fake(c);
  asio::io_context io;
  aws::AwsClient::Options opts;
  opts.endpoint_url = fake.endpoint();
  opts.max_attempts = 1;
  opts.adaptive = false;
  aws::AwsClient client(io, net::MakeCurlTransport(io), opts);
  aws::Credentials creds{"AKIDBEHAVIOUR0000000", "secret", "", std::nullopt, ""};
  aws::CallTarget target{std::make_shared<aws::StaticCredentialsProvider>(creds, "keys"),
                         "us-east-1", "123456789012"};
  // Fixed parameters as the kind sends them; a parameter naming the parent item (a child
  // listing: GetPipeline's name, ListServices' cluster) names the parent kind's first resource.
  json::object params;
  const ModelKinds& kinds = fake.aws().kinds();
  int parent = kinds.ParentOf(kinds.Find(GetParam()));
  for (const auto& p : def().list->params) {
    if (!p.value().is_string() || p.value().get_string().find('{') == json::string::npos) {
      params[p.key()] = p.value();
    } else if (p.value().get_string().find("{parent") != json::string::npos) {
      params[p.key()] =
          parent >= 0 ? kinds.Identity(parent, 0, "123456789012", "us-east-1") : "parent-probe";
    }
  }
  core::Result<json::value> first = testing_fakes::RunCoro(
      io, client.Call(target, def().service, def().list->operation, params));
  ASSERT_TRUE(first.ok()) << first.status().message();
  core::Result<json::value> second = testing_fakes::RunCoro(
      io, client.Call(target, def().service, def().list->operation, params));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), core::StatusCode::kThrottled) << second.status().message();
  EXPECT_FALSE(second.status().remote_code().empty());
  EXPECT_EQ(fake.aws().stats().ToJson().at("throttled").to_number<uint64_t>(), 1u);
}

// (e) A kind with a `regions` list exists only there (MemoryDB's 21, SES's 27): the fake holds
// none elsewhere, as the exporter never asks there.
TEST_P(KindBehaviour, ResourcesOnlyInTheKindsRegions) {
  FakeConfig c;
  c.kind_resources = c.ec2_instances = c.sqs_queues = c.ecs_clusters = c.s3_buckets = 2;
  if (MakesNoAwsCall(def())) {
    NotApplicable(GetParam(), "regions", "a hook without listing makes no AWS call");
    return ExpectServedWithoutAws(kind(), BehaviourConfig());
  }
  FakeAws fake(c);
  if (!regional()) {
    // Not applicable: a global kind has no regions of its own. The alternative: one set per
    // account, the same whichever region the request is signed for.
    NotApplicable(GetParam(), "regions", "a global kind is one set per account");
    for (size_t r = 0; r < DefaultRegions().size(); ++r) {
      EXPECT_EQ(fake.ScopeCount(GetParam(), 0, static_cast<int>(r)), fake.ScopeCount(GetParam(), 0, 0))
          << DefaultRegions()[r];
    }
    EXPECT_GT(fake.ScopeCount(GetParam(), 0, 0), 0u);
    return;
  }
  for (size_t r = 0; r < DefaultRegions().size(); ++r) {
    const std::string& region = DefaultRegions()[r];
    bool listed = def().regions.empty() ||
                  std::find(def().regions.begin(), def().regions.end(), region) != def().regions.end();
    EXPECT_EQ(fake.ScopeCount(GetParam(), 0, static_cast<int>(r)), listed ? 2u : 0u) << region;
  }
}

}  // namespace
}  // namespace fakeaws::behaviour
