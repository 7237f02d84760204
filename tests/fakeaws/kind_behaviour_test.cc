// Per-kind behaviour, generated from the kind table: every kind (built-in data file, or one added
// later: the parameters are catalog::AllKinds()) is exported through the real engine from the
// fake endpoint served in-process, with all its optional actions, and must
//   (a) list across at least two pages (page_cap 2) and yield every resource exactly once;
//   (b) skip an access-denied region with a PermissionDenied outcome (reported), while the
//       other region completes;
//   (c) survive a failing detail call for one resource: every resource still emitted, the
//       failure counted (enrichment_errors, which keeps the kind from justifying deletions),
//       and, where the API reports failures per id, every other resource identical to a clean
//       export.
// Kinds a hand-written fake service lists (EC2 instances, S3, SQS, ECS clusters, Organizations)
// take the same tests; a kind making no AWS call (the STS hook's AWS::Account::Info) or no
// detail call skips what does not apply, saying why.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <map>
#include <set>

#include "aws/client.h"
#include "aws/transport/curl_transport.h"
#include "catalog/kind_table.h"
#include "catalog/scope_exporter.h"
#include "fake_aws.h"
#include "fakes/run_coro.h"
#include "server.h"

namespace fakeaws {
namespace {

namespace asio = boost::asio;
namespace cdef = catalog::definition;

constexpr uint64_t kPerScope = 5;

class ServedFake {
 public:
  explicit ServedFake(const FakeConfig& config) : aws_(config), server_(aws_) {
    core::Status st = server_.Listen();
    EXPECT_TRUE(st.ok()) << st.message();
    server_.Start();
  }
  std::string endpoint() const { return server_.endpoint(); }
  FakeAws& aws() { return aws_; }

