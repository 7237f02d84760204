#include "catalog/events/event_rules.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace catalog::events {
namespace {

constexpr std::string_view kRuleDetailType = "AWS API Call via CloudTrail";
// Service events (Organizations' CreateAccountResult) come with this detail-type.
constexpr std::string_view kRuleServiceEventType = "AWS Service Event via CloudTrail";

json::array StringArray(const std::vector<std::string>& v) {
  json::array a;
  for (const std::string& s : v) a.emplace_back(s);
  return a;
}

// A CloudFormation logical id from a service name ("sesv2" -> "Sesv2", "cognito-idp" ->
// "CognitoIdp").
std::string LogicalName(std::string_view service) {
  std::string out;
  bool upper = true;
  for (char c : service) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    out.push_back(upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
    upper = false;
  }
  return out;
}

json::object Ref(std::string_view name) { return {{"Ref", name}}; }
json::object GetAtt(std::string_view resource, std::string_view attribute) {
  return {{"Fn::GetAtt", json::array{json::string(resource), json::string(attribute)}}};
}

}  // namespace

json::object EventRule::EventPattern() const {
  json::object detail;
  detail["eventSource"] = json::array{json::string(event_source)};
  detail["eventName"] = StringArray(event_names);
  json::object p;
  p["source"] = json::array{json::string("aws." + service)};
  p["detail-type"] =
      json::array{json::string(kRuleDetailType), json::string(kRuleServiceEventType)};
  p["detail"] = std::move(detail);
  return p;
}

std::string EventRule::Name() const { return "ocean-aws-live-events-" + service; }

std::vector<EventRule> BuildEventRules(const std::vector<const definition::KindDef*>& kinds) {
  std::map<std::string, EventRule> by_source;
  for (const definition::KindDef* k : kinds) {
    for (const definition::EventMappingDef& m : k->events) {
      EventRule& r = by_source[m.source];
      r.event_source = m.source;
      r.service = m.source.substr(0, m.source.find('.'));
      r.event_names.insert(r.event_names.end(), m.names.begin(), m.names.end());
      if (std::find(r.kinds.begin(), r.kinds.end(), k->name) == r.kinds.end()) {
        r.kinds.push_back(k->name);
      }
    }
  }
  std::vector<EventRule> out;
  for (auto& [source, r] : by_source) {
    std::sort(r.event_names.begin(), r.event_names.end());
    r.event_names.erase(std::unique(r.event_names.begin(), r.event_names.end()),
                        r.event_names.end());
    out.push_back(std::move(r));
  }
  return out;
}

