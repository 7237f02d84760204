// The Cloud Control kind family (data/kinds/cloudcontrol_any.yaml) exported through the real
// engine from the fake endpoint's Cloud Control (tools/fakeaws/service_cloudcontrol.cc): a type
// listed across pages (and its full model read with GetResource), a type whose list gives only
// identifiers read with GetResource by itself, throttled answers retried to a
// complete export, a type Cloud Control does not hold failing only its kind, and a denied region
// skipped with the reason, in one run of several kinds (catalog::ResyncKind, as a
// resync runs them).
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <map>
#include <set>

#include "aws/client.h"
#include "catalog/kind_resync.h"
#include "catalog/kind_table.h"
#include "catalog/regions/region_resolver.h"
#include "catalog/scope_exporter.h"
#include "fake_aws.h"
#include "fakes/run_coro.h"
#include "net/curl_transport.h"
#include "served_fake.h"
#include "server.h"

namespace fakeaws {
namespace {

namespace asio = boost::asio;

constexpr char kImage[] = "AWS::ImageBuilder::Image";
constexpr char kHealthCheck[] = "AWS::Route53::HealthCheck";

using Fake = ServedFake;

struct Export {
  catalog::ScopeOutcome outcome;
  std::vector<json::value> envelopes;
};

// One (account 123456789012, region) scope of `kind_name` with `actions` (names of its actions).
Export ExportType(std::string_view kind_name, const std::string& endpoint, const std::string& region,
           std::vector<std::string> actions = {}, int max_attempts = 1) {
  const catalog::KindSpec* kind = catalog::FindKind(kind_name);
  EXPECT_NE(kind, nullptr) << kind_name;
  if (!kind) return {};
  asio::io_context io;
  aws::AwsClient::Options opts;
  opts.endpoint_url = endpoint;
  opts.max_attempts = max_attempts;
  opts.adaptive = false;
  aws::AwsClient client(io, net::MakeCurlTransport(io), opts);
  aws::Credentials creds{"AKIDCLOUDCONTROL0000", "secret", "", std::nullopt, ""};
  catalog::AccountSession account{{"123456789012", "Account 123456789012", {}},
                                  std::make_shared<aws::StaticCredentialsProvider>(creds, "keys")};
  Export out;
  out.outcome = testing_fakes::RunCoro(
      io, catalog::ExportScope(*kind, client, account, region,
                               catalog::SelectActions(*kind, actions, nullptr),
                               [&](std::vector<json::value> batch) -> asio::awaitable<core::Status> {
                                 for (auto& e : batch) out.envelopes.push_back(std::move(e));
                                 co_return core::Status::Ok();
                               }));
  return out;
}

struct KindRun {
  catalog::KindResyncResult result;
  size_t resources = 0;
};

// Several kinds, one after another, as one resync runs them: one client and one region resolver,
// every kind across `regions` of account 123456789012.
std::map<std::string, KindRun> ResyncKinds(const std::vector<std::string>& kinds,
                                           const std::string& endpoint,
                                           std::vector<std::string> regions) {
  asio::io_context io;
  aws::AwsClient::Options opts;
  opts.endpoint_url = endpoint;
  opts.max_attempts = 1;
  aws::AwsClient client(io, net::MakeCurlTransport(io), opts);
  catalog::regions::RegionResolver resolver(client);
  aws::Credentials creds{"AKIDCLOUDCONTROL0000", "secret", "", std::nullopt, ""};
  std::vector<catalog::AccountSession> accounts{
      {{"123456789012", "Account 123456789012", {}},
       std::make_shared<aws::StaticCredentialsProvider>(creds, "keys")}};
  catalog::KindResyncOptions options;
  options.only_regions = std::move(regions);
  std::map<std::string, KindRun> out;
  for (const std::string& name : kinds) {
    const catalog::KindSpec* kind = catalog::FindKind(name);
    EXPECT_NE(kind, nullptr) << name;
    if (!kind) continue;
    KindRun& run = out[name];
    run.result = testing_fakes::RunCoro(
        io, catalog::ResyncKind(*kind, client, resolver, accounts, options,
                                [&](std::vector<json::value> batch) -> asio::awaitable<core::Status> {
                                  run.resources += batch.size();
                                  co_return core::Status::Ok();
                                }));
  }
  return out;
}

const catalog::ScopeOutcome* ScopeIn(const KindRun& run, std::string_view region) {
  for (const catalog::ScopeOutcome& s : run.result.scopes) {
    if (s.region == region) return &s;
  }
  return nullptr;
}

std::set<std::string> Identifiers(const Export& e) {
  std::set<std::string> ids;
  for (const json::value& env : e.envelopes) ids.insert(std::string(env.at("Identifier").as_string()));
  return ids;
}

FakeConfig Config() {
  FakeConfig c;
  c.regions = {"us-east-1", "eu-west-1"};
  c.kind_counts[kImage] = 45;  // pages of at most 20, as AWS may answer fewer than asked: 3
  c.page_cap = 20;
  c.kind_counts[kHealthCheck] = 7;
  c.sqs_queues = 4;
  return c;
}

TEST(CloudControlFakeAws, TypeListsAcrossPagesWithPropertiesParsed) {
  Fake fake(Config());
  Export e = ExportType(kImage, fake.endpoint(), "eu-west-1");
  ASSERT_EQ(e.outcome.state, catalog::ScopeState::kComplete) << e.outcome.error.message();
  EXPECT_EQ(e.envelopes.size(), 45u);
  std::set<std::string> ids = Identifiers(e);
  EXPECT_EQ(ids.size(), 45u);
  EXPECT_TRUE(ids.contains("imagebuilderimage-0000044"));
  EXPECT_EQ(fake.Requests("cloudcontrol:ListResources"), 3u);
  EXPECT_EQ(fake.Requests("cloudcontrol:GetResource"), 0u);
  const json::value& env = e.envelopes.front();
  EXPECT_EQ(env.at("__Kind"), json::value(kImage));
  EXPECT_EQ(env.at("__Region"), json::value("eu-west-1"));
  const json::object& p = env.at("Properties").as_object();  // the JSON text, parsed
  EXPECT_EQ(p.at("Id"), env.at("Identifier"));
  EXPECT_EQ(p.at("Arn"), json::value("arn:aws:imagebuilder:eu-west-1:123456789012:image/" +
                                     std::string(env.at("Identifier").as_string())));
  EXPECT_FALSE(p.contains("Detail"));  // the list handler's model, not GetResource's

  // The totals a benchmark checks against: per region for ImageBuilder, once per account for
  // the global Route 53.
  json::object totals = fake.aws().StatsJson(false).at("resources").as_object();
  EXPECT_EQ(totals.at(kImage).as_uint64(), 2 * 45u);
  EXPECT_EQ(totals.at(kHealthCheck).as_uint64(), 7u);
  EXPECT_EQ(fake.aws().ScopeCount(kHealthCheck, 0, 1), 7u);
  EXPECT_EQ(fake.aws().ScopeCount("AWS::Fake::Unheard", 0, 0), 0u);
}

TEST(CloudControlFakeAws, GetResourceActionReadsEachFullModel) {
  FakeConfig c = Config();
  c.page_cap = 3;  // 7 health checks, one removed: pages of 3 and 3
  Fake fake(c);
  fake.aws().universe().Remove("route53healthcheck-0000002");
  Export e = ExportType(kHealthCheck, fake.endpoint(), "eu-west-1", {"GetResourceAction"});
  ASSERT_EQ(e.outcome.state, catalog::ScopeState::kComplete) << e.outcome.error.message();
  std::set<std::string> ids = Identifiers(e);
  EXPECT_EQ(ids.size(), 6u);
  EXPECT_FALSE(ids.contains("route53healthcheck-0000002"));
  EXPECT_EQ(fake.Requests("cloudcontrol:ListResources"), 2u);
  EXPECT_EQ(fake.Requests("cloudcontrol:GetResource"), 6u);
  for (const json::value& env : e.envelopes) {
    const json::object& p = env.at("Properties").as_object();
    EXPECT_EQ(p.at("Detail"), json::value("full model of " + std::string(env.at("Identifier").as_string())));
    // Route 53 is global: one set per account, ARNs without a region.
    EXPECT_NE(std::string(p.at("Arn").as_string()).find("::123456789012:"), std::string::npos);
  }
  EXPECT_EQ(e.outcome.enrichment_errors, 0);
}

// A type whose list handler answers the identifier only: every resource is read with
// GetResource without includeActions; another type listed with its model in the same fake is not.
TEST(CloudControlFakeAws, IdentifierOnlyListingIsReadWithGetResourceByItself) {
  constexpr char kBare[] = "AWS::Logs::Destination";
  FakeConfig c = Config();
  c.cloudcontrol_types.push_back(kBare);
  c.cloudcontrol_identifier_only = {kBare};
  c.kind_counts[kBare] = 25;  // pages of 20 and 5
  Fake fake(c);
  fake.aws().universe().Remove("logsdestination-0000004");
  Export e = ExportType(kBare, fake.endpoint(), "eu-west-1");
  ASSERT_EQ(e.outcome.state, catalog::ScopeState::kComplete) << e.outcome.error.message();
  EXPECT_EQ(e.outcome.enrichment_errors, 0);
  EXPECT_EQ(Identifiers(e).size(), 24u);
  EXPECT_EQ(fake.Requests("cloudcontrol:ListResources"), 2u);
  EXPECT_EQ(fake.Requests("cloudcontrol:GetResource"), 24u);
  for (const json::value& env : e.envelopes) {
    const json::object& p = env.at("Properties").as_object();
    std::string id(env.at("Identifier").as_string());
    EXPECT_EQ(p.at("Detail"), json::value("full model of " + id));  // GetResource's model
    EXPECT_EQ(p.at("Arn"), json::value("arn:aws:logs:eu-west-1:123456789012:destination/" + id));
  }
  // The listing with a model: no GetResource at all.
  fake.aws().stats().Reset();
  Export image = ExportType(kImage, fake.endpoint(), "eu-west-1");
  ASSERT_EQ(image.outcome.state, catalog::ScopeState::kComplete) << image.outcome.error.message();
  EXPECT_EQ(Identifiers(image).size(), 45u);
  EXPECT_EQ(fake.Requests("cloudcontrol:GetResource"), 0u);
  EXPECT_FALSE(image.envelopes.front().at("Properties").as_object().contains("Detail"));
}

TEST(CloudControlFakeAws, ThrottledAnswersAreRetriedAndTheExportCompletes) {
  FakeConfig c = Config();
  c.throttle = true;
  ASSERT_TRUE(ParseLimitFlag("cloudcontrol:ListResources=1/4", c).ok());
  Fake fake(c);
  // One attempt: the second page is answered with Cloud Control's own throttling error.
  Export once = ExportType(kImage, fake.endpoint(), "us-east-1");
  EXPECT_EQ(once.outcome.state, catalog::ScopeState::kFailed);
  EXPECT_EQ(once.outcome.error.remote_code(), "ThrottlingException") << once.outcome.error.message();
  EXPECT_EQ(once.outcome.error.code(), core::StatusCode::kThrottled);

  // With retries: each page after the first finds the bucket empty, is throttled, and is
  // retried once the bucket refilled.
  fake.aws().stats().Reset();
  Export e = ExportType(kImage, fake.endpoint(), "us-east-1", {}, 10);
  ASSERT_EQ(e.outcome.state, catalog::ScopeState::kComplete) << e.outcome.error.message();
  EXPECT_EQ(Identifiers(e).size(), 45u);
  json::object stats = fake.aws().StatsJson(false);
  const json::object& api = stats.at("apis").at("cloudcontrol:ListResources").as_object();
  EXPECT_GE(api.at("throttled").as_uint64(), 1u);
  EXPECT_EQ(api.at("requests").as_uint64() - api.at("throttled").as_uint64(), 3u);
}

TEST(CloudControlFakeAws, UnsupportedTypeFailsOnlyItsKind) {
  Fake fake(Config());
  Export bad = ExportType("AWS::Fake::Unheard", fake.endpoint(), "us-east-1");
  EXPECT_EQ(bad.outcome.state, catalog::ScopeState::kFailed);
  EXPECT_TRUE(bad.envelopes.empty());
  EXPECT_EQ(bad.outcome.error.remote_code(), "TypeNotFoundException");
  EXPECT_NE(bad.outcome.error.message().find("Cloud Control has no type AWS::Fake::Unheard"),
            std::string::npos)
      << bad.outcome.error.message();
  // The same run's other kinds, against the same endpoint, complete.
  Export image = ExportType(kImage, fake.endpoint(), "us-east-1");
  EXPECT_EQ(image.outcome.state, catalog::ScopeState::kComplete) << image.outcome.error.message();
  EXPECT_EQ(Identifiers(image).size(), 45u);
  Export check = ExportType(kHealthCheck, fake.endpoint(), "us-east-1");
  EXPECT_EQ(check.outcome.state, catalog::ScopeState::kComplete) << check.outcome.error.message();
  EXPECT_EQ(Identifiers(check).size(), 7u);
}

TEST(CloudControlFakeAws, OneRunWithAnUnknownTypeAndADeniedRegion) {
  FakeConfig c = Config();
  c.denied_regions = {"eu-west-1"};
  Fake fake(c);
  std::map<std::string, KindRun> runs = ResyncKinds(
      {"AWS::Fake::Unheard", kImage, "AWS::SQS::Queue"}, fake.endpoint(), {"us-east-1", "eu-west-1"});
  // The unknown type fails its own kind, in the region that answers; the denied region is
  // skipped for every kind, with its reason.
  const KindRun& bad = runs.at("AWS::Fake::Unheard");
  EXPECT_EQ(bad.resources, 0u);
  ASSERT_NE(ScopeIn(bad, "us-east-1"), nullptr);
  EXPECT_EQ(ScopeIn(bad, "us-east-1")->state, catalog::ScopeState::kFailed);
  EXPECT_EQ(ScopeIn(bad, "us-east-1")->error.remote_code(), "TypeNotFoundException");
  for (const auto& [name, run] : runs) {
    const catalog::ScopeOutcome* denied = ScopeIn(run, "eu-west-1");
    ASSERT_NE(denied, nullptr) << name;
    EXPECT_EQ(denied->state, catalog::ScopeState::kSkipped) << name;
    EXPECT_EQ(denied->error.code(), core::StatusCode::kPermissionDenied) << name;
    EXPECT_EQ(denied->error.remote_code(), "AccessDeniedException") << name;
  }
  // The same run's other kinds complete where they are allowed.
  const KindRun& image = runs.at(kImage);
  ASSERT_NE(ScopeIn(image, "us-east-1"), nullptr);
  EXPECT_EQ(ScopeIn(image, "us-east-1")->state, catalog::ScopeState::kComplete)
      << ScopeIn(image, "us-east-1")->error.message();
  EXPECT_EQ(image.resources, 45u);
  const KindRun& sqs = runs.at("AWS::SQS::Queue");
  ASSERT_NE(ScopeIn(sqs, "us-east-1"), nullptr);
  EXPECT_EQ(ScopeIn(sqs, "us-east-1")->state, catalog::ScopeState::kComplete);
  EXPECT_EQ(sqs.resources, 4u);
}

}  // namespace
}  // namespace fakeaws
