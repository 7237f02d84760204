// `ocean-aws events`: the port-app-config's kinds (or --all) -> EventBridge rule patterns, or a
// CloudFormation template with a webhook or SQS target; argument and configuration errors exit 2.
#include "app/events_command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "core/json.h"
#include "fakes/temp_dir.h"

namespace app {
namespace {

using testing::HasSubstr;

constexpr const char* kEventsConfig = R"(
resources:
  - kind: AWS::SQS::Queue
    selector: {query: 'true'}
    port: {entity: {mappings: {identifier: .Properties.QueueArn, blueprint: '"q"'}}}
  - kind: AWS::ECS::Cluster
    selector: {query: 'true'}
    port: {entity: {mappings: {identifier: .Properties.ClusterArn, blueprint: '"c"'}}}
  - kind: AWS::SQS::Queue
    selector: {query: 'false'}
    port: {entity: {mappings: {identifier: .Properties.QueueArn, blueprint: '"q"'}}}
  - kind: AWS::Account::Info
    selector: {query: 'true'}
    port: {entity: {mappings: {identifier: .Properties.Id, blueprint: '"a"'}}}
)";

struct EventsRun {
  int code;
  std::string out, err;
};

EventsRun RunEventsWith(const EventsCommandOptions& o) {
  std::ostringstream out, err;
  int code = RunEvents(o, out, err);
  return {code, out.str(), err.str()};
}

TEST(EventsCommand, PrintsOneRulePerEventSourceOfTheConfiguredKinds) {
  testing_fakes::TempDir dir;
  EventsCommandOptions o;
  o.config_file = dir.WriteFile("pac.yml", kEventsConfig);
  EventsRun r = RunEventsWith(o);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("no live events for AWS::Account::Info"));
  json::value doc = json::parse(r.out);
  const json::array& rules = doc.at("rules").as_array();
  ASSERT_EQ(rules.size(), 2u);  // ecs, sqs (sorted by event source), SQS once
  EXPECT_EQ(rules[0].at("name"), "ocean-aws-live-events-ecs");
  EXPECT_EQ(json::serialize(rules[0].at("kinds")), R"(["AWS::ECS::Cluster"])");
  const json::value& p = rules[1].at("eventPattern");
  EXPECT_EQ(json::serialize(p.at("source")), R"(["aws.sqs"])");
  EXPECT_EQ(json::serialize(p.at("detail-type")),
            R"(["AWS API Call via CloudTrail","AWS Service Event via CloudTrail"])");
  EXPECT_EQ(json::serialize(p.at("detail").at("eventSource")), R"(["sqs.amazonaws.com"])");
  EXPECT_EQ(json::serialize(p.at("detail").at("eventName")),
            R"(["AddPermission","CreateQueue","DeleteQueue","RemovePermission",)"
            R"("SetQueueAttributes","TagQueue","UntagQueue"])");
}

TEST(EventsCommand, AllCoversEveryKindWithEvents) {
  EventsCommandOptions o;
  o.all = true;
  EventsRun r = RunEventsWith(o);
  ASSERT_EQ(r.code, 0) << r.err;
  std::string sources;
  json::value doc = json::parse(r.out);
  for (const json::value& rule : doc.at("rules").as_array()) {
    sources += std::string(rule.at("eventPattern").at("source").at(0).as_string()) + " ";
  }
  for (const char* s : {"aws.ec2 ", "aws.s3 ", "aws.lambda ", "aws.kafka ", "aws.organizations ",
                        "aws.codebuild ", "aws.ses "}) {
    EXPECT_THAT(sources, HasSubstr(s));
  }
}

TEST(EventsCommand, CloudFormationWithWebhookTarget) {
  testing_fakes::TempDir dir;
  EventsCommandOptions o;
  o.config_file = dir.WriteFile("pac.yml", kEventsConfig);
  o.format = "cloudformation";
  EventsRun r = RunEventsWith(o);
  ASSERT_EQ(r.code, 0) << r.err;
  json::value tpl = json::parse(r.out);
  const json::object& res = tpl.at("Resources").as_object();
  EXPECT_EQ(res.at("OceanAwsConnection").at("Properties").at("AuthParameters")
                .at("ApiKeyAuthParameters").at("ApiKeyName"), "x-port-aws-ocean-api-key");
  EXPECT_EQ(res.at("OceanAwsApiDestination").at("Properties").at("HttpMethod"), "POST");
  const json::value& rule = res.at("OceanAwsRuleSqs");
  EXPECT_EQ(rule.at("Type"), "AWS::Events::Rule");
  EXPECT_EQ(json::serialize(rule.at("Properties").at("Targets").at(0).at("RoleArn")),
            R"({"Fn::GetAtt":["OceanAwsEventsRole","Arn"]})");
  EXPECT_TRUE(res.contains("OceanAwsRuleEcs"));
  EXPECT_TRUE(tpl.at("Parameters").as_object().contains("WebhookUrl"));
  EXPECT_EQ(tpl.at("Parameters").at("ApiKey").at("NoEcho"), true);
}

TEST(EventsCommand, CloudFormationWithSqsTarget) {
  testing_fakes::TempDir dir;
  EventsCommandOptions o;
  o.config_file = dir.WriteFile("pac.yml", kEventsConfig);
  o.format = "cloudformation";
  o.target = "sqs";
  EventsRun r = RunEventsWith(o);
  ASSERT_EQ(r.code, 0) << r.err;
  json::value tpl = json::parse(r.out);
  const json::object& res = tpl.at("Resources").as_object();
  EXPECT_EQ(res.at("OceanAwsEventsQueue").at("Properties").at("RedrivePolicy")
                .at("maxReceiveCount"), 5);
  const json::value& stmt =
      res.at("OceanAwsEventsQueuePolicy").at("Properties").at("PolicyDocument").at("Statement").at(0);
  EXPECT_EQ(stmt.at("Action"), "sqs:SendMessage");
  EXPECT_EQ(stmt.at("Condition").at("ArnEquals").at("aws:SourceArn").as_array().size(), 2u);
  EXPECT_FALSE(res.contains("OceanAwsConnection"));
  EXPECT_EQ(json::serialize(tpl.at("Outputs").at("QueueUrl").at("Value")),
            R"({"Ref":"OceanAwsEventsQueue"})");
}

TEST(EventsCommand, ErrorsExitTwo) {
  testing_fakes::TempDir dir;
  EventsCommandOptions o;
  o.all = true;
  o.config_file = dir.WriteFile("pac.yml", kEventsConfig);
  EventsRun r = RunEventsWith(o);
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("exclude each other"));
  o.all = false;
  o.config_file = dir.WriteFile("unknown.yml", R"(
resources:
  - kind: Nope::Thing
    selector: {query: 'true'}
    port: {entity: {mappings: {identifier: .x, blueprint: '"b"'}}}
)");
  r = RunEventsWith(o);
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("Nope::Thing"));
  o.config_file = dir.WriteFile("noevents.yml", R"(
resources:
  - kind: AWS::Account::Info
    selector: {query: 'true'}
    port: {entity: {mappings: {identifier: .Properties.Id, blueprint: '"a"'}}}
)");
  r = RunEventsWith(o);
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("none of the selected kinds has live-event mappings"));
}

}  // namespace
}  // namespace app
