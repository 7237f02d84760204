// AWS::CodeDeploy::DeploymentGroup and AWS::CodeDeploy::DeploymentTarget
// (data/kinds/codedeploy_deployment_group.yaml, codedeploy_deployment_target.yaml) against a
// scripted loopback CodeDeploy: moto 5.2 implements neither BatchGetDeploymentGroups nor
// ListDeploymentTargets / BatchGetDeploymentTargets. Answers are in botocore's shapes (AWS API
// reference): groups are described per application and matched by name, targets per deployment
// in calls of at most 25 across pages, a deployment that has not started is skipped, a target
// missing from the answer keeps only its DeploymentId, and a failing call for one deployment
// costs only that deployment's targets. Also `get` by <application>/<group> and
// <deploymentId>/<targetId>.
#include <algorithm>

#include <gtest/gtest.h>

#include <map>
#include <mutex>

#include "net/http_types.h"
#include "catalog/kinds/scripted_kind.h"

namespace catalog {
namespace {

using testing_fakes::RecordedRequest;
using testing_fakes::ScriptedResponse;

std::string CodeDeployOp(const RecordedRequest& req) {
  std::string_view t = net::FindHeader(req.headers, "X-Amz-Target");
  return std::string(t.substr(t.find('.') + 1));
}

json::object CodeDeployBody(const RecordedRequest& req) { return json::parse(req.body).as_object(); }

using testenv::KeysOf;

const json::value* EnvelopeOf(const testenv::ScopeExport& ex, std::string_view key,
                              std::string_view value, std::string_view key2 = "",
                              std::string_view value2 = "") {
  for (const json::value& e : ex.envelopes) {
    const json::object& p = e.at("Properties").as_object();
    const json::value* v = p.if_contains(key);
    if (!v || v->as_string() != value) continue;
    if (!key2.empty()) {
      const json::value* v2 = p.if_contains(key2);
      if (!v2 || v2->as_string() != value2) continue;
    }
    return &e;
  }
  return nullptr;
}

// Two applications with a group named "prod" each; BatchGetDeploymentGroups answers in reverse
// order and without app-b's "gone".
ScriptedResponse ServeGroups(const RecordedRequest& req, std::vector<json::object>* batch_bodies,
                             std::mutex* mu) {
  std::string op = CodeDeployOp(req);
  json::object body = CodeDeployBody(req);
  if (op == "ListApplications") return ScriptedResponse::Ok(R"({"applications":["app-a","app-b"]})");
  if (op == "ListDeploymentGroups") {
    std::string app(body.at("applicationName").as_string());
    if (app == "app-a") return ScriptedResponse::Ok(R"({"applicationName":"app-a","deploymentGroups":["prod","staging"]})");
    return ScriptedResponse::Ok(R"({"applicationName":"app-b","deploymentGroups":["prod","gone"]})");
  }
  if (op == "BatchGetDeploymentGroups") {
    {
      std::lock_guard<std::mutex> lock(*mu);
      batch_bodies->push_back(body);
    }
    std::string app(body.at("applicationName").as_string());
    json::array info;
    const json::array& names = body.at("deploymentGroupNames").as_array();
    for (auto it = names.rbegin(); it != names.rend(); ++it) {
      std::string name(it->as_string());
      if (name == "gone") continue;
      info.push_back(json::object{
          {"applicationName", app}, {"deploymentGroupName", name},
          {"deploymentGroupId", "id-" + app + "-" + name},
          {"serviceRoleArn", "arn:aws:iam::123456789012:role/cd"},
          {"deploymentConfigName", "CodeDeployDefault.OneAtATime"},
          {"ec2TagFilters", json::array()},
          {"deploymentStyle", json::object{{"deploymentType", "IN_PLACE"},
                                           {"deploymentOption", "WITHOUT_TRAFFIC_CONTROL"}}},
          {"computePlatform", "Server"}});
    }
    json::object answer{{"deploymentGroupsInfo", info}};
    if (app == "app-b") answer["errorMessage"] = "Deployment group gone does not exist";
    return ScriptedResponse::Ok(json::serialize(answer));
  }
  if (op == "ListTagsForResource") {
    std::string arn(body.at("ResourceArn").as_string());
    if (arn.ends_with(":deploymentgroup:app-a/prod")) {
      return ScriptedResponse::Ok(R"({"Tags":[{"Key":"env","Value":"prod"}]})");
    }
    return ScriptedResponse::Ok(R"({"Tags":[]})");
  }
  if (op == "GetDeploymentTarget" || op == "BatchGetDeploymentTargets") return ScriptedResponse::Ok("{}");
  return ScriptedResponse::AwsJsonError(400, "InvalidOperationException");
}

TEST(CodeDeployDeploymentGroupKind, DescribedPerApplicationMatchedByNameWithOptionalTags) {
  std::mutex mu;
  std::vector<json::object> batches;
  std::vector<std::string> tag_arns;
  testenv::ScriptedKind groups("AWS::CodeDeploy::DeploymentGroup", [&](const RecordedRequest& req) {
    if (CodeDeployOp(req) == "ListTagsForResource") {
      std::lock_guard<std::mutex> lock(mu);
      tag_arns.emplace_back(CodeDeployBody(req).at("ResourceArn").as_string());
    }
    return ServeGroups(req, &batches, &mu);
  });
  ASSERT_NE(groups.kind(), nullptr);

  testenv::ScopeExport plain = groups.Export();
  EXPECT_EQ(plain.outcome.state, ScopeState::kComplete) << plain.outcome.error.ToString();
  EXPECT_EQ(plain.outcome.enrichment_errors, 0);  // BatchGetDeploymentGroups has no failures list
  ASSERT_EQ(plain.envelopes.size(), 4u);
  ASSERT_EQ(batches.size(), 2u);  // one call per application, never mixed
  for (const json::object& b : batches) {
    EXPECT_EQ(b.at("deploymentGroupNames").as_array().size(), 2u);
  }
  const json::value* a_prod = EnvelopeOf(plain, "ApplicationName", "app-a", "DeploymentGroupName", "prod");
  ASSERT_NE(a_prod, nullptr);
  EXPECT_EQ(a_prod->at("Properties").at("DeploymentGroupId"), json::value("id-app-a-prod"));
  EXPECT_EQ(KeysOf(a_prod->at("Properties")),  // the model's (alphabetical) order
            (std::vector<std::string>{"ApplicationName", "ComputePlatform", "DeploymentConfigName",
                                      "DeploymentGroupId", "DeploymentGroupName", "DeploymentStyle",
                                      "Ec2TagFilters", "ServiceRoleArn"}));
  EXPECT_EQ(a_prod->at("__ExtraContext"),
            json::parse(R"({"AccountId":"123456789012","Region":"us-east-1"})"));
  const json::value* b_prod = EnvelopeOf(plain, "ApplicationName", "app-b", "DeploymentGroupName", "prod");
  ASSERT_NE(b_prod, nullptr);
  EXPECT_EQ(b_prod->at("Properties").at("DeploymentGroupId"), json::value("id-app-b-prod"));
  const json::value* gone = EnvelopeOf(plain, "DeploymentGroupName", "gone");
  ASSERT_NE(gone, nullptr);
  EXPECT_EQ(gone->at("Properties"),
            json::parse(R"({"ApplicationName":"app-b","DeploymentGroupName":"gone"})"));
  EXPECT_TRUE(tag_arns.empty());

  testenv::ScopeExport tagged = groups.Export({"GetDeploymentGroupTags"});
  EXPECT_EQ(tagged.outcome.enrichment_errors, 0);
  ASSERT_EQ(tag_arns.size(), 4u);
  EXPECT_NE(std::find(tag_arns.begin(), tag_arns.end(),
                      "arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:app-b/gone"),
            tag_arns.end());
  a_prod = EnvelopeOf(tagged, "ApplicationName", "app-a", "DeploymentGroupName", "prod");
  ASSERT_NE(a_prod, nullptr);
  EXPECT_EQ(a_prod->at("Properties").at("Tags"), json::parse(R"([{"Key":"env","Value":"prod"}])"));
  EXPECT_EQ(KeysOf(a_prod->at("Properties")).at(8), "Tags");  // between ServiceRoleArn and TargetRevision
  EXPECT_EQ(EnvelopeOf(tagged, "ApplicationName", "app-b", "DeploymentGroupName", "prod")
                ->at("Properties").at("Tags"), json::array());
}

// AWS answers ec2TagSet / onPremisesTagSet as structures holding a list of tag-filter lists.
// Upstream's model types both as lists and fails the kind on them (docs/COMPATIBILITY.md, U3);
// here they are kept as AWS answered, at the model's place in the property order.
TEST(CodeDeployDeploymentGroupKind, TagSetsKeepAwsStructuresInTheModelsOrder) {
  testing_fakes::LoopbackHttpServer server;
  const char* ec2_set = R"({"ec2TagSetList":[[{"Key":"role","Value":"web","Type":"KEY_AND_VALUE"}],
      [{"Key":"tier","Type":"KEY_ONLY"}]]})";
  const char* onprem_set =
      R"({"onPremisesTagSetList":[[{"Key":"site","Value":"dc1","Type":"KEY_AND_VALUE"}]]})";
  server.SetDefault([&](const RecordedRequest& req) {
    std::string op = CodeDeployOp(req);
    if (op == "ListApplications") return ScriptedResponse::Ok(R"({"applications":["app-a"]})");
    if (op == "ListDeploymentGroups") {
      return ScriptedResponse::Ok(R"({"applicationName":"app-a","deploymentGroups":["fleet"]})");
    }
    if (op == "BatchGetDeploymentGroups") {
      json::object info{{"applicationName", "app-a"}, {"deploymentGroupName", "fleet"},
                        {"deploymentGroupId", "id-fleet"}, {"ec2TagFilters", json::array()},
                        {"ec2TagSet", json::parse(ec2_set)},
                        {"onPremisesInstanceTagFilters", json::array()},
                        {"onPremisesTagSet", json::parse(onprem_set)}};
      return ScriptedResponse::Ok(
          json::serialize(json::object{{"deploymentGroupsInfo", json::array{info}}}));
    }
    return ScriptedResponse::AwsJsonError(400, "InvalidOperationException");
  });
  const KindSpec* kind = FindKind("AWS::CodeDeploy::DeploymentGroup");
  ASSERT_NE(kind, nullptr);
  testenv::ScopeExport ex = testenv::ExportOneScope(*kind, server.Url(""), "us-east-1", {});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  EXPECT_EQ(ex.outcome.enrichment_errors, 0);
  ASSERT_EQ(ex.envelopes.size(), 1u);
  const json::value& p = ex.envelopes[0].at("Properties");
  EXPECT_EQ(p.at("Ec2TagSet"), json::parse(ec2_set));
  EXPECT_EQ(p.at("OnPremisesTagSet"), json::parse(onprem_set));
  EXPECT_EQ(KeysOf(p),
            (std::vector<std::string>{"ApplicationName", "DeploymentGroupId", "DeploymentGroupName",
                                      "Ec2TagFilters", "Ec2TagSet", "OnPremisesInstanceTagFilters",
                                      "OnPremisesTagSet"}));
}

