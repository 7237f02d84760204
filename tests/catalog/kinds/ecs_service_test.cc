// AWS::ECS::Service (data/kinds/ecs_service.yaml) against a scripted loopback ECS, for what moto
// cannot show: DescribeServices' `failures`, answers out of order, an old-format service ARN
// (arn:...:service/<name>, from which upstream would derive a wrong cluster), and calls of at
// most 10 services that never mix clusters. The moto golden (tests/golden/kinds/ecs_service.yaml)
// shows the full property set.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <set>

#include "net/http_types.h"
#include "catalog/kind_table.h"
#include "catalog/scope_exporter.h"
#include "fakes/loopback_http_server.h"
#include "fakes/scope_export.h"

namespace catalog {
namespace {

using testing_fakes::RecordedRequest;
using testing_fakes::ScriptedResponse;

constexpr char kArnHead[] = "arn:aws:ecs:us-east-1:123456789012:";

std::string EcsServiceOp(const RecordedRequest& req) {
  std::string_view t = net::FindHeader(req.headers, "X-Amz-Target");
  return std::string(t.substr(t.find('.') + 1));
}

TEST(EcsServiceKind, DescribedPerClusterInTensMatchedByArnWithFailuresCounted) {
  testing_fakes::LoopbackHttpServer server;
  std::mutex mu;
  std::vector<std::pair<std::string, std::size_t>> calls;  // cluster, services in the call
  const std::string head = kArnHead;
  server.SetDefault([&](const RecordedRequest& req) {
    std::string op = EcsServiceOp(req);
    json::object body = json::parse(req.body).as_object();
    if (op == "ListClusters") {
      return ScriptedResponse::Ok(R"({"clusterArns":[")" + head + R"(cluster/big",")" + head +
                                  R"(cluster/legacy"]})");
    }
    if (op == "ListServices") {
      std::string cluster(body.at("cluster").as_string());
      json::array arns;
      if (cluster.ends_with("/legacy")) {
        arns.push_back(json::string(head + "service/old-format"));  // no cluster in the ARN
      } else {
        for (int i = 0; i < 12; ++i) arns.push_back(json::string(head + "service/big/s" + std::to_string(i)));
      }
      return ScriptedResponse::Ok(json::serialize(json::object{{"serviceArns", arns}}));
    }
    std::string cluster(body.at("cluster").as_string());
    const json::array& ids = body.at("services").as_array();
    {
      std::lock_guard<std::mutex> lock(mu);
      calls.emplace_back(cluster, ids.size());
    }
    EXPECT_EQ(body.at("include"), json::parse(R"(["TAGS"])"));
    json::array services;
    json::array failures;
    for (auto it = ids.rbegin(); it != ids.rend(); ++it) {  // reversed: position means nothing
      std::string arn(it->as_string());
      if (arn.ends_with("/s5")) {
        failures.push_back(json::object{{"arn", arn}, {"reason", "MISSING"}});
        continue;
      }
      services.push_back(json::object{
          {"serviceArn", arn}, {"serviceName", arn.substr(arn.rfind('/') + 1)},
          {"clusterArn", cluster}, {"status", "ACTIVE"}, {"desiredCount", 2},
          {"runningCount", 2}, {"pendingCount", 0}, {"launchType", "FARGATE"},
          {"resourceManagementType", "CUSTOMER"},  // not in upstream's model: dropped
          {"tags", json::array{json::object{{"key", "team"}, {"value", "x"}}}}});
    }
    return ScriptedResponse::Ok(
        json::serialize(json::object{{"services", services}, {"failures", failures}}));
  });
  const KindSpec* kind = FindKind("AWS::ECS::Service");
  ASSERT_NE(kind, nullptr);
  testenv::ScopeExport ex = testenv::ExportOneScope(*kind, server.Url(""), "us-east-1", {});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  ASSERT_EQ(ex.envelopes.size(), 13u);
  EXPECT_EQ(ex.outcome.enrichment_errors, 1);  // s5, in `failures`
  std::sort(calls.begin(), calls.end());
  EXPECT_EQ(calls, (std::vector<std::pair<std::string, std::size_t>>{
                       {head + "cluster/big", 2}, {head + "cluster/big", 10},
                       {head + "cluster/legacy", 1}}));
  for (const json::value& e : ex.envelopes) {
    const json::object& p = e.at("Properties").as_object();
    std::string arn(p.at("ServiceArn").as_string());
    const json::value& cluster = e.at("__ExtraContext").at("ClusterArn");
    if (arn.ends_with("/s5")) {
      EXPECT_EQ(p.size(), 1u);  // ServiceArn only
      continue;
    }
    EXPECT_EQ(p.at("ServiceName"), json::value(arn.substr(arn.rfind('/') + 1)));
    EXPECT_EQ(p.at("ClusterArn"), cluster);
    EXPECT_FALSE(p.contains("ResourceManagementType"));
    EXPECT_FALSE(p.contains("resourceManagementType"));
    std::vector<std::string> keys;
    for (const auto& kv : p) keys.emplace_back(kv.key());
    EXPECT_EQ(keys, (std::vector<std::string>{"ClusterArn", "DesiredCount", "LaunchType",
                                              "PendingCount", "RunningCount", "ServiceArn",
                                              "ServiceName", "Status", "Tags"}));
  }
}


