// AWS::ECS::Cluster end to end: upstream's property names and order, batching of DescribeClusters
// (at most 100 ARNs a call), merge by clusterArn when DescribeClusters reports failures, and the
// single-cluster fetch by ARN or name.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "aws/model/service_model.h"
#include "net/curl_transport.h"
#include "catalog/inspector.h"
#include "catalog/kind_table.h"
#include "catalog/scope_exporter.h"
#include "fakes/loopback_http_server.h"
#include "fakes/moto.h"
#include "fakes/scope_export.h"


namespace catalog {
namespace {

namespace asio = boost::asio;
// The kind as interpreted from data/kinds/ecs_cluster.yaml.
const KindSpec& EcsClusterKind() { return *FindKind("AWS::ECS::Cluster"); }

constexpr std::string_view kTarget = "AmazonEC2ContainerServiceV20141113.";

using Exported = testenv::ScopeExport;
using testenv::TestAccount;

aws::AwsClient::Options ClientOptions(const std::string& endpoint) {
  return testenv::TestClientOptions(endpoint);
}

Exported RunExport(const std::string& endpoint, const std::string& region) {
  return testenv::ExportOneScope(EcsClusterKind(), endpoint, region);
}

// `ocean-aws get`'s path: get_one, then the default actions on that one resource. Null when the
// cluster does not exist.
json::value RunGet(const std::string& endpoint, const std::string& region, std::string id,
                   long* enrichment_errors) {
  asio::io_context io;
  aws::AwsClient client(io, net::MakeCurlTransport(io), ClientOptions(endpoint));
  AccountSession account = TestAccount();
  std::vector<std::string> unknown;
  auto actions = SelectActions(EcsClusterKind(), {}, &unknown);
  json::value out;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        ListContext lctx{client, aws::CallTarget{account.credentials, region, account.info.id},
                         account};
        json::object extra = BaseExtraContext(EcsClusterKind(), account, region);
        core::Result<std::optional<Resource>> r = co_await EcsClusterKind().get_one(lctx, id, extra);
        EXPECT_TRUE(r.ok()) << r.status().ToString();
        if (!r.ok() || !*r) co_return;
        ActionContext actx{client, lctx.target, account, enrichment_errors};
        std::vector<Resource> batch;
        batch.push_back(std::move(**r));
        std::vector<json::value> env =
            co_await Inspect(EcsClusterKind(), actx, std::move(batch), actions);
        out = std::move(env.front());
      },
      [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
  io.run();
  return out;
}

const json::object* FindCluster(const std::vector<json::value>& envs, std::string_view name) {
  for (const auto& e : envs) {
    const json::object& p = e.at("Properties").as_object();
    if (const json::value* n = p.if_contains("ClusterName"); n && n->as_string() == name) {
      return &e.as_object();
    }
  }
  return nullptr;
}

// The test's own statement of upstream's model: ECS key -> emitted key, in emitted order.
constexpr std::pair<std::string_view, std::string_view> kUpstreamFields[] = {
    {"clusterName", "ClusterName"},
    {"capacityProviders", "CapacityProviders"},
    {"settings", "ClusterSettings"},
    {"configuration", "Configuration"},
    {"defaultCapacityProviderStrategy", "DefaultCapacityProviderStrategy"},
    {"serviceConnectDefaults", "ServiceConnectDefaults"},
    {"tags", "Tags"},
    {"attachments", "Attachments"},
    {"attachmentsStatus", "AttachmentsStatus"},
    {"statistics", "Statistics"},
    {"status", "Status"},
    {"runningTasksCount", "RunningTasksCount"},
    {"activeServicesCount", "ActiveServicesCount"},
    {"pendingTasksCount", "PendingTasksCount"},
    {"registeredContainerInstancesCount", "RegisteredContainerInstancesCount"},
    {"clusterArn", "ClusterArn"},
};

// What upstream emits for one of boto3's DescribeClusters clusters.
json::object ExpectedProperties(const json::object& cluster) {
  json::object p;
  for (const auto& [aws_key, out_key] : kUpstreamFields) {
    if (const json::value* v = cluster.if_contains(aws_key)) p[out_key] = *v;
  }
  return p;
}

std::vector<std::string> Keys(const json::object& o) {
  std::vector<std::string> keys;
  for (const auto& kv : o) keys.emplace_back(kv.key());
  return keys;
}

json::object Boto3Cluster(testenv::Moto* moto, const std::string& arn, const std::string& region) {
  json::object params;
  params["clusters"] = json::array{json::string(arn)};
  params["include"] =
      json::array{"TAGS", "ATTACHMENTS", "SETTINGS", "CONFIGURATIONS", "STATISTICS"};
  json::value got = moto->Boto3("ecs", "DescribeClusters", params, region);
  EXPECT_TRUE(got.is_object());
  if (!got.is_object() || got.at("clusters").as_array().size() != 1) return {};
  return got.at("clusters").as_array()[0].as_object();
}

// What kind_table_test checks for every row, checked here until the row is added.
TEST(EcsClusterKind, SpecMatchesTheEmbeddedModels) {
  auto svc = aws::model::GetService(EcsClusterKind().service);
  ASSERT_TRUE(svc.ok()) << svc.status().ToString();
  const aws::model::Operation* list = (*svc)->FindOperation(EcsClusterKind().list_operation);
  ASSERT_NE(list, nullptr);
  EXPECT_TRUE(list->paginator.has_value());
  ASSERT_NE(list->output, nullptr);
  EXPECT_NE(list->output->FindMember(EcsClusterKind().list_result_key), nullptr);
  ASSERT_EQ(EcsClusterKind().actions.size(), 1u);
  EXPECT_EQ(EcsClusterKind().actions[0].name, "DescribeClustersAction");
  EXPECT_TRUE(EcsClusterKind().actions[0].is_default);
  EXPECT_NE((*svc)->FindOperation(EcsClusterKind().actions[0].operation), nullptr);
}

TEST(EcsClusterKind, ExportsClustersAsUpstreamShapesThem) {
  testenv::Moto* moto = testenv::Moto::Get();
  ASSERT_NE(moto, nullptr);
  moto->Reset();
  json::value seeded = moto->Seed("engine");
  ASSERT_TRUE(seeded.is_object());
  Exported ex = RunExport(moto->endpoint(), "us-east-1");
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  EXPECT_EQ(ex.outcome.enrichment_errors, 0);
  EXPECT_EQ(ex.outcome.resources, 2);
  ASSERT_EQ(ex.envelopes.size(), 2u);

  for (std::string name : {"ocean-a", "ocean-b"}) {
    SCOPED_TRACE(name);
    const json::object* env = FindCluster(ex.envelopes, name);
    ASSERT_NE(env, nullptr);
    EXPECT_EQ(env->at("Type"), json::value("AWS::ECS::Cluster"));
    const json::object& p = env->at("Properties").as_object();
    std::string arn = "arn:aws:ecs:us-east-1:123456789012:cluster/" + name;
    EXPECT_EQ(p.at("ClusterArn"), json::value(arn));
    EXPECT_EQ(p.at("Tags"), json::parse(R"([{"key":"team","value":"x"}])"));
    EXPECT_EQ(p.at("Status"), json::value("ACTIVE"));
    EXPECT_EQ(p.at("RunningTasksCount"), json::value(0));
    ASSERT_TRUE(p.contains("ClusterSettings"));  // ECS's `settings`, renamed as upstream does
    EXPECT_FALSE(p.contains("settings"));
    EXPECT_FALSE(p.contains("clusterArn"));
    // Exactly boto3's cluster under upstream's names and in upstream's order (ClusterArn last).
    json::object expected = ExpectedProperties(Boto3Cluster(moto, arn, "us-east-1"));
    EXPECT_EQ(json::value(p), json::value(expected));
    EXPECT_EQ(Keys(p), Keys(expected));
    EXPECT_EQ(Keys(p).front(), "ClusterName");
    EXPECT_EQ(Keys(p).back(), "ClusterArn");
    EXPECT_EQ(env->at("__ExtraContext"),
              json::value(json::object{{"AccountId", "123456789012"}, {"Region", "us-east-1"}}));
  }
}

TEST(EcsClusterKind, NestedValuesStayAsEcsSendsThem) {
  testenv::Moto* moto = testenv::Moto::Get();
  ASSERT_NE(moto, nullptr);
  moto->Reset();
  json::value created = moto->Boto3(
      "ecs", "CreateCluster",
      json::parse(R"({"clusterName":"ocean-full",
        "tags":[{"key":"env","value":"prod"}],
        "settings":[{"name":"containerInsights","value":"enabled"}],
        "configuration":{"executeCommandConfiguration":{"logging":"DEFAULT"}},
        "capacityProviders":["FARGATE","FARGATE_SPOT"],
        "defaultCapacityProviderStrategy":[{"capacityProvider":"FARGATE","weight":1,"base":0}],
        "serviceConnectDefaults":{"namespace":"ocean"}})")
          .as_object(),
      "eu-west-1");
  ASSERT_TRUE(created.is_object());
  Exported ex = RunExport(moto->endpoint(), "eu-west-1");
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  ASSERT_EQ(ex.envelopes.size(), 1u);
  const json::object& p = ex.envelopes[0].at("Properties").as_object();
  EXPECT_EQ(p.at("ClusterSettings"),
            json::parse(R"([{"name":"containerInsights","value":"enabled"}])"));
  EXPECT_EQ(p.at("Configuration"),
            json::parse(R"({"executeCommandConfiguration":{"logging":"DEFAULT"}})"));
  EXPECT_EQ(p.at("CapacityProviders"), json::parse(R"(["FARGATE","FARGATE_SPOT"])"));
  EXPECT_EQ(p.at("DefaultCapacityProviderStrategy").as_array()[0].at("capacityProvider"),
            json::value("FARGATE"));
  EXPECT_TRUE(p.at("ServiceConnectDefaults").as_object().contains("namespace"));
  EXPECT_EQ(p.at("Tags"), json::parse(R"([{"key":"env","value":"prod"}])"));
  std::string arn = "arn:aws:ecs:eu-west-1:123456789012:cluster/ocean-full";
  json::object expected = ExpectedProperties(Boto3Cluster(moto, arn, "eu-west-1"));
  EXPECT_EQ(json::value(p), json::value(expected));
  EXPECT_EQ(Keys(p), Keys(expected));
}

TEST(EcsClusterKind, EmptyRegionIsCompleteWithNothing) {
  testenv::Moto* moto = testenv::Moto::Get();
  ASSERT_NE(moto, nullptr);
  Exported ex = RunExport(moto->endpoint(), "ap-south-1");
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete);
  EXPECT_TRUE(ex.envelopes.empty());
}

