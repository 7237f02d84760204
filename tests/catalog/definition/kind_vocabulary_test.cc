// The vocabulary terms parent-scoped kinds need (ECS services, CodeDeploy groups and targets),
// one at a time, on small kinds defined in the test against a scripted ECS endpoint through the
// real client: several paths of one answer (`also`), batches grouped by parent with per-parent
// params, their own ids and alternative keys, identity and property templates over {item} and
// {parent}, `keep`, `after` (properties of earlier actions), a parent's `skipOn`, and `get` by
// id patterns (`idPatterns`, `listed`, `absentOn`). Parse-time refusals are at the end.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "net/http_types.h"
#include "net/curl_transport.h"
#include "catalog/definition/actions.h"
#include "catalog/definition/interpreted_kind.h"
#include "catalog/definition/interpreter.h"
#include "catalog/definition/kind_parser.h"
#include "catalog/definition/parent_window.h"
#include "catalog/definition/template.h"
#include "catalog/definition/validator.h"
#include "catalog/inspector.h"
#include "fakes/loopback_http_server.h"
#include "fakes/scope_export.h"

namespace catalog::definition {
namespace {

using testing_fakes::LoopbackHttpServer;
using testing_fakes::RecordedRequest;
using testing_fakes::ScriptedResponse;

using VocabKind = testing_kinds::InterpretedKind;

std::unique_ptr<VocabKind> BuildVocabKind(const std::string& yaml) {
  return testing_kinds::InterpretKind(yaml, "vocab.yaml");
}

std::string VocabErrors(const std::string& yaml) {
  return testing_kinds::DefinitionErrors(yaml, "vocab.yaml");
}

std::string VocabOp(const RecordedRequest& req) {
  std::string_view t = net::FindHeader(req.headers, "X-Amz-Target");
  return std::string(t.substr(t.find('.') + 1));
}

json::object VocabBody(const RecordedRequest& req) { return json::parse(req.body).as_object(); }

const json::object& VocabProps(const testenv::ScopeExport& ex, std::string_view id,
                               std::string_view id_key) {
  for (const json::value& e : ex.envelopes) {
    const json::object& p = e.at("Properties").as_object();
    if (const json::value* v = p.if_contains(id_key); v && v->as_string() == id) return p;
  }
  static const json::object kNone;
  ADD_FAILURE() << "no resource " << id;
  return kNone;
}

std::vector<std::string> VocabKeys(const json::object& o) {
  std::vector<std::string> keys;
  for (const auto& kv : o) keys.emplace_back(kv.key());
  return keys;
}

// Services listed per cluster (clusters cA with 5 services, cB with 2).
constexpr char kServicesHead[] = R"(
kind: AWS::ECS::VocabService
service: ecs
list:
  operation: ListServices
  params: {cluster: "{parent}"}
  items: serviceArns
  parent:
    operation: ListClusters
    items: clusterArns
    carry: {ClusterArn: "@"}
)";

ScriptedResponse ServeClustersAndServices(const RecordedRequest& req) {
  std::string op = VocabOp(req);
  if (op == "ListClusters") return ScriptedResponse::Ok(R"({"clusterArns":["cA","cB"]})");
  std::string cluster(VocabBody(req).at("cluster").as_string());
  int n = cluster == "cA" ? 5 : 2;
  json::array arns;
  for (int i = 0; i < n; ++i) arns.push_back(json::string(cluster + "/s" + std::to_string(i)));
  return ScriptedResponse::Ok(json::serialize(json::object{{"serviceArns", arns}}));
}

// also: two paths of one answer, the second with its own `missing`.
TEST(KindVocabularyAlso, TakesSeveralPathsOfOneAnswer) {
  LoopbackHttpServer server;
  server.SetDefault([](const RecordedRequest& req) {
    if (VocabOp(req) == "ListClusters") return ScriptedResponse::Ok(R"({"clusterArns":["t1","t2"]})");
    std::string arn(VocabBody(req).at("taskDefinition").as_string());
    std::string tags = arn == "t1" ? R"(,"tags":[{"key":"k","value":"v"}])" : "";
    return ScriptedResponse::Ok(R"({"taskDefinition":{"family":"f-)" + arn +
                                R"(","revision":3,"compatibilities":["EC2"]})" + tags + "}");
  });
  auto kind = BuildVocabKind(R"(
kind: AWS::ECS::VocabTaskDef
service: ecs
list: {operation: ListClusters, items: clusterArns}
actions:
  - {name: Id, default: true, set: {Arn: "{id}"}}
  - name: Describe
    default: true
    call:
      operation: DescribeTaskDefinition
      params: {taskDefinition: "{id}", include: [TAGS]}
    take: taskDefinition
    also:
      - {take: tags, into: Tags, missing: []}
    keepOthers: false
    rename: {family: Family, revision: Revision}
propertyOrder: [Arn, Family, Revision, Tags]
)");
  ASSERT_NE(kind, nullptr);
  auto ex = testenv::ExportOneScope(kind->spec, server.Url(""), "us-east-1");
  ASSERT_EQ(ex.envelopes.size(), 2u);
  const json::object& t1 = VocabProps(ex, "t1", "Arn");
  EXPECT_EQ(VocabKeys(t1), (std::vector<std::string>{"Arn", "Family", "Revision", "Tags"}));
  EXPECT_EQ(t1.at("Tags"), json::parse(R"([{"key":"k","value":"v"}])"));
  EXPECT_EQ(VocabProps(ex, "t2", "Arn").at("Tags"), json::array());
  EXPECT_EQ(VocabProps(ex, "t2", "Arn").at("Family"), json::value("f-t2"));
}

