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
#include <cstdio>
#include <map>
#include <set>

#include "aws/client.h"
#include "aws/model/service_model.h"
#include "aws/transport/curl_transport.h"
#include "catalog/kind_table.h"
#include "catalog/scope_exporter.h"
#include "fake_aws.h"
#include "model_kinds.h"
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

// The parent items a kind listed per parent item is listed under in (account 0, us-east-1): the
// resources of the kind whose listing its `parent` is; 1 for a kind without a parent.
uint64_t Parents(FakeAws& fake, const cdef::KindDef& def) {
  if (!def.parent) return 1;
  for (const catalog::KindSpec* k : catalog::AllKinds()) {
    const cdef::KindDef* d = catalog::FindKindDefinition(k->name);
    if (d && d->list && d->service == def.service &&
        d->list->operation == def.parent->listing.operation) {
      return fake.ScopeCount(d->name, 0, 0);
    }
  }
  return 1;
}

// Resources of the kind in (account 0, us-east-1); a kind listed per parent item has that many
// per parent, times the parents the parent kind lists there.
uint64_t Expected(FakeAws& fake, const cdef::KindDef& def) {
  return fake.ScopeCount(def.name, 0, 0) * Parents(fake, def);
}

// Whether the kind's listing can be paged: the model's paginator or a declared one, and not
// `singlePage`. An unpageable listing (Elastic Beanstalk's DescribeApplications, CodePipeline's
// GetPipeline under a parent) answers everything in one call per parent, whatever page_cap says.
bool Pageable(const cdef::KindDef& def) {
  if (!def.list || def.list->single_page) return false;
  if (def.list->paginator) return true;
  core::Result<const aws::model::ServiceModel*> m = aws::model::GetService(def.service);
  const aws::model::Operation* op = m.ok() ? (*m)->FindOperation(def.list->operation) : nullptr;
  return op && op->paginator;
}

bool MakesNoAwsCall(const cdef::KindDef& def) { return !def.hook.empty() && !def.list; }

// What a behaviour that cannot apply to a kind checks instead (the rules below are read from the
// kind's definition, never from a list of names): the reason is recorded on the test, so every
// run shows which kinds took the alternative and why.
void NotApplicable(const std::string& kind, const std::string& behaviour, const std::string& why) {
  testing::Test::RecordProperty("not_applicable", behaviour + ": " + why);
  std::printf("[ N/A      ] %s %s: %s\n", kind.c_str(), behaviour.c_str(), why.c_str());
}

// The alternative for a kind that makes no AWS call (a hook answering from the account session,
// AWS::Account::Info): however hostile the endpoint (`hostile`: denying, failing, throttling),
// the export completes with the resource and the endpoint sees no request at all.
void ExpectServedWithoutAws(const catalog::KindSpec& kind, const FakeConfig& hostile);

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


TEST_P(KindBehaviour, PaginationAcrossPagesYieldsEveryResourceOnce) {
  if (MakesNoAwsCall(def())) {
    NotApplicable(GetParam(), "pagination", "a hook without listing makes no AWS call");
    return ExpectServedWithoutAws(kind(), BehaviourConfig());
  }
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
  if (Pageable(def())) {
    EXPECT_GE(fake.aws().stats().requests_of(api), 2u * Parents(fake.aws(), def()))
        << api << " was not paged (for every parent)";
  } else {
    // Not applicable: the API has no page token. Every resource comes in one call per parent.
    EXPECT_EQ(fake.aws().stats().requests_of(api), Parents(fake.aws(), def()))
        << api << " is not pageable: one call per parent must answer everything";
  }
  EXPECT_EQ(e.outcome.enrichment_errors, 0);
}

TEST_P(KindBehaviour, AccessDeniedRegionIsSkippedAndReported) {
  FakeConfig c = BehaviourConfig();
  // Kinds listed once per account are denied wherever they are asked (no other region to
  // complete: the alternative is that the one ask is skipped and reported).
  c.denied_regions = regional() ? std::vector<std::string>{"eu-west-1"}
                                : std::vector<std::string>{"us-east-1", "eu-west-1"};
  if (MakesNoAwsCall(def())) {
    NotApplicable(GetParam(), "denied", "a hook without listing makes no AWS call");
    return ExpectServedWithoutAws(kind(), c);
  }
  if (!regional()) {
    NotApplicable(GetParam(), "denied", "a global kind is listed once per account, in its home "
                                        "region: denied there, the whole kind is skipped");
  }
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
  if (MakesNoAwsCall(def())) {
    NotApplicable(GetParam(), "detail", "a hook without listing makes no AWS call");
    FakeConfig c = BehaviourConfig();
    c.failing_ids = {"123456789012"};
    return ExpectServedWithoutAws(kind(), c);
  }
  bool detail = false, per_id = true;
  for (const cdef::ActionDef& a : def().actions) {
    if (a.type == cdef::ActionType::kCall || a.type == cdef::ActionType::kPagedCall) detail = true;
    if (a.type == cdef::ActionType::kBatch) {
      detail = true;
      per_id = per_id && !a.batch.failures.empty();
    }
    if (a.type == cdef::ActionType::kHook) per_id = false;
  }

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
  if (!detail) {
    // Not applicable: the listing gives everything (no call, pagedCall or batch action). The
    // alternative: a resource whose detail calls would fail is exported as in a clean run, with
    // no failure counted (a listing is never failed per resource).
    NotApplicable(GetParam(), "detail", "no per-resource or batch detail call in its actions");
    EXPECT_EQ(e.outcome.enrichment_errors, 0);
    std::map<std::string, std::string> now;
    for (const json::value& env : e.envelopes) {
      now[KeyOf(fake.aws(), GetParam(), env)] = core::WriteJson(env);
    }
    EXPECT_EQ(now, clean);
    return;
  }
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
  aws::AwsClient client(io, aws::MakeCurlTransport(io), opts);
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

void ExpectServedWithoutAws(const catalog::KindSpec& kind, const FakeConfig& hostile) {
  ServedFake fake(hostile);
  Exported e = ExportAll(kind, fake.endpoint(), "us-east-1");
  EXPECT_EQ(e.outcome.state, catalog::ScopeState::kComplete) << e.outcome.error.message();
  EXPECT_FALSE(e.envelopes.empty());
  EXPECT_EQ(e.outcome.enrichment_errors, 0);
  EXPECT_EQ(fake.aws().stats().requests(), 0u);
}

std::string TestName(const testing::TestParamInfo<std::string>& info) {
  std::string out;
  for (char ch : info.param) out.push_back(std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_');
  return out;
}

INSTANTIATE_TEST_SUITE_P(EveryKind, KindBehaviour, testing::ValuesIn(KindNames()), TestName);

}  // namespace
}  // namespace fakeaws