TEST(EcsClusterKind, GetOneByArnOrName) {
  testenv::Moto* moto = testenv::Moto::Get();
  ASSERT_NE(moto, nullptr);
  moto->Reset();
  ASSERT_TRUE(moto->Seed("engine").is_object());
  std::string arn = "arn:aws:ecs:us-east-1:123456789012:cluster/ocean-b";
  long errors = 0;
  json::value by_name = RunGet(moto->endpoint(), "us-east-1", "ocean-b", &errors);
  json::value by_arn = RunGet(moto->endpoint(), "us-east-1", arn, &errors);
  EXPECT_EQ(errors, 0);
  ASSERT_TRUE(by_name.is_object());
  EXPECT_EQ(by_name.at("Properties").at("ClusterArn"), json::value(arn));
  EXPECT_EQ(by_name.at("Properties").at("Tags"), json::parse(R"([{"key":"team","value":"x"}])"));
  EXPECT_EQ(by_name, by_arn);
  EXPECT_TRUE(RunGet(moto->endpoint(), "us-east-1", "no-such-cluster", &errors).is_null());
}

std::string ArnOf(int i) {
  return "arn:aws:ecs:us-east-1:1:cluster/c" + std::to_string(i);
}

std::string ClusterJson(std::string_view arn) {
  std::string name(arn.substr(arn.rfind('/') + 1));
  return R"({"clusterArn":")" + std::string(arn) + R"(","clusterName":")" + name +
         R"(","status":"ACTIVE","futureField":{"x":1},"settings":[]})";
}

