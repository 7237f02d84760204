// The vocabulary of shared answers and per-parent single calls (docs/ADDING_KINDS.md): a listing
// whose child operation is one non-pageable call per parent item, `shared: true` (one call per
// resync and key across kinds), `annotate` (item, outer, page, parent, position), `take: [a, b]`,
// `{id.N}` and a get's `parent`; a failing parent's children leave the others exported and the
// scope failed. Small kinds defined here run against a scripted ECS through the real client.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "net/http_types.h"
#include "net/curl_transport.h"
#include "catalog/definition/interpreted_kind.h"
#include "catalog/definition/actions.h"
#include "catalog/definition/interpreter.h"
#include "catalog/definition/kind_parser.h"
#include "catalog/definition/shared_responses.h"
#include "catalog/definition/validator.h"
#include "catalog/scope_exporter.h"
#include "fakes/loopback_http_server.h"
#include "fakes/scope_export.h"

namespace catalog::definition {
namespace {

namespace asio = boost::asio;
using testing_fakes::LoopbackHttpServer;
using testing_fakes::RecordedRequest;
using testing_fakes::ScriptedResponse;

using SharedTestKind = testing_kinds::InterpretedKind;

std::unique_ptr<SharedTestKind> InterpretShared(const std::string& yaml) {
  return testing_kinds::InterpretKind(yaml, "test.yaml");
}

std::string LoadErrorOf(const std::string& yaml) {
  return testing_kinds::DefinitionErrors(yaml, "test.yaml");
}

std::string With(std::string text, std::string_view from, std::string_view to) {
  std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::string OpOf(const RecordedRequest& req) {
  std::string_view t = net::FindHeader(req.headers, "X-Amz-Target");
  return std::string(t.substr(t.find('.') + 1));
}

long Calls(const LoopbackHttpServer& server, std::string_view op) {
  long n = 0;
  for (const RecordedRequest& r : server.requests()) n += OpOf(r) == op;
  return n;
}

// ListClusters: three clusters on two pages; DescribeClusters of one cluster: its settings
// (cluster "c" answers `c_error`).
testing_fakes::Handler EcsWith(ScriptedResponse c_error) {
  return [c_error](const RecordedRequest& req) {
    std::string op = OpOf(req);
    json::object body = json::parse(req.body).as_object();
    if (op == "ListClusters") {
      if (!body.contains("nextToken")) {
        return ScriptedResponse::Ok(R"({"clusterArns":["a","b"],"nextToken":"t"})");
      }
      return ScriptedResponse::Ok(R"({"clusterArns":["c"]})");
    }
    if (op == "DescribeClusters") {
      std::string arn(body.at("clusters").as_array()[0].as_string());
      if (arn == "c") return c_error;
      return ScriptedResponse::Ok(R"({"clusters":[{"clusterArn":")" + arn +
                                  R"(","clusterName":"name-)" + arn + R"(","settings":[
        {"name":"containerInsights","value":"on-)" + arn + R"("},
        {"name":"other","value":"x"}],"tags":[{"key":"k","value":"v"}]}],"failures":[]})");
    }
    return ScriptedResponse::AwsJsonError(400, "InvalidParameterException");
  };
}

// Settings of every cluster: one resource per setting, from the per-cluster DescribeClusters.
constexpr char kSettings[] = R"(
kind: AWS::ECS::TestSetting
service: ecs
list:
  parent: {operation: ListClusters, items: clusterArns}
  operation: DescribeClusters
  params: {clusters: ["{parent}"]}
  shared: true
  items: clusters
  flatten: {items: settings}
  annotate:
    key: "{outer.clusterArn}/{item.name}"
    cluster: "{parent}"
    position: "{position}"
  identity: key
  properties: {Name: name, Value: value, Cluster: cluster, Position: position}
get:
  operation: DescribeClusters
  params: {clusters: ["{id.0}"]}
  asListing: true
  parent: "{id.0}"
actions:
  - name: NothingAction
    default: true
    set: {Part: "{id.1}"}
)";

// The clusters themselves, from the same shared DescribeClusters.
constexpr char kClusters[] = R"(
kind: AWS::ECS::TestSharedCluster
service: ecs
list:
  parent: {operation: ListClusters, items: clusterArns}
  operation: DescribeClusters
  params: {clusters: ["{parent}"]}
  shared: true
  items: clusters
  identity: clusterArn
actions:
  - name: DescribeAction
    default: true
    call:
      operation: DescribeClusters
      params: {clusters: ["{id}"]}
      shared: true
    take: [clusters, failures]
    into: Everything
)";

