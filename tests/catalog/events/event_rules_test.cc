// EventBridge rules from event mappings (catalog/events/event_rules.h): one rule per event
// source with sorted unique names and the kinds it feeds; an empty selection has no template.
#include <gtest/gtest.h>

#include "catalog/definition/kind_parser.h"
#include "catalog/events/event_rules.h"

namespace catalog::events {
namespace {

definition::KindDef RulesKind(const std::string& name, const std::string& events) {
  std::string yaml = "kind: " + name +
                     "\nservice: sqs\nlist: {operation: ListQueues, items: QueueUrls}\n"
                     "get: {operation: GetQueueUrl, params: {QueueName: \"{id}\"}}\n"
                     "deleteStub: {QueueUrl: \"{id}\"}\nevents:\n" + events;
  core::Result<definition::KindDef> def = definition::ParseKindDefinition(yaml, "r.yaml", false);
  EXPECT_TRUE(def.ok()) << def.status().message();
  return def.ok() ? std::move(*def) : definition::KindDef{};
}

TEST(EventRules, OneRulePerSourceWithSortedUniqueNames) {
  definition::KindDef a = RulesKind("AWS::X::A", R"(
  - {source: sqs.amazonaws.com, names: [TagQueue, CreateQueue], action: upsert, identifiers: [a]}
  - {source: cognito-idp.amazonaws.com, names: [CreateUserPool], action: upsert, identifiers: [b]}
)");
  definition::KindDef b = RulesKind("AWS::X::B", R"(
  - {source: sqs.amazonaws.com, names: [CreateQueue, DeleteQueue], action: delete, identifiers: [a]}
)");
  definition::KindDef none;
  none.name = "AWS::X::None";
  std::vector<EventRule> rules = BuildEventRules({&a, &b, &none});
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0].event_source, "cognito-idp.amazonaws.com");
  EXPECT_EQ(rules[0].Name(), "ocean-aws-live-events-cognito-idp");
  EXPECT_EQ(rules[1].event_names, (std::vector<std::string>{"CreateQueue", "DeleteQueue", "TagQueue"}));
  EXPECT_EQ(rules[1].kinds, (std::vector<std::string>{"AWS::X::A", "AWS::X::B"}));
  EXPECT_EQ(json::serialize(rules[1].EventPattern()),
            R"({"source":["aws.sqs"],"detail-type":["AWS API Call via CloudTrail",)"
            R"("AWS Service Event via CloudTrail"],)"
            R"("detail":{"eventSource":["sqs.amazonaws.com"],)"
            R"("eventName":["CreateQueue","DeleteQueue","TagQueue"]}})");
  core::Result<json::value> tpl = CloudFormationTemplate(rules, RuleTarget::kSqs);
  ASSERT_TRUE(tpl.ok());
  EXPECT_TRUE(tpl->at("Resources").as_object().contains("OceanAwsRuleCognitoIdp"));
  EXPECT_FALSE(CloudFormationTemplate({}, RuleTarget::kWebhook).ok());
}

}  // namespace
}  // namespace catalog::events
