// The kind interpreter, one vocabulary term at a time: small kinds defined in the test (YAML)
// run against a scripted AWS endpoint (ECS and Lambda wire protocols) through the real client,
// exactly as built-in kinds run.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "net/http_types.h"
#include "net/curl_transport.h"
#include "catalog/definition/interpreted_kind.h"
#include "catalog/definition/interpreter.h"
#include "catalog/definition/kind_parser.h"
#include "catalog/definition/lazy_kind.h"
#include "catalog/definition/validator.h"
#include "fakes/loopback_http_server.h"
#include "fakes/scope_export.h"

namespace catalog::definition {
namespace {

using testing_fakes::LoopbackHttpServer;
using testing_fakes::RecordedRequest;
using testing_fakes::ScriptedResponse;

using TestKind = testing_kinds::InterpretedKind;

std::unique_ptr<TestKind> Interpret(const std::string& yaml) {
  return testing_kinds::InterpretKind(yaml, "test.yaml");
}

// The ECS operation a request calls ("ListClusters"), from its X-Amz-Target.
std::string EcsOp(const RecordedRequest& req) {
  std::string_view t = net::FindHeader(req.headers, "X-Amz-Target");
  return std::string(t.substr(t.find('.') + 1));
}

json::object Body(const RecordedRequest& req) { return json::parse(req.body).as_object(); }

const json::object& PropsOf(const testenv::ScopeExport& ex, std::string_view id,
                            std::string_view id_key) {
  for (const json::value& e : ex.envelopes) {
    const json::object& p = e.at("Properties").as_object();
    if (const json::value* v = p.if_contains(id_key); v && v->as_string() == id) return p;
  }
  static const json::object kNone;
  ADD_FAILURE() << "no resource " << id;
  return kNone;
}

// The kind's `get` for each id in turn (us-east-1, account 123456789012), each answer as it
// came, an error included.
std::map<std::string, core::Result<std::optional<Resource>>> GetEachResult(
    const TestKind& kind, const LoopbackHttpServer& server, const std::vector<std::string>& ids) {
  std::map<std::string, core::Result<std::optional<Resource>>> got;
  boost::asio::io_context io;
  aws::AwsClient client(io, net::MakeCurlTransport(io), testenv::TestClientOptions(server.Url("")));
  AccountSession account = testenv::TestAccount();
  boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<void> {
        ListContext ctx{client, aws::CallTarget{account.credentials, "us-east-1", "123456789012"},
                        account};
        json::object extra;
        for (const std::string& id : ids) got.emplace(id, co_await kind.spec.get_one(ctx, id, extra));
      },
      [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
  io.run();
  return got;
}

// GetEachResult where every id must answer without an error; an absent one maps to nullopt.
std::map<std::string, std::optional<Resource>> GetEach(const TestKind& kind,
                                                       const LoopbackHttpServer& server,
                                                       const std::vector<std::string>& ids) {
  std::map<std::string, std::optional<Resource>> got;
  for (auto& [id, r] : GetEachResult(kind, server, ids)) {
    EXPECT_TRUE(r.ok()) << id << ": " << r.status().ToString();
    if (r.ok()) got[id] = std::move(*r);
  }
  return got;
}

constexpr char kClustersHead[] = R"(
kind: AWS::ECS::TestCluster
service: ecs
list:
  operation: ListClusters
  items: clusterArns
)";

// A get of one cluster by name or ARN, its identity the ARN, its properties the answer's item.
constexpr char kClusterGet[] = R"(
get:
  operation: DescribeClusters
  params: {clusters: ["{id}"]}
  items: clusters
  identity: clusterArn
  properties: item
)";

TEST(KindInterpreterSet, TemplatesSeeIdentityScopeAndListedProperties) {
  LoopbackHttpServer server;
  server.SetDefault([](const RecordedRequest&) {
    return ScriptedResponse::Ok(R"({"clusterArns":["arn:c/1","arn:c/2"]})");
  });
  auto kind = Interpret(std::string(kClustersHead) + R"(
actions:
  - name: SetAction
    default: true
    set:
      Arn: "{id}"
      Where: "{partition}/{region}/{account}"
      Both: ["{id}", "literal {{braces}}"]
propertyOrder: [Where, Arn]
)");
  ASSERT_NE(kind, nullptr);
  auto ex = testenv::ExportOneScope(kind->spec, server.Url(""), "eu-west-1", {},
                                    testenv::TestAccount("aws-cn"));
  ASSERT_EQ(ex.envelopes.size(), 2u);
  const json::object& p = PropsOf(ex, "arn:c/2", "Arn");
  EXPECT_EQ(p.at("Where"), json::value("aws-cn/eu-west-1/123456789012"));
  EXPECT_EQ(p.at("Both"), json::parse(R"(["arn:c/2","literal {braces}"])"));
  EXPECT_EQ(p.begin()->key(), "Where");  // propertyOrder
  EXPECT_EQ(ex.envelopes[0].at("__ExtraContext"),
            json::parse(R"({"AccountId":"123456789012","Region":"eu-west-1"})"));
}

// call: one call per resource; take/into/rename/coerce/missing; merged by identity although
// the answers come back in any order.
TEST(KindInterpreterCall, TakesRenamesCoercesAndMergesByIdentity) {
  LoopbackHttpServer server;
  server.SetDefault([](const RecordedRequest& req) {
    if (EcsOp(req) == "ListClusters") {
      return ScriptedResponse::Ok(R"({"clusterArns":["arn:c/a","arn:c/b","arn:c/c"]})");
    }
    std::string arn(Body(req).at("taskDefinition").as_string());
    if (arn == "arn:c/c") return ScriptedResponse::Ok(R"({})");  // nothing to take
    return ScriptedResponse::Ok(R"({"taskDefinition":{"family":")" + arn.substr(6) +
                                R"(","cpu":"12","status":"true","memory":"x"}})");
  });
  auto kind = Interpret(std::string(kClustersHead) + R"(
actions:
  - name: Id
    default: true
    set: {Arn: "{id}"}
  - name: DefinitionAction
    default: true
    call:
      operation: DescribeTaskDefinition
      params: {taskDefinition: "{id}"}
    take: taskDefinition
    rename: {family: Name}
    coerce: {cpu: integer, status: boolean, memory: integer}
  - name: TagsAction
    default: true
    call:
      operation: DescribeTaskDefinition
      params: {taskDefinition: "{id}"}
    take: tags
    into: Tags
    missing: []
)");
  ASSERT_NE(kind, nullptr);
  auto ex = testenv::ExportOneScope(kind->spec, server.Url(""), "us-east-1");
  ASSERT_EQ(ex.envelopes.size(), 3u);
  const json::object& a = PropsOf(ex, "arn:c/a", "Arn");
  EXPECT_EQ(a.at("Name"), json::value("a"));
  EXPECT_EQ(a.at("cpu"), json::value(12));
  EXPECT_EQ(a.at("status"), json::value(true));
  EXPECT_EQ(a.at("memory"), json::value("x"));  // does not read as an integer: kept
  EXPECT_EQ(a.at("Tags"), json::array());
  EXPECT_EQ(PropsOf(ex, "arn:c/b", "Arn").at("Name"), json::value("b"));
  EXPECT_FALSE(PropsOf(ex, "arn:c/c", "Arn").contains("Name"));
  EXPECT_EQ(ex.outcome.enrichment_errors, 0);
}