core::Result<json::value> CloudFormationTemplate(const std::vector<EventRule>& rules,
                                                 RuleTarget target) {
  if (rules.empty()) {
    return core::Status::InvalidArgument("no kind of the selection has live-event mappings");
  }
  json::object params, resources, outputs;
  json::value target_arn;
  json::array rule_arns;
  if (target == RuleTarget::kWebhook) {
    params["WebhookUrl"] = json::object{
        {"Type", "String"},
        {"Description", "ocean-aws's webhook: https://<host>[<OCEAN__PATH_PREFIX>]/integration/webhook"}};
    params["ApiKey"] = json::object{
        {"Type", "String"},
        {"NoEcho", true},
        {"Description", "OCEAN__INTEGRATION__CONFIG__LIVE_EVENTS_API_KEY"}};
    resources["OceanAwsConnection"] = json::object{
        {"Type", "AWS::Events::Connection"},
        {"Properties",
         json::object{{"AuthorizationType", "API_KEY"},
                      {"AuthParameters",
                       json::object{{"ApiKeyAuthParameters",
                                     json::object{{"ApiKeyName", "x-port-aws-ocean-api-key"},
                                                  {"ApiKeyValue", Ref("ApiKey")}}}}}}}};
    resources["OceanAwsApiDestination"] = json::object{
        {"Type", "AWS::Events::ApiDestination"},
        {"Properties", json::object{{"ConnectionArn", GetAtt("OceanAwsConnection", "Arn")},
                                    {"InvocationEndpoint", Ref("WebhookUrl")},
                                    {"HttpMethod", "POST"},
                                    {"InvocationRateLimitPerSecond", 50}}}};
    json::object assume{
        {"Version", "2012-10-17"},
        {"Statement", json::array{json::object{
                          {"Effect", "Allow"},
                          {"Principal", json::object{{"Service", "events.amazonaws.com"}}},
                          {"Action", "sts:AssumeRole"}}}}};
    json::object invoke{
        {"Version", "2012-10-17"},
        {"Statement", json::array{json::object{
                          {"Effect", "Allow"},
                          {"Action", "events:InvokeApiDestination"},
                          {"Resource", GetAtt("OceanAwsApiDestination", "Arn")}}}}};
    resources["OceanAwsEventsRole"] = json::object{
        {"Type", "AWS::IAM::Role"},
        {"Properties", json::object{{"AssumeRolePolicyDocument", std::move(assume)},
                                    {"Policies", json::array{json::object{
                                                     {"PolicyName", "invoke-ocean-aws-webhook"},
                                                     {"PolicyDocument", std::move(invoke)}}}}}}};
    target_arn = GetAtt("OceanAwsApiDestination", "Arn");
  } else {
    resources["OceanAwsEventsDeadLetterQueue"] = json::object{
        {"Type", "AWS::SQS::Queue"},
        {"Properties", json::object{{"MessageRetentionPeriod", 1209600}}}};
    resources["OceanAwsEventsQueue"] = json::object{
        {"Type", "AWS::SQS::Queue"},
        {"Properties",
         json::object{{"VisibilityTimeout", 120},
                      {"MessageRetentionPeriod", 345600},
                      {"RedrivePolicy",
                       json::object{{"deadLetterTargetArn",
                                     GetAtt("OceanAwsEventsDeadLetterQueue", "Arn")},
                                    {"maxReceiveCount", 5}}}}}};
    target_arn = GetAtt("OceanAwsEventsQueue", "Arn");
    outputs["QueueUrl"] = json::object{
        {"Description", "The queue ocean-aws long-polls for live events"},
        {"Value", Ref("OceanAwsEventsQueue")}};
  }
  for (const EventRule& r : rules) {
    std::string id = "OceanAwsRule" + LogicalName(r.service);
    json::object t{{"Id", "ocean-aws"}, {"Arn", target_arn}};
    if (target == RuleTarget::kWebhook) t["RoleArn"] = GetAtt("OceanAwsEventsRole", "Arn");
    std::string kinds;
    for (const std::string& k : r.kinds) kinds += (kinds.empty() ? "" : ", ") + k;
    resources[id] = json::object{
        {"Type", "AWS::Events::Rule"},
        {"Properties", json::object{{"Description", "ocean-aws live events: " + kinds},
                                    {"State", "ENABLED"},
                                    {"EventPattern", r.EventPattern()},
                                    {"Targets", json::array{std::move(t)}}}}};
    rule_arns.push_back(GetAtt(id, "Arn"));
  }
  if (target == RuleTarget::kSqs) {
    json::object statement{
        {"Effect", "Allow"},
        {"Principal", json::object{{"Service", "events.amazonaws.com"}}},
        {"Action", "sqs:SendMessage"},
        {"Resource", GetAtt("OceanAwsEventsQueue", "Arn")},
        {"Condition", json::object{{"ArnEquals", json::object{{"aws:SourceArn", rule_arns}}}}}};
    resources["OceanAwsEventsQueuePolicy"] = json::object{
        {"Type", "AWS::SQS::QueuePolicy"},
        {"Properties",
         json::object{{"Queues", json::array{Ref("OceanAwsEventsQueue")}},
                      {"PolicyDocument",
                       json::object{{"Version", "2012-10-17"},
                                    {"Statement", json::array{std::move(statement)}}}}}}};
  }
  json::object tpl;
  tpl["AWSTemplateFormatVersion"] = "2010-09-09";
  tpl["Description"] =
      "ocean-aws live events: EventBridge rules forwarding the CloudTrail API calls of the "
      "selected kinds. EventBridge receives them only from an account with a CloudTrail trail "
      "logging management events. Deploy in every region the kinds are exported from (a StackSet "
      "for many accounts); Organizations calls arrive in us-east-1.";
  if (!params.empty()) tpl["Parameters"] = std::move(params);
  tpl["Resources"] = std::move(resources);
  if (!outputs.empty()) tpl["Outputs"] = std::move(outputs);
  return json::value(std::move(tpl));
}

}  // namespace catalog::events
