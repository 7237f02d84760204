// Issue 15 point 2: any CloudFormation type name without a definition of its own is a kind of the
// Cloud Control family (data/kinds/cloudcontrol_any.yaml, catalog/definition/kind_family.h).
// moto 5.2 has no Cloud Control, so a scripted loopback answers ListResources / GetResource:
//   - every page is read (NextToken), Properties (JSON text) are parsed, the envelope carries
//     both our members and the older integration's (Identifier, __Kind, __AccountId, __Region);
//   - a ThrottlingException is retried through the engine's retry and rate limiter;
//   - GetResourceAction reads each resource's model, a resource gone meanwhile keeps the listing's;
//   - without includeActions, GetResource runs by itself for exactly the resources whose listed
//     Properties hold only their identifier's values (compound "a|b" too), not for the others;
//   - an unsupported type fails its scope with an error naming the type (so nothing of that kind
//     is deleted) while another kind exported beside it completes;
//   - global services are listed once per account; only AWS::X::Y names are family kinds.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "aws/retry/published_limits.h"
#include "net/curl_transport.h"
#include "catalog/kind_table.h"
#include "catalog/scope_exporter.h"
#include "fakes/loopback_http_server.h"
#include "fakes/scope_export.h"

namespace catalog {
namespace {

namespace asio = boost::asio;
using testing_fakes::RecordedRequest;
using testing_fakes::ScriptedResponse;

constexpr std::string_view kType = "AWS::Lightsail::Instance";

std::string Target(const RecordedRequest& req) {
  return std::string(net::FindHeader(req.headers, "X-Amz-Target"));
}

json::value Body(const RecordedRequest& req) { return json::parse(req.body); }

// A ResourceDescription whose Properties are JSON text, as Cloud Control answers it.
std::string Description(const std::string& id, const std::string& props) {
  return json::serialize(json::value{{"Identifier", id}, {"Properties", props}});
}

struct Export {
  ScopeOutcome outcome;
  std::vector<json::value> envelopes;
  aws::ClientStats stats;
};

// ExportOneScope with the engine's retries on (a throttle must be retried, not surface).
Export ExportWithRetries(const KindSpec& kind, const std::string& endpoint,
                         std::vector<std::string> include = {}) {
  asio::io_context io;
  aws::AwsClient::Options opts = testenv::TestClientOptions(endpoint);
  opts.max_attempts = 3;
  aws::AwsClient client(io, net::MakeCurlTransport(io), opts);
  Export out;
  AccountSession account = testenv::TestAccount();
  std::vector<std::string> unknown;
  auto actions = SelectActions(kind, include, &unknown);
  EXPECT_TRUE(unknown.empty());
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        out.outcome = co_await ExportScope(
            kind, client, account, "us-east-1", actions,
            [&](std::vector<json::value> batch) -> asio::awaitable<core::Status> {
              for (auto& e : batch) out.envelopes.push_back(std::move(e));
              co_return core::Status::Ok();
            });
      },
      [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
  io.run();
  out.stats = client.stats();
  return out;
}

TEST(CloudControlKind, EveryPageParsedWithBothEnvelopesAndAThrottleRetried) {
  const KindSpec* kind = FindKind(kType);
  ASSERT_NE(kind, nullptr);
  EXPECT_EQ(kind->service, "cloudcontrol");
  EXPECT_EQ(kind->scope, KindScope::kRegional);
  std::atomic<int> page2_calls = 0;
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault([&](const RecordedRequest& req) {
    if (Target(req) != "CloudApiService.ListResources") {
      return ScriptedResponse::AwsJsonError(400, "InvalidRequestException");
    }
    json::value body = Body(req);
    if (body.at("TypeName") != json::value(kType)) {
      return ScriptedResponse::AwsJsonError(400, "TypeNotFoundException");
    }
    const json::value* token = body.as_object().if_contains("NextToken");
    if (!token) {
      return ScriptedResponse::Ok(
          R"({"TypeName":"AWS::Lightsail::Instance","NextToken":"p2","ResourceDescriptions":[)" +
          Description("web-1", R"({"InstanceName":"web-1","State":{"Name":"running"},"Tags":[]})") +
          "," + Description("web-2", R"({"InstanceName":"web-2","BundleId":"nano_3_0"})") + "]}");
    }
    if (*token == json::value("p2")) {
      if (page2_calls++ == 0) return ScriptedResponse::AwsJsonError(400, "ThrottlingException");
      return ScriptedResponse::Ok(R"({"NextToken":"p3","ResourceDescriptions":[)" +
                                  Description("db-1", R"({"InstanceName":"db-1","BundleId":"micro_3_0"})") + "]}");
    }
    return ScriptedResponse::Ok(R"({"ResourceDescriptions":[]})");  // p3: the last, empty
  });
  Export ex = ExportWithRetries(*kind, server.Url(""));
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  EXPECT_EQ(ex.stats.throttled, 1);
  EXPECT_EQ(page2_calls.load(), 2);
  ASSERT_EQ(ex.envelopes.size(), 3u);
  const json::object& first = ex.envelopes[0].as_object();
  EXPECT_EQ(first.at("Type"), json::value(kType));
  EXPECT_EQ(first.at("Properties"),
            json::parse(R"({"InstanceName":"web-1","State":{"Name":"running"},"Tags":[]})"));
  EXPECT_EQ(first.at("__ExtraContext"),
            json::parse(R"({"AccountId":"123456789012","Region":"us-east-1"})"));
  // The older Cloud Control integration's members: its mappings keep working.
  EXPECT_EQ(first.at("Identifier"), json::value("web-1"));
  EXPECT_EQ(first.at("__Kind"), json::value(kType));
  EXPECT_EQ(first.at("__AccountId"), json::value("123456789012"));
  EXPECT_EQ(first.at("__Region"), json::value("us-east-1"));
  EXPECT_EQ(ex.envelopes[1].at("Properties").at("BundleId"), json::value("nano_3_0"));
  EXPECT_EQ(ex.envelopes[2].at("Identifier"), json::value("db-1"));
  // Cloud Control is paced by the engine's per-key limiter, seeded at its observed rate.
  std::optional<aws::PublishedBucket> seed =
      aws::PublishedLimit("cloudcontrol", "ListResources", false);
  ASSERT_TRUE(seed.has_value());
  EXPECT_DOUBLE_EQ(seed->refill, 25);
}

TEST(CloudControlKind, GetResourceActionReadsEachModelAndToleratesAGoneResource) {
  std::atomic<int> gets = 0;
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault([&](const RecordedRequest& req) {
    json::value body = Body(req);
    if (Target(req) == "CloudApiService.ListResources") {
      return ScriptedResponse::Ok(R"({"ResourceDescriptions":[)" +
                                  Description("a", R"({"Name":"a"})") + "," +
                                  Description("gone", R"({"Name":"gone"})") + "]}");
    }
    if (Target(req) == "CloudApiService.GetResource" && body.at("TypeName") == json::value(kType)) {
      ++gets;
      if (body.at("Identifier") == json::value("gone")) {
        return ScriptedResponse::AwsJsonError(400, "ResourceNotFoundException");
      }
      return ScriptedResponse::Ok(R"({"TypeName":"AWS::Lightsail::Instance","ResourceDescription":)" +
                                  Description("a", R"({"Name":"a","Arn":"arn:aws:lightsail:a","Size":3})") +
                                  "}");
    }
    return ScriptedResponse::AwsJsonError(400, "InvalidRequestException");
  });
  const KindSpec* kind = FindKind(kType);
  ASSERT_NE(kind, nullptr);
  testenv::ScopeExport ex =
      testenv::ExportOneScope(*kind, server.Url(""), "us-east-1", {"GetResourceAction"});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  EXPECT_EQ(ex.outcome.enrichment_errors, 0);
  EXPECT_EQ(gets.load(), 2);
  ASSERT_EQ(ex.envelopes.size(), 2u);
  EXPECT_EQ(ex.envelopes[0].at("Properties"),
            json::parse(R"({"Name":"a","Arn":"arn:aws:lightsail:a","Size":3})"));
  EXPECT_EQ(ex.envelopes[1].at("Properties"), json::parse(R"({"Name":"gone"})"));
}

// Cloud Control's list handlers answer some types with the primary identifier only: those
// resources (and only those) are read again with GetResource, without includeActions.
TEST(CloudControlKind, GetResourceRunsByItselfOnlyWhereTheListGaveOnlyTheIdentifier) {
  std::mutex mu;
  std::vector<std::string> got;  // the Identifiers GetResource was asked for
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault([&](const RecordedRequest& req) {
    json::value body = Body(req);
    if (Target(req) == "CloudApiService.ListResources") {
      return ScriptedResponse::Ok(
          R"({"ResourceDescriptions":[)" +
          Description("full", R"({"Name":"full","Size":1})") + "," +       // a model: kept
          Description("bare", R"({"Name":"bare"})") + "," +                // the id only
          Description("api|prod", R"({"ApiId":"api","StageName":"prod"})") + "," +  // compound
          Description("none", "{}") + "," +                                // no properties
          Description("7", R"({"Id":7})") + "," +                          // a numeric id
          Description("tagged", R"({"Id":"tagged","Tags":[]})") + "," +    // id and more
          Description("other", R"({"Id":"another"})") + "]}");             // not its id
    }
    if (Target(req) == "CloudApiService.GetResource") {
      std::string id(body.at("Identifier").as_string());
      {
        std::lock_guard lock(mu);
        got.push_back(id);
      }
      return ScriptedResponse::Ok(R"({"ResourceDescription":)" +
                                  Description(id, R"({"Model":"full","Of":")" + id + "\"}") + "}");
    }
    return ScriptedResponse::AwsJsonError(400, "InvalidRequestException");
  });
  const KindSpec* kind = FindKind(kType);
  ASSERT_NE(kind, nullptr);
  testenv::ScopeExport ex = testenv::ExportOneScope(*kind, server.Url(""), "us-east-1");
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  EXPECT_EQ(ex.outcome.enrichment_errors, 0);
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<std::string>{"7", "api|prod", "bare", "none"}));
  std::map<std::string, json::value> props;
  for (const json::value& e : ex.envelopes) {
    props[std::string(e.at("Identifier").as_string())] = e.at("Properties");
  }
  ASSERT_EQ(props.size(), 7u);
  // GetResource's model merged over what was listed (the identifier's own members).
  EXPECT_EQ(props["bare"], json::parse(R"({"Name":"bare","Model":"full","Of":"bare"})"));
  EXPECT_EQ(props["api|prod"],
            json::parse(R"({"ApiId":"api","StageName":"prod","Model":"full","Of":"api|prod"})"));
  EXPECT_EQ(props["none"], json::parse(R"({"Model":"full","Of":"none"})"));
  EXPECT_EQ(props["7"], json::parse(R"({"Id":7,"Model":"full","Of":"7"})"));
  EXPECT_EQ(props["full"], json::parse(R"({"Name":"full","Size":1})"));
  EXPECT_EQ(props["tagged"], json::parse(R"({"Id":"tagged","Tags":[]})"));
  EXPECT_EQ(props["other"], json::parse(R"({"Id":"another"})"));

  // Named in includeActions (or useGetResourceAPI), GetResource reads every resource.
  got.clear();
  testenv::ScopeExport all =
      testenv::ExportOneScope(*kind, server.Url(""), "us-east-1", {"GetResourceAction"});
  EXPECT_EQ(all.outcome.state, ScopeState::kComplete) << all.outcome.error.ToString();
  EXPECT_EQ(got.size(), 7u);
  for (const json::value& e : all.envelopes) {
    EXPECT_EQ(e.at("Properties").at("Model"), json::value("full")) << e.at("Identifier");
  }
}