// A batch action describing the listed services in calls of at most 2, one cluster per call.
constexpr char kGroupedDescribe[] = R"(
actions:
  - {name: Id, default: true, set: {Arn: "{id}"}}
  - name: Describe
    default: true
    batch:
      operation: DescribeServices
      ids: services
      max: 2
      groupBy: "{extra.ClusterArn}"
      params: {cluster: "{extra.ClusterArn}", include: [TAGS]}
      items: services
      key: serviceArn
    keepOthers: false
    rename: {clusterArn: Cluster}
)";

// DescribeServices' answer: each service asked for, in its cluster.
ScriptedResponse DescribedServices(const json::object& body) {
  json::array services;
  for (const json::value& id : body.at("services").as_array()) {
    services.push_back(json::object{{"serviceArn", id}, {"clusterArn", body.at("cluster")}});
  }
  return ScriptedResponse::Ok(json::serialize(json::object{{"services", services}}));
}

// groupBy + per-parent params + max: every call holds the services of one cluster only, names
// that cluster, and holds at most `max` ids.
TEST(KindVocabularyBatch, GroupsByParentWithPerParentParamsAndItsOwnSize) {
  LoopbackHttpServer server;
  std::mutex mu;
  std::vector<std::pair<std::string, std::vector<std::string>>> calls;  // cluster -> ids
  server.SetDefault([&](const RecordedRequest& req) {
    if (VocabOp(req) != "DescribeServices") return ServeClustersAndServices(req);
    json::object body = VocabBody(req);
    std::string cluster(body.at("cluster").as_string());
    std::vector<std::string> ids;
    for (const json::value& id : body.at("services").as_array()) ids.emplace_back(id.as_string());
    std::lock_guard<std::mutex> lock(mu);
    calls.emplace_back(cluster, ids);
    return DescribedServices(body);
  });
  auto kind = BuildVocabKind(std::string(kServicesHead) + kGroupedDescribe);
  ASSERT_NE(kind, nullptr);
  auto ex = testenv::ExportOneScope(kind->spec, server.Url(""), "us-east-1");
  ASSERT_EQ(ex.envelopes.size(), 7u);
  EXPECT_EQ(ex.outcome.enrichment_errors, 0);
  ASSERT_EQ(calls.size(), 4u);  // cA: 2+2+1, cB: 2
  for (const auto& [cluster, ids] : calls) {
    EXPECT_LE(ids.size(), 2u);
    for (const std::string& id : ids) EXPECT_EQ(id.substr(0, 2), cluster) << id;
  }
  for (const json::value& e : ex.envelopes) {
    EXPECT_EQ(e.at("Properties").at("Cluster"), e.at("__ExtraContext").at("ClusterArn"));
  }
}