 private:
  FakeAws aws_;
  FakeAwsServer server_;
};

FakeConfig BehaviourConfig() {
  FakeConfig c;
  c.accounts = kPerScope;  // Organizations lists the accounts
  c.regions = {"us-east-1", "eu-west-1"};
  c.ec2_instances = c.sqs_queues = c.ecs_clusters = c.s3_buckets = kPerScope;
  c.kind_resources = kPerScope;
  c.page_cap = 2;
  return c;
}

struct Exported {
  catalog::ScopeOutcome outcome;
  std::vector<json::value> envelopes;
};

Exported ExportAll(const catalog::KindSpec& kind, const std::string& endpoint,
                   const std::string& region) {
  asio::io_context io;
  aws::AwsClient::Options opts;
  opts.endpoint_url = endpoint;
  opts.max_attempts = 1;
  aws::AwsClient client(io, aws::MakeCurlTransport(io), opts);
  std::vector<std::string> include;
  for (const catalog::ActionSpec& a : kind.actions) {
    if (!a.is_default) include.push_back(a.name);
  }
  std::vector<const catalog::ActionSpec*> actions = catalog::SelectActions(kind, include, nullptr);
  aws::Credentials creds{"AKIDBEHAVIOUR0000000", "secret", "", std::nullopt, ""};
  catalog::AccountSession account{{"123456789012", "Account 123456789012", {}},
                                  std::make_shared<aws::StaticCredentialsProvider>(creds, "keys")};
  Exported out;
  out.outcome = testing_fakes::RunCoro(
      io, catalog::ExportScope(kind, client, account, region, actions,
                               [&](std::vector<json::value> batch) -> asio::awaitable<core::Status> {
                                 for (auto& e : batch) out.envelopes.push_back(std::move(e));
                                 co_return core::Status::Ok();
                               }));
  return out;
}

// What names a resource in its envelope: the property a hand-written service keys it by, else
// the generic responder's marker ("<slug>-<index>") anywhere in it.
std::string KeyOf(FakeAws& fake, const std::string& kind, const json::value& envelope) {
  static const std::map<std::string, std::string> kHandWritten = {
      {"AWS::EC2::Instance", "InstanceId"}, {"AWS::S3::Bucket", "BucketName"},
      {"AWS::SQS::Queue", "QueueUrl"},      {"AWS::ECS::Cluster", "ClusterArn"},
      {"AWS::Organizations::Account", "Id"}};
  if (auto it = kHandWritten.find(kind); it != kHandWritten.end()) {
    const json::value* v = envelope.at("Properties").as_object().if_contains(it->second);
    return v && v->is_string() ? std::string(v->get_string()) : "";
  }
  int k = fake.kinds().Find(kind);
  std::optional<uint64_t> index = fake.kinds().FindMarker(k, core::WriteJson(envelope));
  return index ? fake.kinds().Marker(k, *index) : "";
}

// Resources of the kind in (account 0, us-east-1); a kind listed per parent item has that many
// per parent, times the parents the parent kind lists there.
uint64_t Expected(FakeAws& fake, const cdef::KindDef& def) {
  uint64_t n = fake.ScopeCount(def.name, 0, 0);
  if (!def.parent) return n;
  for (const catalog::KindSpec* k : catalog::AllKinds()) {
    const cdef::KindDef* d = catalog::FindKindDefinition(k->name);
    if (d && d->list && d->service == def.service &&
        d->list->operation == def.parent->listing.operation) {
      return n * fake.ScopeCount(d->name, 0, 0);
    }
  }
  return n;
}

bool MakesNoAwsCall(const cdef::KindDef& def) { return !def.hook.empty() && !def.list; }

std::vector<std::string> KindNames() {
  std::vector<std::string> names;
  for (const catalog::KindSpec* k : catalog::AllKinds()) names.push_back(k->name);
  return names;
}

class KindBehaviour : public testing::TestWithParam<std::string> {
 protected:
  const catalog::KindSpec& kind() const { return *catalog::FindKind(GetParam()); }
  const cdef::KindDef& def() const { return *catalog::FindKindDefinition(GetParam()); }
  bool regional() const { return def().scope == catalog::KindScope::kRegional; }
};


// Kinds added after the model-driven fake (issue 11.6) whose shapes it cannot synthesize yet
// (listings under a Get parent, identity templates, string page tokens, ...), per behaviour.
// Each is skipped with this reason, so the gap stays visible in every run; a kind leaves the
// table once the fake serves it.
const std::map<std::string, std::set<std::string>, std::less<>>& NotYetServedTable() {
  static const std::map<std::string, std::set<std::string>, std::less<>> kTable = {
      {"AWS::ApiGateway::RestApi", {"denied", "detail", "pagination", "throttle"}},
      {"AWS::ApiGatewayV2::Api", {"pagination"}},
      {"AWS::AutoScaling::AutoScalingGroup", {"pagination"}},
      {"AWS::CloudFormation::Stack", {"pagination"}},
      {"AWS::CloudFront::Distribution", {"detail", "pagination", "throttle"}},
      {"AWS::CodeDeploy::DeploymentGroup", {"detail", "pagination", "throttle"}},
      {"AWS::CodeDeploy::DeploymentTarget", {"detail", "pagination", "throttle"}},
      {"AWS::CodePipeline::Action", {"denied", "pagination", "throttle"}},
      {"AWS::CodePipeline::ActionExecution", {"throttle"}},
      {"AWS::CodePipeline::PipelineExecution", {"detail", "throttle"}},
      {"AWS::CodePipeline::Stage", {"denied", "pagination", "throttle"}},
      {"AWS::EC2::SecurityGroup", {"pagination"}},
      // The throttle case calls DescribeImages without its parent's repositoryName (required).
      {"AWS::ECR::Image", {"throttle"}},
      {"AWS::ECS::Service", {"detail", "pagination"}},
      {"AWS::EFS::FileSystem", {"pagination"}},
      {"AWS::ElasticBeanstalk::Application", {"denied", "detail", "pagination"}},
      {"AWS::ElasticLoadBalancingV2::Listener", {"pagination"}},
      {"AWS::IAM::Policy", {"pagination"}},
      {"AWS::IAM::Role", {"pagination"}},
      {"AWS::IAM::User", {"pagination"}},
      {"AWS::KMS::Key", {"pagination"}},
      {"AWS::Kinesis::Stream", {"pagination"}},
      {"AWS::Logs::LogGroup", {"pagination"}},
  };
  return kTable;
}

bool NotYetServed(std::string_view kind, std::string_view behaviour) {
  auto it = NotYetServedTable().find(kind);
  return it != NotYetServedTable().end() && it->second.contains(std::string(behaviour));
}

#define SKIP_IF_NOT_YET_SERVED(behaviour)                                                   \
  if (NotYetServed(GetParam(), behaviour))                                                  \
  GTEST_SKIP() << GetParam() << ": the fake AWS does not serve this kind's " << behaviour \
               << " case yet (tests/fakeaws/kind_behaviour_test.cc NotYetServedTable)"

TEST_P(KindBehaviour, PaginationAcrossPagesYieldsEveryResourceOnce) {
  SKIP_IF_NOT_YET_SERVED("pagination");
  if (MakesNoAwsCall(def())) GTEST_SKIP() << GetParam() << " makes no AWS call (hook)";
  ServedFake fake(BehaviourConfig());
  Exported e = ExportAll(kind(), fake.endpoint(), "us-east-1");
  ASSERT_EQ(e.outcome.state, catalog::ScopeState::kComplete) << e.outcome.error.message();
  uint64_t expected = Expected(fake.aws(), def());
  ASSERT_GE(expected, 3u);
  std::set<std::string> keys;
  for (const json::value& env : e.envelopes) {
    std::string key = KeyOf(fake.aws(), GetParam(), env);
    EXPECT_FALSE(key.empty()) << core::WriteJson(env);
    EXPECT_TRUE(keys.insert(key).second) << "twice: " << key;
  }
  EXPECT_EQ(e.envelopes.size(), expected);
  EXPECT_EQ(keys.size(), expected);
  std::string api = def().service + ":" + def().list->operation;
  EXPECT_GE(fake.aws().stats().requests_of(api), 2u) << api << " was not paged";
  EXPECT_EQ(e.outcome.enrichment_errors, 0);
}

TEST_P(KindBehaviour, AccessDeniedRegionIsSkippedAndReported) {
  SKIP_IF_NOT_YET_SERVED("denied");
  if (MakesNoAwsCall(def())) GTEST_SKIP() << GetParam() << " makes no AWS call (hook)";
  FakeConfig c = BehaviourConfig();
  // Kinds listed once per account are denied wherever they are asked.
  c.denied_regions = regional() ? std::vector<std::string>{"eu-west-1"}
                                : std::vector<std::string>{"us-east-1", "eu-west-1"};
  ServedFake fake(c);
  Exported denied = ExportAll(kind(), fake.endpoint(), regional() ? "eu-west-1" : "us-east-1");
  EXPECT_EQ(denied.outcome.state, catalog::ScopeState::kSkipped)
      << catalog::ScopeStateName(denied.outcome.state) << ": " << denied.outcome.error.message();
  EXPECT_EQ(denied.outcome.error.code(), core::StatusCode::kPermissionDenied)
      << denied.outcome.error.message();
  EXPECT_FALSE(denied.outcome.error.message().empty());
  EXPECT_TRUE(denied.envelopes.empty());
  if (!regional()) return;
  Exported allowed = ExportAll(kind(), fake.endpoint(), "us-east-1");
  EXPECT_EQ(allowed.outcome.state, catalog::ScopeState::kComplete)
      << allowed.outcome.error.message();
  EXPECT_EQ(allowed.envelopes.size(), Expected(fake.aws(), def()));
}

TEST_P(KindBehaviour, FailingDetailCallLeavesOthersIntactAndKindIncomplete) {
  SKIP_IF_NOT_YET_SERVED("detail");
  if (MakesNoAwsCall(def())) GTEST_SKIP() << GetParam() << " makes no AWS call (hook)";
  bool detail = false, per_id = true;
  for (const cdef::ActionDef& a : def().actions) {
    if (a.type == cdef::ActionType::kCall || a.type == cdef::ActionType::kPagedCall) detail = true;
    if (a.type == cdef::ActionType::kBatch) {
      detail = true;
      per_id = per_id && !a.batch.failures.empty();
    }
    if (a.type == cdef::ActionType::kHook) per_id = false;
  }
  if (!detail) GTEST_SKIP() << GetParam() << " has no per-resource or batch detail call";

  std::map<std::string, std::string> clean;  // key -> envelope
  {
    ServedFake fake(BehaviourConfig());
    Exported e = ExportAll(kind(), fake.endpoint(), "us-east-1");
    ASSERT_EQ(e.outcome.state, catalog::ScopeState::kComplete) << e.outcome.error.message();
    for (const json::value& env : e.envelopes) {
      clean[KeyOf(fake.aws(), GetParam(), env)] = core::WriteJson(env);
    }
  }
  ASSERT_GE(clean.size(), 3u);
  std::string victim = std::next(clean.begin())->first;
  FakeConfig c = BehaviourConfig();
  c.failing_ids = {victim};
  ServedFake fake(c);
  Exported e = ExportAll(kind(), fake.endpoint(), "us-east-1");
  ASSERT_EQ(e.outcome.state, catalog::ScopeState::kComplete) << e.outcome.error.message();
  EXPECT_GE(e.outcome.enrichment_errors, 1) << "the failure of " << victim << " was not counted";
  ASSERT_EQ(e.envelopes.size(), clean.size());
  if (!per_id) return;  // a batch API without per-id failures fails the victim's whole batch
  // Every other resource exactly as in the clean export; the victim still emitted (with what
  // the listing gave: it may carry no key when all its properties come from the failed call).
  std::set<std::string> seen;
  int keyless = 0;
  for (const json::value& env : e.envelopes) {
    std::string key = KeyOf(fake.aws(), GetParam(), env);
    if (key.empty()) {
      ++keyless;
      continue;
    }
    EXPECT_TRUE(seen.insert(key).second) << "twice: " << key;
    if (key == victim) continue;
    EXPECT_EQ(core::WriteJson(env), clean[key]) << "an other resource lost data: " << key;
  }
  EXPECT_EQ(seen.size() + keyless, clean.size());
  EXPECT_LE(keyless, 1);
  EXPECT_TRUE(seen.contains(victim) || keyless == 1) << "the failing resource must be emitted";
}

// (d) An empty token bucket answers the listing with the service's own throttling error, in its
// protocol, and the engine classifies it as throttling (so it backs off and retries).
TEST_P(KindBehaviour, ThrottledListingAnswersTheServicesOwnThrottlingError) {
  SKIP_IF_NOT_YET_SERVED("throttle");
  if (!def().list) GTEST_SKIP() << GetParam() << " has no listing (hook)";
  FakeConfig c = BehaviourConfig();
  c.throttle = true;
  ASSERT_TRUE(ParseLimitFlag(def().service + ":" + def().list->operation + "=1/0.001", c).ok());
  ServedFake fake(c);
  asio::io_context io;
  aws::AwsClient::Options opts;
  opts.endpoint_url = fake.endpoint();
  opts.max_attempts = 1;
  opts.adaptive = false;
  aws::AwsClient client(io, aws::MakeCurlTransport(io), opts);
  aws::Credentials creds{"AKIDBEHAVIOUR0000000", "secret", "", std::nullopt, ""};
  aws::CallTarget target{std::make_shared<aws::StaticCredentialsProvider>(creds, "keys"),
                         "us-east-1", "123456789012"};
  json::object params;
  for (const auto& p : def().list->params) {
    if (!p.value().is_string() || p.value().get_string().find('{') == json::string::npos) {
      params[p.key()] = p.value();
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
  SKIP_IF_NOT_YET_SERVED("regions");
  if (!regional() || def().hook.size()) GTEST_SKIP() << GetParam() << " is not a regional listing";
  FakeConfig c;
  c.kind_resources = c.ec2_instances = c.sqs_queues = c.ecs_clusters = 2;
  FakeAws fake(c);
  for (size_t r = 0; r < DefaultRegions().size(); ++r) {
    const std::string& region = DefaultRegions()[r];
    bool listed = def().regions.empty() ||
                  std::find(def().regions.begin(), def().regions.end(), region) != def().regions.end();
    EXPECT_EQ(fake.ScopeCount(GetParam(), 0, static_cast<int>(r)), listed ? 2u : 0u) << region;
  }
}

std::string TestName(const testing::TestParamInfo<std::string>& info) {
  std::string out;
  for (char ch : info.param) out.push_back(std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_');
  return out;
}

INSTANTIATE_TEST_SUITE_P(EveryKind, KindBehaviour, testing::ValuesIn(KindNames()), TestName);

}  // namespace
}  // namespace fakeaws