TEST(CodeDeployDeploymentGroupKind, GetByApplicationAndGroup) {
  std::mutex mu;
  std::vector<json::object> batches;
  testenv::ScriptedKind groups("AWS::CodeDeploy::DeploymentGroup", [&](const RecordedRequest& req) {
    return ServeGroups(req, &batches, &mu);
  });
  ASSERT_NE(groups.kind(), nullptr);
  ASSERT_TRUE(groups.kind()->get_one);
  std::map<std::string, std::optional<Resource>> got =
      groups.GetEach({"app-a/prod", "app-b/gone", "no-group"});
  ASSERT_TRUE(got["app-a/prod"].has_value());
  EXPECT_EQ(got["app-a/prod"]->id, "app-a/prod");
  EXPECT_EQ(got["app-a/prod"]->properties,
            json::parse(R"({"ApplicationName":"app-a","DeploymentGroupName":"prod"})").as_object());
  EXPECT_FALSE(got["app-b/gone"].has_value());  // not in deploymentGroupsInfo
  EXPECT_FALSE(got["no-group"].has_value());
  ASSERT_EQ(batches.size(), 2u);
  // One call per application, in flight together (either may reach the server first).
  auto app_a = std::find_if(batches.begin(), batches.end(), [](const json::object& b) {
    return b.at("applicationName") == json::value("app-a");
  });
  ASSERT_NE(app_a, batches.end());
  EXPECT_EQ(app_a->at("deploymentGroupNames"), json::parse(R"(["prod"])"));
}