// Error policy per resource: tolerate -> a value; absent -> no key, not counted; NotFound and
// AccessDenied -> no key, not counted; anything else -> no key, counted.
TEST(KindInterpreterCall, ErrorPolicyPerResource) {
  LoopbackHttpServer server;
  server.SetDefault([](const RecordedRequest& req) {
    if (EcsOp(req) == "ListClusters") {
      return ScriptedResponse::Ok(
          R"({"clusterArns":["ok","tolerated","absent","denied","missing","broken"]})");
    }
    std::string arn(Body(req).at("taskDefinition").as_string());
    if (arn == "ok") return ScriptedResponse::Ok(R"({"taskDefinition":{"revision":1}})");
    if (arn == "tolerated") return ScriptedResponse::AwsJsonError(400, "NoSuchThing");
    if (arn == "absent") return ScriptedResponse::AwsJsonError(400, "NotConfigured");
    if (arn == "denied") return ScriptedResponse::AwsJsonError(400, "AccessDeniedException");
    if (arn == "missing") return ScriptedResponse::AwsJsonError(400, "ClusterNotFoundException");
    return ScriptedResponse::AwsJsonError(400, "InvalidParameterException");
  });
  auto kind = Interpret(std::string(kClustersHead) + R"(
actions:
  - name: Id
    default: true
    set: {Arn: "{id}"}
  - name: PolicyAction
    default: true
    call:
      operation: DescribeTaskDefinition
      params: {taskDefinition: "{id}"}
    take: taskDefinition
    into: Policy
    tolerate: {NoSuchThing: {none: true}}
    absent: [NotConfigured]
)");
  ASSERT_NE(kind, nullptr);
  auto ex = testenv::ExportOneScope(kind->spec, server.Url(""), "us-east-1");
  ASSERT_EQ(ex.envelopes.size(), 6u);
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete);
  EXPECT_EQ(PropsOf(ex, "ok", "Arn").at("Policy"), json::parse(R"({"revision":1})"));
  EXPECT_EQ(PropsOf(ex, "tolerated", "Arn").at("Policy"), json::parse(R"({"none":true})"));
  for (const char* id : {"absent", "denied", "missing", "broken"}) {
    EXPECT_FALSE(PropsOf(ex, id, "Arn").contains("Policy")) << id;
  }
  EXPECT_EQ(ex.outcome.enrichment_errors, 1);  // only "broken"
}