// A scripted ECS for the overlap tests: `clusters` clusters of `per_cluster` services each;
// DescribeServices answers after `describe_delay` (so calls in flight together overlap).
struct ManyClusters {
  int clusters = 0;
  int per_cluster = 0;
  std::chrono::milliseconds describe_delay{0};
  std::mutex mu;
  std::vector<std::pair<std::string, std::size_t>> calls;  // cluster, services in the call

  ScriptedResponse Serve(const RecordedRequest& req) {
    const std::string head = kArnHead;
    std::string op = EcsServiceOp(req);
    json::object body = json::parse(req.body).as_object();
    if (op == "ListClusters") {
      json::array arns;
      for (int c = 0; c < clusters; ++c) arns.push_back(json::string(head + "cluster/c" + std::to_string(c)));
      return ScriptedResponse::Ok(json::serialize(json::object{{"clusterArns", arns}}));
    }
    std::string cluster(body.at("cluster").as_string());
    std::string name = cluster.substr(cluster.rfind('/') + 1);
    if (op == "ListServices") {
      json::array arns;
      for (int i = 0; i < per_cluster; ++i) {
        arns.push_back(json::string(head + "service/" + name + "/s" + std::to_string(i)));
      }
      return ScriptedResponse::Ok(json::serialize(json::object{{"serviceArns", arns}}));
    }
    const json::array& ids = body.at("services").as_array();
    {
      std::lock_guard<std::mutex> lock(mu);
      calls.emplace_back(name, ids.size());
    }
    json::array services;
    for (const json::value& id : ids) {
      std::string arn(id.as_string());
      services.push_back(json::object{{"serviceArn", arn},
                                      {"serviceName", arn.substr(arn.rfind('/') + 1)},
                                      {"clusterArn", cluster}});
    }
    ScriptedResponse r = ScriptedResponse::Ok(json::serialize(json::object{{"services", services}}));
    r.delay = describe_delay;
    return r;
  }
};

std::size_t Described(const testenv::ScopeExport& ex) {
  std::size_t n = 0;
  for (const json::value& e : ex.envelopes) n += e.at("Properties").as_object().contains("ServiceName");
  return n;
}