// Deployments over two pages: d-A (35 targets over two pages), d-NEW (not started), d-B (three
// targets, one a Lambda target; the same instance ids as d-A's). d-A's answer lacks i-07; with
// `fail_b`, d-B's call fails.
struct TargetsFake {
  std::mutex mu;
  std::vector<std::pair<std::string, std::size_t>> batches;  // deployment, ids in the call
  bool fail_b = false;

  ScriptedResponse Serve(const RecordedRequest& req) {
    std::string op = CodeDeployOp(req);
    json::object body = CodeDeployBody(req);
    if (op == "ListDeployments") {
      if (!body.contains("nextToken")) {
        return ScriptedResponse::Ok(R"({"deployments":["d-A","d-NEW"],"nextToken":"page2"})");
      }
      return ScriptedResponse::Ok(R"({"deployments":["d-B"]})");
    }
    if (op == "ListDeploymentTargets") {
      std::string d(body.at("deploymentId").as_string());
      if (d == "d-NEW") return ScriptedResponse::AwsJsonError(400, "DeploymentNotStartedException");
      if (d == "d-B") return ScriptedResponse::Ok(R"({"targetIds":["i-00","i-01","fn:live"]})");
      bool second = body.contains("nextToken");
      json::array ids;
      for (int i = second ? 20 : 0; i < (second ? 35 : 20); ++i) {
        ids.push_back(json::string((i < 10 ? "i-0" : "i-") + std::to_string(i)));
      }
      json::object page{{"targetIds", ids}};
      if (!second) page["nextToken"] = "t2";
      return ScriptedResponse::Ok(json::serialize(page));
    }
    if (op == "BatchGetDeploymentTargets") {
      std::string d(body.at("deploymentId").as_string());
      const json::array& ids = body.at("targetIds").as_array();
      {
        std::lock_guard<std::mutex> lock(mu);
        batches.emplace_back(d, ids.size());
      }
      if (d == "d-B" && fail_b) return ScriptedResponse::AwsJsonError(400, "InvalidDeploymentTargetIdException");
      json::array targets;
      for (auto it = ids.rbegin(); it != ids.rend(); ++it) {
        std::string id(it->as_string());
        if (id == "i-07") continue;
        json::object inner{{"deploymentId", d}, {"targetId", id}, {"status", "Succeeded"},
                           {"lastUpdatedAt", 1.7e9}, {"lifecycleEvents", json::array()}};
        if (id.starts_with("fn:")) {
          targets.push_back(json::object{{"deploymentTargetType", "LambdaTarget"},
                                         {"lambdaTarget", inner}});
        } else {
          inner["targetArn"] = "arn:aws:ec2:us-east-1:123456789012:instance/" + id;
          targets.push_back(json::object{{"deploymentTargetType", "InstanceTarget"},
                                         {"instanceTarget", inner}});
        }
      }
      return ScriptedResponse::Ok(json::serialize(json::object{{"deploymentTargets", targets}}));
    }
    if (op == "GetDeploymentTarget") {
      std::string d(body.at("deploymentId").as_string());
      if (d != "d-A") return ScriptedResponse::AwsJsonError(400, "DeploymentDoesNotExistException");
      return ScriptedResponse::Ok(R"({"deploymentTarget":{"deploymentTargetType":"InstanceTarget"}})");
    }
    return ScriptedResponse::AwsJsonError(400, "InvalidOperationException");
  }
};