// An action's `concurrency` bounds its calls in flight. The server answers each call after
// 100 ms, so the calls that arrived within 100 ms before a call are still in flight when it
// arrives: their number never exceeds the limit.
TEST(KindInterpreterCall, ConcurrencyLimitBoundsCallsInFlight) {
  for (int limit : {1, 3}) {
    SCOPED_TRACE(limit);
    LoopbackHttpServer server;
    std::vector<std::chrono::steady_clock::time_point> arrivals;
    server.SetDefault([&](const RecordedRequest& req) {
      if (EcsOp(req) == "ListClusters") {
        return ScriptedResponse::Ok(R"({"clusterArns":["c1","c2","c3","c4","c5","c6"]})");
      }
      arrivals.push_back(std::chrono::steady_clock::now());
      ScriptedResponse r = ScriptedResponse::Ok(R"({"taskDefinition":{"revision":1}})");
      r.delay = std::chrono::milliseconds(100);
      return r;
    });
    auto kind = Interpret(std::string(kClustersHead) + R"(
actions:
  - name: SlowAction
    default: true
    call:
      operation: DescribeTaskDefinition
      params: {taskDefinition: "{id}"}
    take: taskDefinition
    concurrency: )" + std::to_string(limit) + "\n");
    ASSERT_NE(kind, nullptr);
    auto ex = testenv::ExportOneScope(kind->spec, server.Url(""), "us-east-1");
    ASSERT_EQ(arrivals.size(), 6u);
    std::size_t most = 0;
    for (std::size_t i = 0; i < arrivals.size(); ++i) {
      std::size_t in_flight = 1;
      for (std::size_t j = 0; j < i; ++j) {
        if (arrivals[i] - arrivals[j] < std::chrono::milliseconds(100)) ++in_flight;
      }
      most = std::max(most, in_flight);
    }
    EXPECT_LE(most, static_cast<std::size_t>(limit));
    if (limit > 1) {
      EXPECT_GE(most, 2u);  // and the limit is not a serialisation
    }
    EXPECT_EQ(ex.envelopes.size(), 6u);
  }
}

// pagedCall: every page per resource, aggregated as boto3's build_full_result().
TEST(KindInterpreterPagedCall, AggregatesEveryPage) {
  LoopbackHttpServer server;
  std::map<std::string, int> calls;
  server.SetDefault([&](const RecordedRequest& req) {
    std::string op = EcsOp(req);
    if (op == "ListClusters") return ScriptedResponse::Ok(R"({"clusterArns":["c1"]})");
    ++calls[op];
    json::object body = Body(req);
    EXPECT_EQ(body.at("cluster"), json::value("c1"));
    if (!body.contains("nextToken")) {
      return ScriptedResponse::Ok(R"({"serviceArns":["s1","s2"],"nextToken":"t"})");
    }
    return ScriptedResponse::Ok(R"({"serviceArns":["s3"]})");
  });
  auto kind = Interpret(std::string(kClustersHead) + R"(
actions:
  - name: ServicesAction
    default: true
    pagedCall:
      operation: ListServices
      params: {cluster: "{id}"}
    take: serviceArns
    into: Services
)");
  ASSERT_NE(kind, nullptr);
  auto ex = testenv::ExportOneScope(kind->spec, server.Url(""), "us-east-1");
  ASSERT_EQ(ex.envelopes.size(), 1u);
  EXPECT_EQ(ex.envelopes[0].at("Properties").at("Services"), json::parse(R"(["s1","s2","s3"])"));
  EXPECT_EQ(calls["ListServices"], 2);
}

