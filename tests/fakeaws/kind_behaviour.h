// Support of the per-kind behaviour tests (kind_behaviour_test.cc: pagination, access denied,
// failing detail call; kind_behaviour_limits_test.cc: throttling, regions): the fake endpoint
// served in-process with the behaviour configuration, an export of one kind through the real
// engine (ExportAll), what names a resource in its envelope (KeyOf), the expected counts, the
// applicability rules read from a kind's definition (Pageable, MakesNoAwsCall) and the
// parameterized fixture. The suite is instantiated once, in kind_behaviour_test.cc, over every
// kind of the kind table.
//
// Thread-safety: test code; each test builds its own fake and io_context.
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <cstdio>
#include <map>
#include <set>

#include "aws/client.h"
#include "aws/model/service_model.h"
#include "net/curl_transport.h"
#include "catalog/kind_table.h"
#include "catalog/scope_exporter.h"
#include "fake_aws.h"
#include "model_kinds.h"
#include "fakes/run_coro.h"
#include "served_fake.h"
#include "server.h"

namespace fakeaws::behaviour {

namespace asio = boost::asio;
namespace cdef = catalog::definition;

constexpr uint64_t kPerScope = 5;


inline FakeConfig BehaviourConfig() {
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

inline Exported ExportAll(const catalog::KindSpec& kind, const std::string& endpoint,
                   const std::string& region) {
  asio::io_context io;
  aws::AwsClient::Options opts;
  opts.endpoint_url = endpoint;
  opts.max_attempts = 1;
  aws::AwsClient client(io, net::MakeCurlTransport(io), opts);
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
inline std::string KeyOf(FakeAws& fake, const std::string& kind, const json::value& envelope) {
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
inline uint64_t Parents(FakeAws& fake, const cdef::KindDef& def) {
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
inline uint64_t Expected(FakeAws& fake, const cdef::KindDef& def) {
  return fake.ScopeCount(def.name, 0, 0) * Parents(fake, def);
}

// Whether the kind's listing can be paged: the model's paginator or a declared one, and not
// `singlePage`. An unpageable listing (Elastic Beanstalk's DescribeApplications, CodePipeline's
// GetPipeline under a parent) answers everything in one call per parent, whatever page_cap says.
inline bool Pageable(const cdef::KindDef& def) {
  if (!def.list || def.list->single_page) return false;
  if (def.list->paginator) return true;
  core::Result<const aws::model::ServiceModel*> m = aws::model::GetService(def.service);
  const aws::model::Operation* op = m.ok() ? (*m)->FindOperation(def.list->operation) : nullptr;
  return op && op->paginator;
}

inline bool MakesNoAwsCall(const cdef::KindDef& def) { return !def.hook.empty() && !def.list; }

// What a behaviour that cannot apply to a kind checks instead (the rules below are read from the
// kind's definition, never from a list of names): the reason is recorded on the test, so every
// run shows which kinds took the alternative and why.
inline void NotApplicable(const std::string& kind, const std::string& behaviour, const std::string& why) {
  testing::Test::RecordProperty("not_applicable", behaviour + ": " + why);
  std::printf("[ N/A      ] %s %s: %s\n", kind.c_str(), behaviour.c_str(), why.c_str());
}

// The alternative for a kind that makes no AWS call (a hook answering from the account session,
// AWS::Account::Info): however hostile the endpoint (`hostile`: denying, failing, throttling),
// the export completes with the resource and the endpoint sees no request at all.

inline std::vector<std::string> KindNames() {
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

inline void ExpectServedWithoutAws(const catalog::KindSpec& kind, const FakeConfig& hostile) {
  ServedFake fake(hostile);
  Exported e = ExportAll(kind, fake.endpoint(), "us-east-1");
  EXPECT_EQ(e.outcome.state, catalog::ScopeState::kComplete) << e.outcome.error.message();
  EXPECT_FALSE(e.envelopes.empty());
  EXPECT_EQ(e.outcome.enrichment_errors, 0);
  EXPECT_EQ(fake.aws().stats().requests(), 0u);
}

}  // namespace fakeaws::behaviour