// A grouped call that fails costs its own group only and counts once per failed call (the
// calls of one batch run concurrently; the count is taken once they all ended).
TEST(KindVocabularyBatch, AFailingGroupCountsOnceAndCostsOnlyItsResources) {
  LoopbackHttpServer server;
  server.SetDefault([&](const RecordedRequest& req) {
    if (VocabOp(req) != "DescribeServices") return ServeClustersAndServices(req);
    json::object body = VocabBody(req);
    std::string cluster(body.at("cluster").as_string());
    if (cluster.substr(0, 2) == "cA") {
      return ScriptedResponse::AwsJsonError(400, "InvalidParameterException");
    }
    return DescribedServices(body);
  });
  auto kind = BuildVocabKind(std::string(kServicesHead) + kGroupedDescribe);
  ASSERT_NE(kind, nullptr);
  auto ex = testenv::ExportOneScope(kind->spec, server.Url(""), "us-east-1");
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  ASSERT_EQ(ex.envelopes.size(), 7u);
  EXPECT_EQ(ex.outcome.enrichment_errors, 3);  // cA's three calls (2+2+1 services)
  int described = 0;
  for (const json::value& e : ex.envelopes) {
    const json::object& p = e.at("Properties").as_object();
    described += p.contains("Cluster");
    if (p.contains("Cluster")) {
      EXPECT_EQ(p.at("Cluster"), e.at("__ExtraContext").at("ClusterArn"));
    }
  }
  EXPECT_EQ(described, 2);  // cB's services
}

// Identity and properties as templates over {parent}/{item}; the batch sends its own `id`
// ({item}), groups by {parent}, and matches answers by the first key present.
TEST(KindVocabularyBatch, TemplateIdentitySentIdsAndAlternativeKeys) {
  LoopbackHttpServer server;
  std::mutex mu;
  std::vector<json::object> bodies;
  // The first key (serviceArn) is absent from these answers; a later one matches.
  auto keyed = BuildVocabKind(std::string(kServicesHead) + R"(
  identity: "{parent}/{item}"
  properties: {Parent: "{parent}", Item: "@"}
actions:
  - name: Describe
    default: true
    batch:
      operation: DescribeServices
      ids: services
      id: "{item}"
      groupBy: "{parent}"
      params: {cluster: "{parent}"}
      items: services
      key: [serviceArn, platformFamily, platformVersion]
    take: serviceName
    into: Name
)");
  ASSERT_NE(keyed, nullptr);
  server.SetDefault([&](const RecordedRequest& req) {
    std::string op = VocabOp(req);
    if (op == "ListClusters") return ScriptedResponse::Ok(R"({"clusterArns":["d1","d2"]})");
    if (op == "ListServices") return ScriptedResponse::Ok(R"({"serviceArns":["i-1","fn"]})");
    json::object body = VocabBody(req);
    {
      std::lock_guard<std::mutex> lock(mu);
      bodies.push_back(body);
    }
    std::string parent(body.at("cluster").as_string());
    return ScriptedResponse::Ok(R"({"services":[
      {"platformFamily":"i-1","serviceName":"instance of )" + parent + R"("},
      {"platformVersion":"fn","serviceName":"function of )" + parent + R"("}]})");
  });
  auto ex = testenv::ExportOneScope(keyed->spec, server.Url(""), "us-east-1");
  ASSERT_EQ(ex.envelopes.size(), 4u);
  EXPECT_EQ(ex.outcome.enrichment_errors, 0);
  ASSERT_EQ(bodies.size(), 2u);  // one call per parent
  for (const json::object& b : bodies) {
    EXPECT_EQ(b.at("services"), json::parse(R"(["i-1","fn"])"));  // the items, not identities
  }
  std::map<std::string, std::string> names;
  for (const json::value& e : ex.envelopes) {
    const json::object& p = e.at("Properties").as_object();
    std::string id = std::string(p.at("Parent").as_string()) + "/" + std::string(p.at("Item").as_string());
    names[id] = p.contains("Name") ? std::string(p.at("Name").as_string()) : "";
  }
  EXPECT_EQ(names, (std::map<std::string, std::string>{{"d1/fn", "function of d1"},
                                                        {"d1/i-1", "instance of d1"},
                                                        {"d2/fn", "function of d2"},
                                                        {"d2/i-1", "instance of d2"}}));
}

// Pending resources s0, s1, ... in the clusters named by `clusters` (one letter each).
std::vector<Resource> InClusters(std::string_view clusters) {
  std::vector<Resource> rs;
  for (std::size_t i = 0; i < clusters.size(); ++i) {
    Resource r;
    r.id = "s" + std::to_string(i);
    r.extra_context["ClusterArn"] = std::string(1, clusters[i]);
    rs.push_back(std::move(r));
  }
  return rs;
}