// batch: at most `max` ids per call, results matched by key (never by position), failures
// read and counted, unknown keys ignored.
TEST(KindInterpreterBatch, ChunksMatchesByKeyAndCountsFailures) {
  LoopbackHttpServer server;
  std::vector<std::size_t> sizes;
  server.SetDefault([&](const RecordedRequest& req) {
    if (EcsOp(req) == "ListClusters") {
      return ScriptedResponse::Ok(R"({"clusterArns":["c1","c2","c3","c4","c5"]})");
    }
    json::object body = Body(req);
    const json::array& ids = body.at("clusters").as_array();
    sizes.push_back(ids.size());
    json::array clusters;
    json::array failures;
    for (auto it = ids.rbegin(); it != ids.rend(); ++it) {  // reversed: position means nothing
      std::string id(it->as_string());
      if (id == "c4") {
        failures.push_back(json::object{{"arn", id}, {"reason", "MISSING"}});
      } else {
        clusters.push_back(json::object{{"clusterArn", id}, {"clusterName", "name-" + id}});
      }
    }
    clusters.push_back(json::object{{"clusterArn", "not-asked"}, {"clusterName", "x"}});
    return ScriptedResponse::Ok(
        json::serialize(json::object{{"clusters", clusters}, {"failures", failures}}));
  });
  auto kind = Interpret(std::string(kClustersHead) + R"(
actions:
  - name: Id
    default: true
    set: {Arn: "{id}"}
  - name: DescribeAction
    default: true
    batch:
      operation: DescribeClusters
      ids: clusters
      max: 2
      items: clusters
      key: clusterArn
      failures: {items: failures, key: arn, reason: reason}
    keepOthers: false
    rename: {clusterName: Name}
)");
  ASSERT_NE(kind, nullptr);
  auto ex = testenv::ExportOneScope(kind->spec, server.Url(""), "us-east-1");
  EXPECT_EQ(sizes, (std::vector<std::size_t>{2, 2, 1}));
  ASSERT_EQ(ex.envelopes.size(), 5u);
  for (const char* id : {"c1", "c2", "c3", "c5"}) {
    const json::object& p = PropsOf(ex, id, "Arn");
    EXPECT_EQ(p.at("Name"), json::value("name-" + std::string(id)));
    EXPECT_FALSE(p.contains("clusterArn"));  // keepOthers: false
  }
  EXPECT_FALSE(PropsOf(ex, "c4", "Arn").contains("Name"));
  EXPECT_EQ(ex.outcome.enrichment_errors, 1);
}

// batch perIdFallback: a whole-call NotFound retries each id alone, so the others keep theirs.
TEST(KindInterpreterBatch, NotFoundForTheWholeCallFallsBackToOneIdPerCall) {
  LoopbackHttpServer server;
  int batch_calls = 0;
  server.SetDefault([&](const RecordedRequest& req) {
    if (EcsOp(req) == "ListClusters") return ScriptedResponse::Ok(R"({"clusterArns":["c1","gone","c3"]})");
    ++batch_calls;
    json::object body = Body(req);
    const json::array& ids = body.at("clusters").as_array();
    for (const auto& id : ids) {
      if (id.as_string() == "gone") return ScriptedResponse::AwsJsonError(400, "ClusterNotFoundException");
    }
    return ScriptedResponse::Ok(R"({"clusters":[{"clusterArn":")" +
                                std::string(ids[0].as_string()) + R"(","status":"ACTIVE"}]})");
  });
  auto kind = Interpret(std::string(kClustersHead) + R"(
actions:
  - name: Id
    default: true
    set: {Arn: "{id}"}
  - name: DescribeAction
    default: true
    batch:
      operation: DescribeClusters
      ids: clusters
      items: clusters
      key: clusterArn
      perIdFallback: true
    take: status
    into: Status
)");
  ASSERT_NE(kind, nullptr);
  auto ex = testenv::ExportOneScope(kind->spec, server.Url(""), "us-east-1");
  EXPECT_EQ(batch_calls, 4);  // one for the batch, then one per id
  EXPECT_EQ(PropsOf(ex, "c1", "Arn").at("Status"), json::value("ACTIVE"));
  EXPECT_EQ(PropsOf(ex, "c3", "Arn").at("Status"), json::value("ACTIVE"));
  EXPECT_FALSE(PropsOf(ex, "gone", "Arn").contains("Status"));
  EXPECT_EQ(ex.outcome.enrichment_errors, 0);
}