// Answers ListClusters from `arns` in pages of `page` with nextToken = the next index, and
// DescribeClusters with a cluster for every requested ARN except those in `missing`, which come
// back as `failures`. Clusters are answered in reverse order to prove the merge is by ARN.
testing_fakes::Handler FakeEcs(std::vector<std::string> arns, std::size_t page,
                               std::set<std::string> missing = {}) {
  return [arns, page, missing](const testing_fakes::RecordedRequest& req) {
    std::string_view target = net::FindHeader(req.headers, "X-Amz-Target");
    json::object body = json::parse(req.body).as_object();
    if (target == std::string(kTarget) + "ListClusters") {
      std::size_t start = 0;
      if (const json::value* t = body.if_contains("nextToken")) {
        start = std::stoul(std::string(t->as_string()));
      }
      json::object out;
      json::array page_arns;
      for (std::size_t i = start; i < std::min(arns.size(), start + page); ++i) {
        page_arns.push_back(json::string(arns[i]));
      }
      out["clusterArns"] = std::move(page_arns);
      if (start + page < arns.size()) out["nextToken"] = std::to_string(start + page);
      return testing_fakes::ScriptedResponse::Ok(json::serialize(out));
    }
    if (target == std::string(kTarget) + "DescribeClusters") {
      const json::array& requested = body.at("clusters").as_array();
      std::string clusters, failures;
      for (auto it = requested.rbegin(); it != requested.rend(); ++it) {
        std::string arn(it->as_string());
        if (missing.contains(arn)) {
          failures += std::string(failures.empty() ? "" : ",") + R"({"arn":")" + arn +
                      R"(","reason":"MISSING"})";
        } else {
          clusters += std::string(clusters.empty() ? "" : ",") + ClusterJson(arn);
        }
      }
      return testing_fakes::ScriptedResponse::Ok(R"({"clusters":[)" + clusters +
                                                 R"(],"failures":[)" + failures + "]}");
    }
    return testing_fakes::ScriptedResponse::AwsJsonError(400, "InvalidParameterException");
  };
}