// MakeWholeCalls (what the overlapped enrichment may take of the resources listed so far):
// without groupBy, the largest multiple of `max` within at_most; with groupBy, the groups closed
// by a later resource of another group (the last group may still grow), cut at the start of
// the group that at_most falls in.
TEST(KindVocabularyBatch, WholeCallsAreMaxMultiplesOrClosedGroups) {
  boost::asio::io_context io;
  aws::AwsClient client(io, net::MakeCurlTransport(io),
                        testenv::TestClientOptions("http://127.0.0.1:9"));  // no call is made
  AccountSession account = testenv::TestAccount();
  ActionContext ctx{client, aws::CallTarget{account.credentials, "us-east-1", account.info.id},
                    account};
  ActionDef def;
  def.name = "Describe";
  EXPECT_EQ(MakeWholeCalls(def), nullptr);  // a set action calls nothing
  def.type = ActionType::kBatch;
  def.batch.max = 3;
  WholeCallsFn whole = MakeWholeCalls(def);
  ASSERT_TRUE(whole);
  std::vector<Resource> eight = InClusters("AAAAAAAA");
  EXPECT_EQ(whole(ctx, eight, 100), 6u);  // two calls of 3; the last 2 wait for a third
  EXPECT_EQ(whole(ctx, eight, 8), 6u);
  EXPECT_EQ(whole(ctx, eight, 5), 3u);  // at_most below the pending count
  EXPECT_EQ(whole(ctx, eight, 2), 0u);
  EXPECT_EQ(whole(ctx, std::span<const Resource>(eight).first(2), 100), 0u);
  EXPECT_EQ(whole(ctx, {}, 100), 0u);

  def.batch.group_by = "{extra.ClusterArn}";
  whole = MakeWholeCalls(def);
  ASSERT_TRUE(whole);
  std::vector<Resource> abc = InClusters("AAABBCCCC");
  EXPECT_EQ(whole(ctx, abc, 100), 5u);  // A and B closed; C (the last group) still open
  EXPECT_EQ(whole(ctx, abc, 9), 5u);
  EXPECT_EQ(whole(ctx, abc, 6), 5u);    // at_most inside C: up to C's start
  EXPECT_EQ(whole(ctx, abc, 4), 3u);    // inside B: A only
  EXPECT_EQ(whole(ctx, abc, 3), 3u);    // exactly A
  EXPECT_EQ(whole(ctx, abc, 2), 0u);    // inside A: nothing
  EXPECT_EQ(whole(ctx, InClusters("AAAAAAA"), 100), 0u);  // one group, still open
  EXPECT_EQ(whole(ctx, InClusters("AAAAAB"), 100), 5u);   // a closed group larger than max
  EXPECT_EQ(whole(ctx, InClusters("ABCDEF"), 100), 5u);   // groups of one
  EXPECT_EQ(whole(ctx, {}, 100), 0u);
}

// keep: only the named (and renamed) members of what is taken.
TEST(KindVocabularyKeep, KeepsOnlyTheNamedMembers) {
  LoopbackHttpServer server;
  server.SetDefault([](const RecordedRequest& req) {
    if (VocabOp(req) == "ListClusters") return ScriptedResponse::Ok(R"({"clusterArns":["c1"]})");
    return ScriptedResponse::Ok(
        R"({"clusters":[{"clusterArn":"c1","status":"ACTIVE","clusterName":"one","runningTasksCount":3}]})");
  });
  auto kind = BuildVocabKind(R"(
kind: AWS::ECS::VocabKeep
service: ecs
list: {operation: ListClusters, items: clusterArns}
actions:
  - name: Describe
    default: true
    batch: {operation: DescribeClusters, ids: clusters, items: clusters, key: clusterArn}
    keep: [status, runningTasksCount]
    rename: {clusterName: Name}
)");
  ASSERT_NE(kind, nullptr);
  auto ex = testenv::ExportOneScope(kind->spec, server.Url(""), "us-east-1");
  ASSERT_EQ(ex.envelopes.size(), 1u);
  EXPECT_EQ(ex.envelopes[0].at("Properties"),
            json::parse(R"({"status":"ACTIVE","Name":"one","runningTasksCount":3})"));
}