TEST(KindSharedVocabulary, OneSharedCallPerParentAcrossKindsOfOneSession) {
  LoopbackHttpServer server;
  server.SetDefault(EcsWith(ScriptedResponse::Ok(R"({"clusters":[],"failures":[]})")));
  auto settings = InterpretShared(kSettings);
  auto clusters = InterpretShared(kClusters);
  ASSERT_TRUE(settings && clusters);
  AccountSession session = testenv::TestAccount();
  auto s = testenv::ExportOneScope(settings->spec, server.Url(""), "us-east-1", {}, session);
  auto c = testenv::ExportOneScope(clusters->spec, server.Url(""), "us-east-1", {}, session);
  EXPECT_EQ(s.outcome.state, ScopeState::kComplete) << s.outcome.error.ToString();
  EXPECT_EQ(c.outcome.state, ScopeState::kComplete) << c.outcome.error.ToString();
  EXPECT_EQ(s.envelopes.size(), 4u);  // 2 settings x clusters a, b; c has none
  EXPECT_EQ(c.envelopes.size(), 2u);
  // Per parent: the listing's call; the action's call differs in params ({id} = the ARN, the
  // same value): one call for both, so 3 listing calls (a, b, c) and nothing more.
  EXPECT_EQ(Calls(server, "DescribeClusters"), 3);
  EXPECT_EQ(session.shared_responses->stats().fetches, 3);

  // A fresh session (another resync) calls again.
  auto again = testenv::ExportOneScope(settings->spec, server.Url(""), "us-east-1");
  EXPECT_EQ(Calls(server, "DescribeClusters"), 6);
}

TEST(KindSharedVocabulary, AnnotateSeesItemOuterPageParentAndPosition) {
  LoopbackHttpServer server;
  server.SetDefault(EcsWith(ScriptedResponse::Ok(R"({"clusters":[],"failures":[]})")));
  auto settings = InterpretShared(kSettings);
  ASSERT_TRUE(settings);
  auto s = testenv::ExportOneScope(settings->spec, server.Url(""), "us-east-1");
  ASSERT_EQ(s.envelopes.size(), 4u);
  const json::value& p = s.envelopes[1].at("Properties");
  EXPECT_EQ(p.at("Name"), json::value("other"));
  EXPECT_EQ(p.at("Value"), json::value("x"));
  EXPECT_EQ(p.at("Cluster"), json::value("a"));  // {parent}
  EXPECT_EQ(p.at("Position"), json::value(1));   // the cluster's place in its page
  EXPECT_EQ(p.at("Part"), json::value("other"));  // {id.1} of "a/other"
  EXPECT_FALSE(p.as_object().contains("key"));    // annotated members only through properties
  EXPECT_EQ(s.envelopes[2].at("Properties").at("Value"), json::value("on-b"));
}

TEST(KindSharedVocabulary, TakeListMergesEveryPathInOrder) {
  LoopbackHttpServer server;
  server.SetDefault(EcsWith(ScriptedResponse::Ok(R"({"clusters":[],"failures":[]})")));
  const std::string yaml = R"(
kind: AWS::ECS::TestTake
service: ecs
list:
  operation: ListClusters
  items: clusterArns
actions:
  - name: DescribeAction
    default: true
    call:
      operation: DescribeClusters
      params: {clusters: ["{id}"]}
    take: [clusters, failures]
)";
  auto k = InterpretShared(yaml);
  ASSERT_TRUE(k);
  auto ex = testenv::ExportOneScope(k->spec, server.Url(""), "us-east-1");
  ASSERT_GE(ex.envelopes.size(), 1u);
  // `clusters` and `failures` are lists, not objects: nothing to merge, no property.
  EXPECT_TRUE(ex.envelopes[0].at("Properties").as_object().empty());
  std::string with_objects =
      With(yaml, "take: [clusters, failures]",
           "take: [\"@\"]\n    keepOthers: false\n    rename: {failures: F}");
  auto k2 = InterpretShared(with_objects);
  ASSERT_TRUE(k2);
  auto ex2 = testenv::ExportOneScope(k2->spec, server.Url(""), "us-east-1");
  ASSERT_GE(ex2.envelopes.size(), 1u);
  EXPECT_EQ(ex2.envelopes[0].at("Properties"), json::parse(R"({"F":[]})"));
}