TEST(CodeDeployDeploymentTargetKind, BatchesOf25PerDeploymentSkippingNotStarted) {
  TargetsFake fake;
  testenv::ScriptedKind targets("AWS::CodeDeploy::DeploymentTarget",
                                [&](const RecordedRequest& req) { return fake.Serve(req); });
  ASSERT_NE(targets.kind(), nullptr);

  testenv::ScopeExport ex = targets.Export();
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  EXPECT_EQ(ex.outcome.enrichment_errors, 0);
  ASSERT_EQ(ex.envelopes.size(), 38u);  // 35 + 3; d-NEW skipped
  // The calls of one batch are in flight together (issue 13.3), so the server may see d-A's two
  // in either order: compare each deployment's call sizes, largest first.
  std::map<std::string, std::vector<std::size_t>> sizes;
  for (const auto& [d, n] : fake.batches) sizes[d].push_back(n);
  for (auto& [d, v] : sizes) std::sort(v.rbegin(), v.rend());
  EXPECT_EQ(sizes, (std::map<std::string, std::vector<std::size_t>>{{"d-A", {25, 10}}, {"d-B", {3}}}));

  const json::value* first = EnvelopeOf(ex, "DeploymentId", "d-A");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(KeysOf(first->at("Properties")),
            (std::vector<std::string>{"DeploymentId", "DeploymentTargetType", "InstanceTarget"}));
  EXPECT_EQ(first->at("__ExtraContext"),
            json::parse(R"({"AccountId":"123456789012","Region":"us-east-1"})"));
  // The same instance in two deployments: two resources, each with its own deployment's data.
  int i00 = 0;
  for (const json::value& e : ex.envelopes) {
    const json::object& p = e.at("Properties").as_object();
    const json::value* t = p.if_contains("InstanceTarget");
    if (!t || t->at("targetId").as_string() != "i-00") continue;
    ++i00;
    EXPECT_EQ(t->at("deploymentId"), p.at("DeploymentId"));
  }
  EXPECT_EQ(i00, 2);
  // i-07 is missing from d-A's answer: DeploymentId only.
  int bare = 0;
  for (const json::value& e : ex.envelopes) {
    if (e.at("Properties").as_object().size() == 1) {
      ++bare;
      EXPECT_EQ(e.at("Properties").at("DeploymentId"), json::value("d-A"));
    }
  }
  EXPECT_EQ(bare, 1);
  const json::value* lambda = nullptr;
  for (const json::value& e : ex.envelopes) {
    if (e.at("Properties").as_object().contains("LambdaTarget")) lambda = &e;
  }
  ASSERT_NE(lambda, nullptr);
  EXPECT_EQ(lambda->at("Properties").at("DeploymentTargetType"), json::value("LambdaTarget"));
  EXPECT_EQ(lambda->at("Properties").at("LambdaTarget").at("targetId"), json::value("fn:live"));

  // A failing call for d-B costs only d-B's three targets, counted once.
  fake.fail_b = true;
  testenv::ScopeExport failing = targets.Export();
  EXPECT_EQ(failing.envelopes.size(), 38u);
  EXPECT_EQ(failing.outcome.enrichment_errors, 1);
  int described = 0;
  for (const json::value& e : failing.envelopes) {
    if (e.at("Properties").as_object().contains("DeploymentTargetType")) ++described;
  }
  EXPECT_EQ(described, 34);  // d-A's 35 but i-07
}

TEST(CodeDeployDeploymentTargetKind, GetByDeploymentAndTargetId) {
  TargetsFake fake;
  testenv::ScriptedKind targets("AWS::CodeDeploy::DeploymentTarget",
                                [&](const RecordedRequest& req) { return fake.Serve(req); });
  ASSERT_NE(targets.kind(), nullptr);
  ASSERT_TRUE(targets.kind()->get_one);
  std::map<std::string, std::optional<Resource>> got =
      targets.GetEach({"d-A/i-03", "d-X/i-03", "not-an-id"});
  ASSERT_TRUE(got["d-A/i-03"].has_value());
  EXPECT_EQ(got["d-A/i-03"]->id, "d-A/i-03");
  EXPECT_EQ(got["d-A/i-03"]->properties, json::parse(R"({"DeploymentId":"d-A"})").as_object());
  EXPECT_FALSE(got["d-X/i-03"].has_value());  // DeploymentDoesNotExistException: absent
  EXPECT_FALSE(got["not-an-id"].has_value());
}

}  // namespace
}  // namespace catalog