TEST(CloudControlKind, UnsupportedTypesFailOnlyTheirOwnKindNamingTheType) {
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault([&](const RecordedRequest& req) {
    if (Target(req) == "CloudApiService.ListResources") {
      json::value type = Body(req).at("TypeName");
      if (type == json::value("AWS::Nope::Thing")) {
        return ScriptedResponse::AwsJsonError(400, "TypeNotFoundException");
      }
      if (type == json::value("AWS::EC2::SubnetRouteTableAssociation")) {
        return ScriptedResponse::AwsJsonError(400, "InvalidRequestException");
      }
      if (type == json::value("AWS::Lambda::Permission")) {
        return ScriptedResponse::AwsJsonError(400, "UnsupportedActionException");
      }
      return ScriptedResponse::Ok(R"({"ResourceDescriptions":[)" +
                                  Description("ok", R"({"Name":"ok","SizeInGb":8})") + "]}");
    }
    return ScriptedResponse::AwsJsonError(400, "InvalidRequestException");
  });
  struct Case {
    std::string type;
    std::string hint;
  };
  for (const Case& c : {Case{"AWS::Nope::Thing", "Cloud Control has no type AWS::Nope::Thing"},
                        Case{"AWS::EC2::SubnetRouteTableAssociation",
                             "Cloud Control cannot list AWS::EC2::SubnetRouteTableAssociation "
                             "without parameters (its list handler needs a ResourceModel)"},
                        Case{"AWS::Lambda::Permission",
                             "Cloud Control cannot list AWS::Lambda::Permission (the type has no "
                             "list handler)"}}) {
    const KindSpec* kind = FindKind(c.type);
    ASSERT_NE(kind, nullptr) << c.type;
    testenv::ScopeExport ex = testenv::ExportOneScope(*kind, server.Url(""), "us-east-1");
    // Failed, not skipped and not complete: the resync deletes nothing of this kind.
    EXPECT_EQ(ex.outcome.state, ScopeState::kFailed) << c.type;
    EXPECT_NE(ex.outcome.error.message().find(c.hint), std::string::npos)
        << ex.outcome.error.message();
    EXPECT_TRUE(ex.envelopes.empty());
  }
  // Another Cloud Control kind exported from the same endpoint completes.
  testenv::ScopeExport fine =
      testenv::ExportOneScope(*FindKind("AWS::Lightsail::Disk"), server.Url(""), "us-east-1");
  EXPECT_EQ(fine.outcome.state, ScopeState::kComplete);
  EXPECT_EQ(fine.envelopes.size(), 1u);
}

