// Live-event coverage of the built-in kinds (issue 12 point 1): every kind with a single-resource
// get has at least one upsert and one delete mapping, or a documented reason below; and for every
// kind a realistic CloudTrail event (tests/catalog/events/cloudtrail/<kind>.json, shaped as AWS's
// CloudTrail documentation shows that service's entries, inside EventBridge's envelope) routes to
// the expected (kind, id, upsert|delete), with the delete stub the kind's mappings are run on.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "aws/model/service_model.h"
#include "catalog/events/event_router.h"
#include "catalog/kind_table.h"

namespace catalog::events {
namespace {

// Kinds that deliberately lack an upsert or a delete mapping, and why.
const std::map<std::string, std::string, std::less<>>& CoverageExceptions() {
  static const std::map<std::string, std::string, std::less<>> kReasons = {
      {"AWS::Account::Info",
       "the resync's own accounts, no API call creates or changes one: no events"},
      {"AWS::AutoScaling::AutoScalingGroup",
       "no delete: a group being deleted is still described (\"Delete in progress\"), and the "
       "stub could not build AutoScalingGroupARN (a UUID no event names), so "
       "DeleteAutoScalingGroup is an upsert and the resync retires the group"},
      {"AWS::CodeDeploy::Deployment", "no delete: CodeDeploy has no API that deletes a deployment"},
      {"AWS::CodePipeline::Action",
       "part of its pipeline's structure: UpdatePipeline adds, changes and removes actions "
       "without naming them, so no event names an action's id (<pipeline>/<stage>/<action>)"},
      {"AWS::CodePipeline::ActionExecution",
       "no API call creates (the pipeline runs them) or deletes an action execution: no events"},
      {"AWS::CodePipeline::PipelineExecution",
       "no delete: CodePipeline has no API that deletes an execution; the id "
       "(<pipeline>/<executionId>) joins two event fields, which identifiers cannot yet"},
      {"AWS::CodePipeline::Stage",
       "part of its pipeline's structure: UpdatePipeline adds, changes and removes stages "
       "without naming them, so no event names a stage's id (<pipeline>/<stage>)"},
      {"AWS::EC2::Instance",
       "no delete: a terminated instance is still described for about an hour, so "
       "TerminateInstances is an upsert (as a resync exports it); a fetch that finds nothing "
       "becomes a delete"},
      {"AWS::ElasticBeanstalk::Environment",
       "no delete: a terminated environment is still described for about an hour, so "
       "TerminateEnvironment is an upsert (as a resync exports it), and the stub could not "
       "build EnvironmentArn (application and environment names) from the environment id"},
      {"AWS::CodeDeploy::DeploymentGroup",
       "no events: get's id joins two request members (applicationName/deploymentGroupName), "
       "which an identifier path cannot, and the entity identifier is the DeploymentGroupId, "
       "which DeleteDeploymentGroup's event does not carry"},
      {"AWS::CodeDeploy::DeploymentTarget",
       "no events: no API call creates, changes or deletes a target (CodeDeploy makes them "
       "for a deployment, whose calls name no target ids)"},
      {"AWS::KMS::Key",
       "no delete: ScheduleKeyDeletion leaves the key described and listed (PendingDeletion), "
       "so it is an upsert; KMS deletes it after the waiting period as a service event, not an "
       "API call; the next resync drops it"},
  };
  return kReasons;
}

TEST(KindEventsCoverage, EveryKindWithGetHasUpsertAndDeleteOrAReason) {
  int with_get = 0, covered = 0;
  for (const KindSpec* spec : AllKinds()) {
    const definition::KindDef* def = FindKindDefinition(spec->name);
    ASSERT_NE(def, nullptr);
    if (!def->get && def->hook.empty()) continue;
    ++with_get;
    bool upsert = false, del = false;
    for (const definition::EventMappingDef& m : def->events) {
      upsert = upsert || m.action == EventAction::kUpsert;
      del = del || m.action == EventAction::kDelete;
    }
    if (upsert && del) {
      ++covered;
      EXPECT_FALSE(CoverageExceptions().contains(spec->name))
          << spec->name << " is covered now: drop its exception";
      continue;
    }
    EXPECT_TRUE(CoverageExceptions().contains(spec->name))
        << spec->name << " (" << def->file << ") has a get but "
        << (upsert ? "no delete" : "no upsert") << " event mapping and no documented reason";
  }
  EXPECT_GE(with_get, 24);
  EXPECT_GE(covered, 21);
}

// CloudTrail event names that are not operations of the kind's own service model, and why.
const std::set<std::string, std::less<>>& NotAnOperationOfTheKindsService() {
  static const std::set<std::string, std::less<>> kNames = {
      "CreateAccountResult",            // Organizations' service event for CreateAccount
      "PutBucketPublicAccessBlock",     // S3: CloudTrail's name of bucket-level
      "DeleteBucketPublicAccessBlock",  //     Put/DeletePublicAccessBlock
      "VerifyEmailIdentity", "VerifyEmailAddress", "VerifyDomainIdentity",
      "DeleteIdentity",  // SES v1 calls (same eventSource as SESv2, whose model the kinds use)
  };
  return kNames;
}

// Lambda's versioned CloudTrail names without their API-version suffix: CreateFunction20150331,
// UpdateFunctionCode20150331v2 -> CreateFunction, UpdateFunctionCode. Other names as they are.
std::string_view LambdaBaseName(std::string_view name) {
  std::string_view op = name;
  if (op.ends_with("v2")) op.remove_suffix(2);
  auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  if (op.size() > 8 && std::all_of(op.end() - 8, op.end(), digit)) return op.substr(0, op.size() - 8);
  return name;
}

// Catches misspelt event names: each is an operation of the kind's service (Lambda's versioned
// names without their version suffix), or a documented CloudTrail-only name.
TEST(KindEventsCoverage, EventNamesAreOperationsOfTheKindsService) {
  for (const KindSpec* spec : AllKinds()) {
    const definition::KindDef* def = FindKindDefinition(spec->name);
    if (def->events.empty()) continue;
    auto svc = aws::model::GetService(def->service);
    ASSERT_TRUE(svc.ok()) << def->service;
    for (const definition::EventMappingDef& m : def->events) {
      for (const std::string& name : m.names) {
        std::string_view op = LambdaBaseName(name);
        EXPECT_TRUE((*svc)->FindOperation(op) != nullptr ||
                    NotAnOperationOfTheKindsService().contains(name))
            << def->name << ": " << m.source << ":" << name << " is no " << def->service
            << " operation";
      }
    }
  }
}

std::string ReadText(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(KindEventsCoverage, RealisticEventsRouteToTheRightResource) {
  EventRouter router = EventRouter::FromKindTable();
  std::filesystem::path dir =
      std::filesystem::path(OCEAN_AWS_SOURCE_DIR) / "tests/catalog/events/cloudtrail";
  std::set<std::string> kinds_seen;
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    ++files;
    SCOPED_TRACE(entry.path().filename().string());
    json::value doc = json::parse(ReadText(entry.path()));
    const json::array& cases = doc.at("cases").as_array();
    ASSERT_FALSE(cases.empty());
    for (std::size_t i = 0; i < cases.size(); ++i) {
      const json::object& c = cases[i].as_object();
      const json::object& detail = c.at("envelope").at("detail").as_object();
      SCOPED_TRACE("case " + std::to_string(i) + ": " + std::string(detail.at("eventName").as_string()));
      core::Result<RouteResult> r = router.Route(c.at("envelope"));
      ASSERT_TRUE(r.ok()) << r.status().message();
      if (const json::value* ignored = c.if_contains("ignored")) {
        ASSERT_TRUE(r->ignored.has_value()) << "routed to " << r->targets.size() << " targets";
        EXPECT_EQ(IgnoreReasonName(*r->ignored), ignored->as_string()) << r->reason;
        continue;
      }
      ASSERT_FALSE(r->ignored.has_value()) << r->reason;
      const json::array& expect = c.at("expect").as_array();
      ASSERT_EQ(r->targets.size(), expect.size());
      for (std::size_t t = 0; t < expect.size(); ++t) {
        const EventTarget& got = r->targets[t];
        EXPECT_EQ(got.kind, expect[t].at("kind").as_string());
        EXPECT_EQ(got.id, expect[t].at("id").as_string());
        EXPECT_EQ(EventActionName(got.action), expect[t].at("action").as_string());
        EXPECT_EQ(got.account, "123456789012");
        EXPECT_EQ(got.region, detail.at("awsRegion").as_string());
        EXPECT_TRUE(got.event_time.has_value());
        kinds_seen.insert(got.kind);
      }
      if (const json::value* stub = c.if_contains("stub")) {
        core::Result<json::value> built = router.DeleteStub(r->targets[0]);
        ASSERT_TRUE(built.ok()) << built.status().message();
        EXPECT_EQ(json::serialize(*built), json::serialize(*stub));
      }
    }
  }
  EXPECT_GE(files, 23);
  // Every kind with event mappings has at least one realistic event.
  for (const definition::KindDef* def : router.KindsWithEvents()) {
    EXPECT_TRUE(kinds_seen.contains(def->name)) << def->name << " has no CloudTrail example";
  }
}

}  // namespace
}  // namespace catalog::events