// Parent listing: list B per item of list A, A's item in B's params and carried into extra.
TEST(KindInterpreterList, ParentListingCarriesTheParent) {
  LoopbackHttpServer server;
  server.SetDefault([&](const RecordedRequest& req) {
    if (EcsOp(req) == "ListClusters") return ScriptedResponse::Ok(R"({"clusterArns":["cA","cB"]})");
    std::string cluster(Body(req).at("cluster").as_string());
    return ScriptedResponse::Ok(R"({"serviceArns":[")" + cluster + R"(/s1",")" + cluster + R"(/s2"]})");
  });
  auto kind = Interpret(R"(
kind: AWS::ECS::TestService
service: ecs
list:
  operation: ListServices
  params: {cluster: "{parent}"}
  items: serviceArns
  parent:
    operation: ListClusters
    items: clusterArns
    carry: {ClusterArn: "@"}
actions:
  - {name: Id, default: true, set: {Arn: "{id}", Cluster: "{extra.ClusterArn}"}}
)");
  ASSERT_NE(kind, nullptr);
  auto ex = testenv::ExportOneScope(kind->spec, server.Url(""), "us-east-1");
  ASSERT_EQ(ex.envelopes.size(), 4u);
  EXPECT_EQ(PropsOf(ex, "cB/s2", "Arn").at("Cluster"), json::value("cB"));
  for (const json::value& e : ex.envelopes) {
    std::string_view arn = e.at("Properties").at("Arn").as_string();
    EXPECT_EQ(e.at("__ExtraContext").at("ClusterArn"), json::value(arn.substr(0, 2)));
  }
}

// A kind-declared paginator for an operation botocore does not mark pageable; sorting.
TEST(KindInterpreterList, KindDeclaredPaginatorAndSorting) {
  LoopbackHttpServer server;
  int pages = 0;
  server.SetDefault([&](const RecordedRequest& req) {
    ++pages;
    json::object body = Body(req);
    EXPECT_EQ(body.at("maxResults"), json::value(10));  // fixed params
    if (!body.contains("nextToken")) {
      return ScriptedResponse::Ok(
          R"({"capacityProviders":[{"name":"z"},{"name":"b"}],"nextToken":"p2"})");
    }
    EXPECT_EQ(body.at("nextToken"), json::value("p2"));
    return ScriptedResponse::Ok(R"({"capacityProviders":[{"name":"a"}]})");
  });
  auto kind = Interpret(R"(
kind: AWS::ECS::TestCapacityProvider
service: ecs
list:
  operation: DescribeCapacityProviders
  params: {maxResults: 10}
  paginator: {inputToken: nextToken, outputToken: nextToken}
  items: capacityProviders
  identity: name
  properties: item
  sortBy: name
)");
  ASSERT_NE(kind, nullptr);
  auto ex = testenv::ExportOneScope(kind->spec, server.Url(""), "us-east-1");
  EXPECT_EQ(pages, 2);
  ASSERT_EQ(ex.envelopes.size(), 3u);
  EXPECT_EQ(ex.envelopes[0].at("Properties").at("name"), json::value("b"));  // page 1 sorted
  EXPECT_EQ(ex.envelopes[1].at("Properties").at("name"), json::value("z"));
  EXPECT_EQ(ex.envelopes[2].at("Properties").at("name"), json::value("a"));
}

// Child flattening (Lambda's rest-json): each function's layers are the resources; the
// function's other fields join the extra context.
TEST(KindInterpreterList, FlattensChildrenWithParentFieldsInExtraContext) {
  LoopbackHttpServer server;
  server.SetDefault([](const RecordedRequest&) {
    return ScriptedResponse::Ok(R"({"Functions":[
      {"FunctionName":"f1","Layers":[{"Arn":"l1","CodeSize":1},{"Arn":"l2","CodeSize":2}]},
      {"FunctionName":"f2"}]})");
  });
  auto kind = Interpret(R"(
kind: AWS::Lambda::TestLayerUse
service: lambda
list:
  operation: ListFunctions
  items: Functions
  flatten: {items: Layers, parentToExtraContext: true}
  identity: Arn
  properties: item
)");
  ASSERT_NE(kind, nullptr);
  auto ex = testenv::ExportOneScope(kind->spec, server.Url(""), "us-east-1");
  ASSERT_EQ(ex.envelopes.size(), 2u);
  EXPECT_EQ(ex.envelopes[1].at("Properties"), json::parse(R"({"Arn":"l2","CodeSize":2})"));
  EXPECT_EQ(ex.envelopes[1].at("__ExtraContext").at("FunctionName"), json::value("f1"));
  EXPECT_FALSE(ex.envelopes[1].at("__ExtraContext").as_object().contains("Layers"));
}