std::vector<json::object> DescribeBodies(const testing_fakes::LoopbackHttpServer& server) {
  std::vector<json::object> out;
  for (const auto& req : server.requests()) {
    if (net::FindHeader(req.headers, "X-Amz-Target") == std::string(kTarget) + "DescribeClusters") {
      out.push_back(json::parse(req.body).as_object());
    }
  }
  return out;
}

TEST(EcsClusterKind, DescribesAtMostOneHundredClustersPerCallAndEveryCluster) {
  std::vector<std::string> arns;
  for (int i = 0; i < 250; ++i) arns.push_back(ArnOf(i));
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault(FakeEcs(arns, 150));  // two ListClusters pages: 150 + 100
  Exported ex = RunExport(server.Url(""), "us-east-1");
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  EXPECT_EQ(ex.outcome.enrichment_errors, 0);
  ASSERT_EQ(ex.envelopes.size(), 250u);

  std::vector<json::object> calls = DescribeBodies(server);
  EXPECT_GE(calls.size(), 3u);
  std::multiset<std::string> asked;
  for (const json::object& call : calls) {
    const json::array& clusters = call.at("clusters").as_array();
    EXPECT_LE(clusters.size(), 100u);
    for (const auto& a : clusters) asked.emplace(a.as_string());
    EXPECT_EQ(call.at("include"),
              json::parse(R"(["TAGS","ATTACHMENTS","SETTINGS","CONFIGURATIONS","STATISTICS"])"));
  }
  EXPECT_EQ(asked, std::multiset<std::string>(arns.begin(), arns.end()));  // each exactly once

  std::set<std::string> emitted;
  for (const auto& e : ex.envelopes) {
    const json::object& p = e.at("Properties").as_object();
    std::string arn(p.at("ClusterArn").as_string());
    EXPECT_EQ(p.at("ClusterName"), json::value(arn.substr(arn.rfind('/') + 1)));
    EXPECT_EQ(Keys(p), (std::vector<std::string>{"ClusterName", "ClusterSettings", "Status",
                                                 "ClusterArn"}))
        << "futureField is dropped, as upstream's extra=\"ignore\" drops it";
    emitted.insert(arn);
  }
  EXPECT_EQ(emitted, std::set<std::string>(arns.begin(), arns.end()));
}

TEST(EcsClusterKind, FailedClusterKeepsNothingAndShiftsNothing) {
  std::vector<std::string> arns = {ArnOf(0), ArnOf(1), ArnOf(2), ArnOf(3)};
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault(FakeEcs(arns, 100, {ArnOf(1)}));
  Exported ex = RunExport(server.Url(""), "us-east-1");
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  EXPECT_EQ(ex.outcome.enrichment_errors, 1);
  ASSERT_EQ(ex.envelopes.size(), 4u);
  int bare = 0;
  for (const auto& e : ex.envelopes) {
    const json::object& p = e.at("Properties").as_object();
    if (p.empty()) {
      ++bare;
      continue;
    }
    std::string arn(p.at("ClusterArn").as_string());
    EXPECT_NE(arn, ArnOf(1)) << "the failed cluster must not get another cluster's data";
    EXPECT_EQ(p.at("ClusterName"), json::value(arn.substr(arn.rfind('/') + 1)));
    EXPECT_EQ(e.at("__ExtraContext").at("Region"), json::value("us-east-1"));
  }
  EXPECT_EQ(bare, 1);
}

TEST(EcsClusterKind, FailedDescribeCallStillEmitsEveryCluster) {
  testing_fakes::LoopbackHttpServer server;
  std::vector<std::string> arns = {ArnOf(0), ArnOf(1)};
  testing_fakes::Handler ecs = FakeEcs(arns, 100);
  server.SetDefault([ecs](const testing_fakes::RecordedRequest& req) {
    if (net::FindHeader(req.headers, "X-Amz-Target") == std::string(kTarget) + "DescribeClusters") {
      return testing_fakes::ScriptedResponse::AwsJsonError(400, "ClientException");
    }
    return ecs(req);
  });
  Exported ex = RunExport(server.Url(""), "us-east-1");
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  EXPECT_EQ(ex.outcome.enrichment_errors, 1);
  ASSERT_EQ(ex.envelopes.size(), 2u);
  for (const auto& e : ex.envelopes) EXPECT_TRUE(e.at("Properties").as_object().empty());
}

}  // namespace
}  // namespace catalog