// after: an action reading {props.P} written by an earlier action runs once that one merged;
// without the earlier action selected it runs with what there is.
TEST(KindVocabularyAfter, LaterActionSeesPropertiesOfEarlierOnes) {
  LoopbackHttpServer server;
  std::mutex mu;
  std::vector<std::string> described;  // the taskDefinition DescribeTaskDefinition was asked for
  server.SetDefault([&](const RecordedRequest& req) {
    std::string op = VocabOp(req);
    if (op == "ListClusters") return ScriptedResponse::Ok(R"({"clusterArns":["c1","c2"]})");
    if (op == "DescribeClusters") {
      std::string id(VocabBody(req).at("clusters").as_array().at(0).as_string());
      return ScriptedResponse::Ok(R"({"clusters":[{"clusterArn":")" + id +
                                  R"(","clusterName":"family-of-)" + id + R"("}]})");
    }
    std::string td(VocabBody(req).at("taskDefinition").as_string());
    std::lock_guard<std::mutex> lock(mu);
    described.push_back(td);
    return ScriptedResponse::Ok(R"({"taskDefinition":{"revision":7}})");
  });
  auto kind = BuildVocabKind(R"(
kind: AWS::ECS::VocabAfter
service: ecs
list: {operation: ListClusters, items: clusterArns}
actions:
  - name: Name
    call: {operation: DescribeClusters, params: {clusters: ["{id}"]}}
    take: clusters
    into: Raw
  - name: Family
    default: true
    call: {operation: DescribeClusters, params: {clusters: ["{id}"]}}
    take: clusters
    into: Clusters
  - name: Revision
    default: true
    after: [Family, Name]
    call:
      operation: DescribeTaskDefinition
      params: {taskDefinition: "td-{props.Clusters}"}
    take: taskDefinition.revision
    into: Revision
)");
  ASSERT_NE(kind, nullptr);
  EXPECT_EQ(kind->spec.actions[2].after, (std::vector<std::string>{"Family", "Name"}));
  auto ex = testenv::ExportOneScope(kind->spec, server.Url(""), "us-east-1");
  ASSERT_EQ(ex.envelopes.size(), 2u);
  std::sort(described.begin(), described.end());
  // {props.Clusters} (a list, spliced as JSON text) holds Family's answer: it merged first.
  ASSERT_EQ(described.size(), 2u);
  EXPECT_NE(described[0].find("family-of-c1"), std::string::npos) << described[0];
  EXPECT_NE(described[1].find("family-of-c2"), std::string::npos) << described[1];
  for (const json::value& e : ex.envelopes) {
    EXPECT_EQ(e.at("Properties").at("Revision"), json::value(7));
    EXPECT_FALSE(e.at("Properties").as_object().contains("Raw"));  // Name was not selected
  }
}

TEST(KindVocabularyAfter, StagesFollowTheSelectedActions) {
  ActionSpec a{"A", true, nullptr, ""};
  ActionSpec b{"B", true, nullptr, "", {"A"}};
  ActionSpec c{"C", false, nullptr, ""};
  ActionSpec d{"D", true, nullptr, "", {"B", "C"}};
  std::vector<const ActionSpec*> all{&a, &b, &c, &d};
  EXPECT_EQ(ActionStages(all), (std::vector<std::size_t>{0, 1, 0, 2}));
  std::vector<const ActionSpec*> without_b{&a, &c, &d};
  EXPECT_EQ(ActionStages(without_b), (std::vector<std::size_t>{0, 0, 1}));
}

// skipOn: a child listing failing with a listed code skips that parent; another code fails.
TEST(KindVocabularyParent, SkipOnSkipsOnlyThatParent) {
  LoopbackHttpServer server;
  std::string failing_code = "DeploymentNotStartedException";
  server.SetDefault([&](const RecordedRequest& req) {
    if (VocabOp(req) == "ListClusters") return ScriptedResponse::Ok(R"({"clusterArns":["cA","cNew","cB"]})");
    if (VocabBody(req).at("cluster").as_string() == "cNew") {
      return ScriptedResponse::AwsJsonError(400, failing_code);
    }
    return ServeClustersAndServices(req);
  });
  std::string yaml = kServicesHead;
  yaml.insert(yaml.find("    carry:"), "    skipOn: [DeploymentNotStartedException]\n");
  auto kind = BuildVocabKind(yaml);
  ASSERT_NE(kind, nullptr);
  auto ex = testenv::ExportOneScope(kind->spec, server.Url(""), "us-east-1");
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  EXPECT_EQ(ex.envelopes.size(), 7u);
  failing_code = "AccessDeniedException";
  auto failed = testenv::ExportOneScope(kind->spec, server.Url(""), "us-east-1");
  EXPECT_NE(failed.outcome.state, ScopeState::kComplete);
}