// get: by name resolved to the identity; NotFound means absent, and so do absentOn codes (a
// service saying "no such resource" with a generic code); existsOn codes still prove the
// resource exists; identityPrefixes need no call.
TEST(KindInterpreterGet, ResolvesAbsentExistsAndPrefixes) {
  LoopbackHttpServer server;
  int calls = 0;
  server.SetDefault([&](const RecordedRequest& req) {
    ++calls;
    json::object body = Body(req);
    std::string id(body.at("clusters").as_array().at(0).as_string());
    if (id == "gone") return ScriptedResponse::AwsJsonError(400, "ClusterNotFoundException");
    if (id == "moved") return ScriptedResponse::AwsJsonError(400, "SomewhereElse");
    if (id == "bad") return ScriptedResponse::AwsJsonError(400, "InvalidParameterException");
    return ScriptedResponse::Ok(R"({"clusters":[{"clusterArn":"arn:aws:ecs:c/)" + id +
                                R"(","status":"ACTIVE"}]})");
  });
  auto kind = Interpret(std::string(kClustersHead) + R"(
get:
  identityPrefixes: ["arn:"]
  operation: DescribeClusters
  params: {clusters: ["{id}"]}
  items: clusters
  identity: clusterArn
  properties: item
  existsOn: [SomewhereElse]
  absentOn: [InvalidParameterException]
)");
  ASSERT_NE(kind, nullptr);
  auto got = GetEach(*kind, server, {"web", "gone", "moved", "bad", "arn:given"});
  ASSERT_TRUE(got["web"].has_value());
  EXPECT_EQ(got["web"]->id, "arn:aws:ecs:c/web");
  EXPECT_EQ(got["web"]->properties.at("status"), json::value("ACTIVE"));
  EXPECT_FALSE(got["gone"].has_value());
  ASSERT_TRUE(got["moved"].has_value());
  EXPECT_EQ(got["moved"]->id, "moved");
  EXPECT_FALSE(got["bad"].has_value());
  ASSERT_TRUE(got["arn:given"].has_value());
  EXPECT_EQ(calls, 4);  // the ARN needed no call
}

// A service that ignores the get's name filter answers other resources: none of them may stand
// for the one asked for (a live event would upsert the wrong entity). An answer whose identity
// carries the name asked for (an ARN ending in /<name>) is the resource.
TEST(KindInterpreterGet, AnswerThatIsAnotherResourceIsAbsent) {
  LoopbackHttpServer server;
  server.SetDefault([&](const RecordedRequest& req) {
    std::string id(Body(req).at("clusters").as_array().at(0).as_string());
    if (id == "web") {
      return ScriptedResponse::Ok(
          R"({"clusters":[{"clusterArn":"arn:aws:ecs:c/web","clusterName":"web"}]})");
    }
    if (id == "webapp") {  // the answer's name ends like the asked one, but is another resource
      return ScriptedResponse::Ok(
          R"({"clusters":[{"clusterArn":"arn:aws:ecs:c/my-webapp","clusterName":"my-webapp"}]})");
    }
    // "missing": the filter is ignored and every cluster comes back
    return ScriptedResponse::Ok(
        R"({"clusters":[{"clusterArn":"arn:aws:ecs:c/other","clusterName":"other"},)"
        R"({"clusterArn":"arn:aws:ecs:c/web","clusterName":"web"}]})");
  });
  auto kind = Interpret(std::string(kClustersHead) + kClusterGet);
  ASSERT_NE(kind, nullptr);
  auto got = GetEach(*kind, server, {"web", "webapp", "missing"});
  ASSERT_TRUE(got["web"].has_value());
  EXPECT_EQ(got["web"]->id, "arn:aws:ecs:c/web");
  EXPECT_FALSE(got["webapp"].has_value()) << got["webapp"]->id;
  EXPECT_FALSE(got["missing"].has_value()) << got["missing"]->id;
}