// Exports one scope of AWS::ECS::Service against `fake` served by `server`: it must complete
// with every service of every cluster described.
testenv::ScopeExport ExportServices(testing_fakes::LoopbackHttpServer& server, ManyClusters& fake) {
  server.SetDefault([&](const RecordedRequest& req) { return fake.Serve(req); });
  const KindSpec* kind = FindKind("AWS::ECS::Service");
  EXPECT_NE(kind, nullptr);
  if (kind == nullptr) return {};
  testenv::ScopeExport ex = testenv::ExportOneScope(*kind, server.Url(""), "us-east-1", {});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  const auto services = static_cast<std::size_t>(fake.clusters * fake.per_cluster);
  EXPECT_EQ(ex.envelopes.size(), services);
  EXPECT_EQ(Described(ex), services);
  return ex;
}

// Fewer services than a batch (80): before, none was described until the listing had ended.
// Now the enricher takes the services of each cluster a later cluster's services have closed
// while the other clusters are still listed, and each call is still one whole cluster's.
TEST(EcsServiceKind, ServicesAreDescribedWhileLaterClustersAreStillListed) {
  testing_fakes::LoopbackHttpServer server;
  ManyClusters fake;
  fake.clusters = 40;
  fake.per_cluster = 2;
  testenv::ScopeExport ex = ExportServices(server, fake);
  if (HasFailure()) return;
  std::vector<std::string> ops;
  for (const RecordedRequest& r : server.requests()) ops.push_back(EcsServiceOp(r));
  auto first_describe = std::find(ops.begin(), ops.end(), "DescribeServices");
  auto last_list = std::find(ops.rbegin(), ops.rend(), "ListServices");
  ASSERT_NE(first_describe, ops.end());
  ASSERT_NE(last_list, ops.rend());
  EXPECT_LT(first_describe - ops.begin(), ops.rend() - last_list - 1)
      << "the first DescribeServices came after the last ListServices";
  std::sort(fake.calls.begin(), fake.calls.end());
  std::vector<std::pair<std::string, std::size_t>> whole;
  for (int c = 0; c < 40; ++c) whole.emplace_back("c" + std::to_string(c), 2);
  std::sort(whole.begin(), whole.end());
  EXPECT_EQ(fake.calls, whole);  // one call per cluster: no cluster's services split
  EXPECT_GT(ex.batch_sizes.size(), 1u);
}

// Clusters larger than a call (45 services: four calls of 10 and one of 5): the enricher takes
// whole groups only (the open last cluster waits), so every call holds one cluster's services
// and each cluster's remainder is one call, never split in two.
TEST(EcsServiceKind, LargeClustersAreCalledInTensAndOneRemainder) {
  testing_fakes::LoopbackHttpServer server;
  ManyClusters fake;
  fake.clusters = 3;
  fake.per_cluster = 45;
  ExportServices(server, fake);
  if (HasFailure()) return;
  std::sort(fake.calls.begin(), fake.calls.end());
  std::vector<std::pair<std::string, std::size_t>> expected;
  for (const char* c : {"c0", "c1", "c2"}) {
    for (int i = 0; i < 4; ++i) expected.emplace_back(c, 10);
    expected.emplace_back(c, 5);
  }
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(fake.calls, expected);
}

// One batch's calls (a cluster of 30 services: three calls of 10) are in flight together: they
// came on more than one connection (one after another, they would have shared an idle one).
TEST(EcsServiceKind, OneBatchsCallsAreInFlightTogether) {
  testing_fakes::LoopbackHttpServer server;
  ManyClusters fake;
  fake.clusters = 1;
  fake.per_cluster = 30;
  fake.describe_delay = std::chrono::milliseconds(100);
  ExportServices(server, fake);
  if (HasFailure()) return;
  std::set<int> connections;
  for (const RecordedRequest& r : server.requests()) {
    if (EcsServiceOp(r) == "DescribeServices") connections.insert(r.connection);
  }
  EXPECT_EQ(fake.calls, (std::vector<std::pair<std::string, std::size_t>>{
                            {"c0", 10}, {"c0", 10}, {"c0", 10}}));
  EXPECT_GE(connections.size(), 2u) << "the batch's DescribeServices calls went one at a time";
}

}  // namespace
}  // namespace catalog