// 12 clusters, each with 2 pages of 2 services; every ListServices answer takes 150-315 ms, the
// first clusters the slowest (they end last). Requests seen by the server as arriving while an
// earlier one cannot have been answered yet (its answer leaves >= its delay after arrival)
// show the listings of several clusters in flight at once, never more than the window.
struct ParentsInFlight {
  std::mutex mu;
  std::vector<std::pair<std::chrono::steady_clock::time_point, std::chrono::milliseconds>> pending;
  int most = 0;  // the most ListServices requests seen unanswered at once (a lower bound)
  // Clusters whose ListServices fails: the error code and how long its answer takes.
  std::map<std::string, std::pair<std::string, int>> failing;

  ScriptedResponse Serve(const RecordedRequest& req) {
    if (VocabOp(req) == "ListClusters") {
      json::array arns;
      for (int i = 0; i < 12; ++i) arns.push_back(json::string("c" + std::to_string(100 + i)));
      return ScriptedResponse::Ok(json::serialize(json::object{{"clusterArns", arns}}));
    }
    json::object body = VocabBody(req);
    std::string cluster(body.at("cluster").as_string());
    int index = std::stoi(cluster.substr(1)) - 100;
    bool second = body.contains("nextToken");
    auto delay = std::chrono::milliseconds(150 + (11 - index) * 15);
    auto fails = failing.find(cluster);
    if (fails != failing.end()) delay = std::chrono::milliseconds(fails->second.second);
    auto now = std::chrono::steady_clock::now();
    {
      std::lock_guard<std::mutex> lock(mu);
      int unanswered = 1;
      for (const auto& [at, d] : pending) unanswered += at + d > now ? 1 : 0;
      most = std::max(most, unanswered);
      pending.emplace_back(now, delay);
    }
    ScriptedResponse r;
    if (fails != failing.end()) {
      r = ScriptedResponse::AwsJsonError(400, fails->second.first);
    } else {
      json::object page{{"serviceArns", json::array{json::string(cluster + (second ? "/s2" : "/s0")),
                                                    json::string(cluster + (second ? "/s3" : "/s1"))}}};
      if (!second) page["nextToken"] = "p2";
      r = ScriptedResponse::Ok(json::serialize(page));
    }
    r.delay = delay;
    return r;
  }
};

// The identities a one-parent-at-a-time listing emits: parent order, then page and item order.
std::vector<std::string> SequentialOrder(const std::vector<std::string>& skip = {}) {
  std::vector<std::string> ids;
  for (int i = 0; i < 12; ++i) {
    std::string cluster = "c" + std::to_string(100 + i);
    if (std::find(skip.begin(), skip.end(), cluster) != skip.end()) continue;
    for (int s = 0; s < 4; ++s) ids.push_back(cluster + "/s" + std::to_string(s));
  }
  return ids;
}

std::vector<std::string> EmittedOrder(const testenv::ScopeExport& ex) {
  std::vector<std::string> ids;
  for (const json::value& e : ex.envelopes) ids.emplace_back(e.at("Properties").at("Arn").as_string());
  return ids;
}

TEST(KindVocabularyParent, ListsSeveralParentsAtOnceInParentOrder) {
  LoopbackHttpServer server;
  ParentsInFlight fake;
  server.SetDefault([&](const RecordedRequest& req) { return fake.Serve(req); });
  auto kind = BuildVocabKind(std::string(kServicesHead) + R"(
actions:
  - {name: Id, default: true, set: {Arn: "{id}", Cluster: "{extra.ClusterArn}"}}
)");
  ASSERT_NE(kind, nullptr);
  auto ex = testenv::ExportOneScope(kind->spec, server.Url(""), "us-east-1");
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  EXPECT_EQ(EmittedOrder(ex), SequentialOrder());
  for (const json::value& e : ex.envelopes) {
    std::string_view arn = e.at("Properties").at("Arn").as_string();
    EXPECT_EQ(e.at("__ExtraContext").at("ClusterArn"), json::value(arn.substr(0, 4)));
  }
  EXPECT_EQ(server.request_count(), 1u + 12 * 2);
  EXPECT_GE(fake.most, 2) << "one cluster's services listed at a time";
  EXPECT_LE(fake.most, static_cast<int>(kParentListingWidth));
}