TEST(CloudControlKind, FamilyNamesScopesAndTable) {
  // Native definitions win; only AWS::<Service>::<Type> names are family kinds.
  EXPECT_EQ(FindKind("AWS::SQS::Queue")->service, "sqs");
  EXPECT_FALSE(IsFamilyKind("AWS::SQS::Queue"));
  EXPECT_TRUE(IsFamilyKind("AWS::Lightsail::Instance"));
  for (std::string_view bad : {"AWS::Lightsail", "Custom::A::B", "AWS::A::B::C", "AWS::::B",
                               "AWS::A-b::C", "AWS::*::*", ""}) {
    EXPECT_EQ(FindKind(bad), nullptr) << bad;
    EXPECT_FALSE(IsFamilyKind(bad)) << bad;
  }
  // The family is not a kind of its own: `ocean-aws kinds`, the spec and examples list natives.
  for (const KindSpec* k : AllKinds()) EXPECT_NE(k->service, "cloudcontrol") << k->name;
  // One instance per name, the same on every lookup (pointers stay valid).
  EXPECT_EQ(FindKind("AWS::Lightsail::Instance"), FindKind("AWS::Lightsail::Instance"));
  // Global services are listed once per account with {AccountId} only.
  for (std::string_view global : {"AWS::IAM::OIDCProvider", "AWS::CloudFront::Function",
                                  "AWS::Route53::HealthCheck", "AWS::WAF::Rule"}) {
    const KindSpec* k = FindKind(global);
    ASSERT_NE(k, nullptr) << global;
    EXPECT_EQ(k->scope, KindScope::kGlobal) << global;
    EXPECT_FALSE(k->region_in_extra_context) << global;
  }
  EXPECT_EQ(FindKind("AWS::WAFRegional::Rule")->scope, KindScope::kRegional);
  EXPECT_EQ(FindKind("AWS::EC2::FlowLog")->scope, KindScope::kRegional);
  const definition::KindDef* def = FindKindDefinition("AWS::EC2::FlowLog");
  ASSERT_NE(def, nullptr);
  EXPECT_EQ(def->list->params.at("TypeName"), json::value("AWS::EC2::FlowLog"));
  EXPECT_EQ(def->actions.at(0).params.at("TypeName"), json::value("AWS::EC2::FlowLog"));
}

}  // namespace
}  // namespace catalog