TEST(KindSharedVocabulary, TakeListLaterPathsWinAndMissingAppliesWhenNoneIsAnObject) {
  ActionDef def;
  def.take_all = {"metadata", "pipeline"};
  json::object props;
  ShapeAnswer(def, json::parse(R"({"metadata":{"a":1,"both":"m"},"pipeline":{"both":"p","b":2}})"),
              props);
  EXPECT_EQ(json::value(props), json::parse(R"({"a":1,"both":"p","b":2})"));
  def.into = "All";
  def.missing = json::object{};
  json::object none;
  ShapeAnswer(def, json::parse(R"({"metadata":[1]})"), none);
  EXPECT_EQ(json::value(none), json::parse(R"({"All":{}})"));
}

TEST(KindSharedVocabulary, AFailingParentLeavesTheOthersAndFailsTheScope) {
  LoopbackHttpServer server;
  server.SetDefault(EcsWith(ScriptedResponse::AwsJsonError(400, "InvalidParameterException")));
  auto settings = InterpretShared(kSettings);
  ASSERT_TRUE(settings);
  auto s = testenv::ExportOneScope(settings->spec, server.Url(""), "us-east-1");
  EXPECT_EQ(s.outcome.state, ScopeState::kFailed);
  EXPECT_EQ(s.envelopes.size(), 4u);  // a's and b's settings

  // A parent gone since it was listed has nothing to list: the scope stays complete.
  LoopbackHttpServer gone;
  gone.SetDefault(EcsWith(ScriptedResponse::AwsJsonError(400, "ClusterNotFoundException")));
  auto g = testenv::ExportOneScope(settings->spec, gone.Url(""), "us-east-1");
  EXPECT_EQ(g.outcome.state, ScopeState::kComplete) << g.outcome.error.ToString();
  EXPECT_EQ(g.envelopes.size(), 4u);
}

TEST(KindSharedVocabulary, GetWithAParentReadsTheListingShape) {
  LoopbackHttpServer server;
  server.SetDefault(EcsWith(ScriptedResponse::Ok(R"({"clusters":[],"failures":[]})")));
  auto settings = InterpretShared(kSettings);
  ASSERT_TRUE(settings);
  auto get = [&](std::string id) {
    asio::io_context io;
    aws::AwsClient client(io, net::MakeCurlTransport(io),
                          testenv::TestClientOptions(server.Url("")));
    AccountSession account = testenv::TestAccount();
    std::optional<Resource> out;
    asio::co_spawn(io, [&]() -> asio::awaitable<void> {
      ListContext lctx{client, aws::CallTarget{account.credentials, "us-east-1", account.info.id},
                       account};
      json::object extra;
      auto r = co_await settings->spec.get_one(lctx, id, extra);
      EXPECT_TRUE(r.ok()) << r.status().ToString();
      if (r.ok()) out = std::move(*r);
    }, [](std::exception_ptr e) { if (e) std::rethrow_exception(e); });
    io.run();
    return out;
  };
  std::optional<Resource> found = get("b/containerInsights");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, "b/containerInsights");
  EXPECT_EQ(found->properties.at("Value"), json::value("on-b"));
  EXPECT_EQ(found->properties.at("Cluster"), json::value("b"));  // the get's parent
  EXPECT_FALSE(get("b/nope").has_value());
}

TEST(KindSharedVocabulary, ValidationOfTheNewTerms) {
  const std::string shared_pageable = R"(
kind: AWS::ECS::TestBad
service: ecs
list:
  operation: ListClusters
  items: clusterArns
  shared: true
actions: [{name: AAction, default: true, set: {}}]
)";
  EXPECT_NE(LoadErrorOf(shared_pageable).find("only a single call"), std::string::npos)
      << LoadErrorOf(shared_pageable);

  // {item} is an action's too (the listed item); {outer}, {page}, {position} are annotate's only.
  std::string item_outside = With(kClusters, "params: {clusters: [\"{id}\"]}",
                                  "params: {clusters: [\"{outer.x}\"]}");
  EXPECT_NE(LoadErrorOf(item_outside).find("only available in a listing's annotate"),
            std::string::npos) << LoadErrorOf(item_outside);

  std::string get_parent_alone = std::string(kClusters) +
                                 "get:\n  operation: DescribeClusters\n  parent: \"{id.0}\"\n";
  EXPECT_NE(LoadErrorOf(get_parent_alone).find("needs asListing"), std::string::npos)
      << LoadErrorOf(get_parent_alone);

  std::string bad_part = With(kSettings, "{id.1}", "{id.x}");
  // Named parts come from a get's idPatterns; an action has only positional ones.
  EXPECT_NE(LoadErrorOf(bad_part).find("{id.x} is only available in get"), std::string::npos)
      << LoadErrorOf(bad_part);
}

}  // namespace
}  // namespace catalog::definition