// A cluster's failed listing fails the scope with the first failure in parent order (c101's,
// though c104's comes back first), and costs no other cluster its services.
TEST(KindVocabularyParent, AFailedParentFailsTheScopeAsInParentOrder) {
  LoopbackHttpServer server;
  ParentsInFlight fake;
  fake.failing = {{"c101", {"ClientException", 400}}, {"c104", {"InvalidParameterException", 10}}};
  server.SetDefault([&](const RecordedRequest& req) { return fake.Serve(req); });
  auto kind = BuildVocabKind(std::string(kServicesHead) + R"(
actions:
  - {name: Id, default: true, set: {Arn: "{id}"}}
)");
  ASSERT_NE(kind, nullptr);
  auto ex = testenv::ExportOneScope(kind->spec, server.Url(""), "us-east-1");
  EXPECT_EQ(ex.outcome.state, ScopeState::kFailed);
  EXPECT_EQ(ex.outcome.error.remote_code(), "ClientException") << ex.outcome.error.ToString();
  EXPECT_EQ(EmittedOrder(ex), SequentialOrder({"c101", "c104"}));
}

TEST(KindVocabularyPattern, MatchesHolesLazilyAndTheLastOneToTheEnd) {
  json::object parts;
  ASSERT_TRUE(MatchPattern("{arn}:service/{cluster}/{name}",
                           "arn:aws:ecs:us-east-1:1:service/web/api", parts));
  EXPECT_EQ(parts, json::parse(R"({"arn":"arn:aws:ecs:us-east-1:1","cluster":"web","name":"api"})").as_object());
  ASSERT_TRUE(MatchPattern("{d}/{t}", "d-1/stack/with/slashes", parts));
  EXPECT_EQ(parts.at("t"), json::value("stack/with/slashes"));
  EXPECT_FALSE(MatchPattern("{arn}:service/{cluster}/{name}", "arn:aws:ecs:r:1:service/old", parts));
  EXPECT_FALSE(MatchPattern("{d}/{t}", "no-slash", parts));
  EXPECT_FALSE(MatchPattern("{d}/{t}", "/empty-first", parts));
  EXPECT_FALSE(MatchPattern("{d}/{t}", "empty-last/", parts));
  EXPECT_FALSE(MatchPattern("x-{d}", "y-1", parts));
}