// get.byName: an id "name:<name>" is asked with byName's params ({id} is the bare name, the
// by-id params unused) and answers only the resource whose `match` property is exactly that
// name: a longer name, another resource, or a plain id are not it; two resources of that name
// are an error naming both (a live event must not pick one).
TEST(KindInterpreterGet, ByNameAsksWithItsParamsAndMatchesTheNameExactly) {
  LoopbackHttpServer server;
  std::mutex mu;
  std::vector<std::string> bodies;
  server.SetDefault([&](const RecordedRequest& req) {
    json::object body = Body(req);
    {
      std::lock_guard lock(mu);
      bodies.push_back(json::serialize(body));
    }
    std::string id(body.at("clusters").as_array().at(0).as_string());
    auto cluster = [](const std::string& arn, const std::string& name) {
      return R"({"clusterArn":"arn:aws:ecs:c/)" + arn + R"(","clusterName":")" + name + R"("})";
    };
    std::string answer = id == "web"    ? cluster("id-1", "web")
                         : id == "dup"  ? cluster("id-2", "dup") + "," + cluster("id-3", "dup")
                         : id == "webx" ? cluster("id-4", "my-webx")
                                        : cluster("id-5", id);  // the by-id get
    return ScriptedResponse::Ok(R"({"clusters":[)" + answer + "]}");
  });
  auto kind = Interpret(std::string(kClustersHead) + kClusterGet + R"(  byName:
    params: {clusters: ["{id}"], include: [TAGS]}
    match: clusterName
)");
  ASSERT_NE(kind, nullptr);
  auto got = GetEachResult(*kind, server, {"name:web", "name:webx", "name:dup", "plain"});
  ASSERT_TRUE(got.at("name:web").ok()) << got.at("name:web").status().ToString();
  ASSERT_TRUE(got.at("name:web")->has_value());
  EXPECT_EQ((*got.at("name:web"))->id, "arn:aws:ecs:c/id-1");
  ASSERT_TRUE(got.at("name:webx").ok());
  EXPECT_FALSE(got.at("name:webx")->has_value()) << (*got.at("name:webx"))->id;
  ASSERT_FALSE(got.at("name:dup").ok());
  EXPECT_EQ(got.at("name:dup").status().message(),
            "AWS::ECS::TestCluster: the name 'dup' names more than one resource "
            "('arn:aws:ecs:c/id-2', 'arn:aws:ecs:c/id-3')");
  ASSERT_TRUE(got.at("plain").ok());
  ASSERT_TRUE(got.at("plain")->has_value());  // an id without the prefix is the by-id get
  EXPECT_EQ((*got.at("plain"))->id, "arn:aws:ecs:c/id-5");
  std::lock_guard lock(mu);
  ASSERT_EQ(bodies.size(), 4u);
  EXPECT_EQ(bodies[0], R"({"clusters":["web"],"include":["TAGS"]})");
  EXPECT_EQ(bodies[3], R"({"clusters":["plain"]})");
}

// byName's errors name the file, kind and path: its params against the operation's input, its
// match against the answer's item, the properties it compares, and the get forms it excludes.
TEST(KindInterpreterGet, ByNameValidation) {
  const std::string get = std::string(kClustersHead) + kClusterGet +
                          "  byName: {params: {clusters: [\"{id}\"]}, match: clusterName}\n";
  auto with = [&](std::string_view from, std::string_view to) {
    std::string text = get;
    text.replace(text.find(from), from.size(), to);
    return testing_kinds::DefinitionErrors(text);
  };
  const std::string at = "test.yaml: kind AWS::ECS::TestCluster: /get/byName";
  EXPECT_EQ(with("clusterName", "clusterName"), "");
  EXPECT_NE(with("params: {clusters: [\"{id}\"]}, match", "params: {clusterz: [\"{id}\"]}, match")
                .find(at + "/params/clusterz: operation DescribeClusters has no input member 'clusterz'"),
            std::string::npos);
  EXPECT_NE(with("match: clusterName", "match: clusterNom").find(at + "/match: match path 'clusterNom'"),
            std::string::npos);
  EXPECT_NE(with("  properties: item\n", "").find(at + "/match: needs the item as the resource's "
                                                       "properties (properties: item)"),
            std::string::npos);
  EXPECT_NE(with("params: {clusters: [\"{id}\"]}, match", "match").find(at + "/params: is required"),
            std::string::npos);
  EXPECT_NE(with("match: clusterName", "match: clusterName, x: 1").find(at + "/x: unknown key"),
            std::string::npos);
  EXPECT_NE(with("  properties: item\n", "  properties: item\n  idPatterns: [\"{a}/{b}\"]\n")
                .find(at + ": cannot be combined with listed, parent, idPatterns or identityPrefixes"),
            std::string::npos);
}

}  // namespace
}  // namespace catalog::definition