// get with idPatterns + listed: the resource is made as the listing makes it (template identity,
// properties, carried extra context, origin for the actions); absentOn codes and unmatched ids
// are absent.
TEST(KindVocabularyGet, PatternsListedAndAbsentOn) {
  LoopbackHttpServer server;
  std::mutex mu;
  std::vector<json::object> bodies;
  server.SetDefault([&](const RecordedRequest& req) {
    json::object body = VocabBody(req);
    {
      std::lock_guard<std::mutex> lock(mu);
      bodies.push_back(body);
    }
    std::string name(body.at("services").as_array().at(0).as_string());
    if (name == "gone") return ScriptedResponse::Ok(R"({"services":[],"failures":[{"arn":"gone"}]})");
    if (name == "bad") return ScriptedResponse::AwsJsonError(400, "ClientException");
    return ScriptedResponse::Ok(R"({"services":[{"serviceName":")" + name + R"("}]})");
  });
  auto kind = BuildVocabKind(std::string(kServicesHead) + R"(
  identity: "{parent}/{item}"
  properties: {Name: "@"}
get:
  idPatterns: ["{arn}:service/{cluster}/{name}", "{cluster}/{name}"]
  operation: DescribeServices
  params: {cluster: "{id.cluster}", services: ["{id.name}"]}
  items: services
  absentOn: [ClientException]
  listed: {parent: "cl-{id.cluster}", item: "{id.name}"}
)");
  ASSERT_NE(kind, nullptr);
  boost::asio::io_context io;
  aws::AwsClient client(io, net::MakeCurlTransport(io), testenv::TestClientOptions(server.Url("")));
  AccountSession account = testenv::TestAccount();
  std::map<std::string, std::optional<Resource>> got;
  boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<void> {
        ListContext ctx{client, aws::CallTarget{account.credentials, "us-east-1", "123456789012"},
                        account};
        json::object extra{{"AccountId", "123456789012"}};
        for (const char* id : {"arn:aws:ecs:us-east-1:1:service/web/api", "web/gone", "web/bad",
                               "no-slash"}) {
          core::Result<std::optional<Resource>> r = co_await kind->spec.get_one(ctx, id, extra);
          EXPECT_TRUE(r.ok()) << id << ": " << r.status().ToString();
          if (r.ok()) got[id] = std::move(*r);
        }
      },
      [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
  io.run();
  const std::optional<Resource>& api = got["arn:aws:ecs:us-east-1:1:service/web/api"];
  ASSERT_TRUE(api.has_value());
  EXPECT_EQ(api->id, "cl-web/api");
  EXPECT_EQ(api->properties, json::parse(R"({"Name":"api"})").as_object());
  EXPECT_EQ(api->extra_context,
            json::parse(R"({"AccountId":"123456789012","ClusterArn":"cl-web"})").as_object());
  EXPECT_EQ(api->origin.at("parent"), json::value("cl-web"));
  EXPECT_FALSE(got["web/gone"].has_value());
  EXPECT_FALSE(got["web/bad"].has_value());
  EXPECT_FALSE(got["no-slash"].has_value());
  ASSERT_EQ(bodies.size(), 3u);  // no call for an id matching no pattern
  EXPECT_EQ(bodies[0].at("cluster"), json::value("web"));
  EXPECT_EQ(bodies[0].at("services"), json::parse(R"(["api"])"));
}

TEST(KindVocabularyParse, RefusesPlaceholdersWhereTheyCannotBeKnown) {
  std::string head = R"(
kind: AWS::ECS::VocabBad
service: ecs
list: {operation: ListClusters, items: clusterArns}
)";
  // Per-resource params without groupBy would send one resource's value for the whole call.
  EXPECT_NE(VocabErrors(head + R"(
actions:
  - name: D
    batch: {operation: DescribeClusters, ids: clusters, items: clusters, key: clusterArn,
            params: {include: ["{extra.X}"]}}
)").find("/actions/0/batch/params"), std::string::npos);
  // {parent} needs a parent listing.
  EXPECT_NE(VocabErrors(head + R"(
actions:
  - {name: S, set: {P: "{parent}"}}
)").find("{parent} is only available"), std::string::npos);
  // {id.P} only in get.
  EXPECT_NE(VocabErrors(head + R"(
actions:
  - {name: S, set: {P: "{id.cluster}"}}
)").find("only available in get"), std::string::npos);
  // after names an earlier action.
  EXPECT_NE(VocabErrors(head + R"(
actions:
  - {name: A, after: [B], set: {P: "{id}"}}
  - {name: B, set: {Q: "{id}"}}
)").find("/actions/0/after/0: 'B' is not an earlier action"), std::string::npos);
  // also's into counts for collisions; alternative keys must exist.
  std::string errors = VocabErrors(head + R"(
actions:
  - {name: A, set: {Tags: "{id}"}}
  - name: D
    batch: {operation: DescribeClusters, ids: clusters, items: clusters, key: [clusterArn, nope]}
    also: [{take: tags, into: Tags}]
)");
  EXPECT_NE(errors.find("/actions/1/batch/key/1"), std::string::npos) << errors;
  EXPECT_NE(errors.find("/actions/1/also/0/into"), std::string::npos) << errors;
  // {item} in a listing identity is fine; in get params it is not.
  EXPECT_EQ(VocabErrors(R"(
kind: AWS::ECS::VocabOk
service: ecs
list: {operation: ListClusters, items: clusterArns, identity: "x-{item}"}
)"), "");
  EXPECT_NE(VocabErrors(R"(
kind: AWS::ECS::VocabBadGet
service: ecs
list: {operation: ListClusters, items: clusterArns}
get: {operation: DescribeClusters, params: {clusters: ["{item}"]}}
)").find("{item} is not available here"), std::string::npos);
}

}  // namespace
}  // namespace catalog::definition