namespace catalog::definition {
namespace {

// Lazy interpretation (lazy_kind.h, issue 13.5): the spec is usable at once, matches the eager
// one field for field, exports the same envelopes, and checks the model only on first use.
TEST(KindInterpreterLazy, InterpretsOnFirstUseLikeTheEagerSpec) {
  const std::string yaml = std::string(kClustersHead) + R"(
actions:
  - name: SetAction
    default: true
    set:
      Arn: "{id}"
propertyOrder: [Arn]
)";
  auto eager = Interpret(yaml);
  ASSERT_NE(eager, nullptr);
  core::Result<KindDef> def = ParseKindDefinition(yaml, "test.yaml", true);
  ASSERT_TRUE(def.ok()) << def.status().ToString();
  HookRegistry hooks;
  std::function<core::Status()> prepare;
  core::Result<KindSpec> lazy = BuildLazyKindSpec(*def, hooks, &prepare);
  ASSERT_TRUE(lazy.ok()) << lazy.status().ToString();
  EXPECT_EQ(lazy->name, eager->spec.name);
  EXPECT_EQ(lazy->list_operation, eager->spec.list_operation);
  EXPECT_EQ(lazy->list_result_key, eager->spec.list_result_key);
  EXPECT_EQ(lazy->property_order, eager->spec.property_order);
  EXPECT_EQ(lazy->to_resources != nullptr, eager->spec.to_resources != nullptr);
  EXPECT_EQ(lazy->custom_list != nullptr, eager->spec.custom_list != nullptr);
  EXPECT_EQ(lazy->get_one != nullptr, eager->spec.get_one != nullptr);
  ASSERT_EQ(lazy->actions.size(), 1u);
  EXPECT_EQ(lazy->actions[0].name, "SetAction");
  EXPECT_TRUE(lazy->actions[0].is_default);
  ASSERT_TRUE(prepare != nullptr);

  LoopbackHttpServer server;
  server.SetDefault([](const RecordedRequest&) {
    return ScriptedResponse::Ok(R"({"clusterArns":["arn:c/1","arn:c/2"]})");
  });
  auto from_lazy = testenv::ExportOneScope(*lazy, server.Url(""), "eu-west-1");
  auto from_eager = testenv::ExportOneScope(eager->spec, server.Url(""), "eu-west-1");
  EXPECT_TRUE(from_lazy.outcome.error.ok()) << from_lazy.outcome.error.ToString();
  ASSERT_EQ(from_lazy.envelopes.size(), 2u);
  EXPECT_EQ(from_lazy.envelopes, from_eager.envelopes);
  EXPECT_TRUE(prepare().ok());
}

TEST(KindInterpreterLazy, AnInvalidDefinitionFailsAtFirstUseWithItsError) {
  const std::string yaml = R"(
kind: AWS::ECS::Broken
service: ecs
list:
  operation: ListNoSuchThings
  items: clusterArns
actions:
  - name: SetAction
    default: true
    set:
      Arn: "{id}"
)";
  core::Result<KindDef> def = ParseKindDefinition(yaml, "broken.yaml", true);
  ASSERT_TRUE(def.ok()) << def.status().ToString();
  HookRegistry hooks;
  std::function<core::Status()> prepare;
  core::Result<KindSpec> lazy = BuildLazyKindSpec(*def, hooks, &prepare);
  ASSERT_TRUE(lazy.ok()) << "no model is read before first use: " << lazy.status().ToString();
  core::Status st = prepare();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("broken.yaml"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("ListNoSuchThings"), std::string::npos) << st.message();

  LoopbackHttpServer server;
  server.SetDefault([](const RecordedRequest&) { return ScriptedResponse::Ok("{}"); });
  auto ex = testenv::ExportOneScope(*lazy, server.Url(""), "eu-west-1");
  EXPECT_TRUE(ex.envelopes.empty());
  EXPECT_FALSE(ex.outcome.error.ok());
  EXPECT_NE(ex.outcome.error.message().find("ListNoSuchThings"), std::string::npos);
  EXPECT_TRUE(server.requests().empty()) << "nothing is sent for an invalid kind";
}

}  // namespace
}  // namespace catalog::definition
