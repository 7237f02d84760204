// What a user must create in AWS so that the live events of some kinds reach ocean-aws
// (`ocean-aws events`, issue 12 point 7): EventBridge rules matching the CloudTrail API calls
// the kinds' `events:` mappings name, and a CloudFormation template creating them with a target.
//
// One rule per CloudTrail event source (service), so each pattern stays small:
//   {"source": ["aws.sqs"],
//    "detail-type": ["AWS API Call via CloudTrail", "AWS Service Event via CloudTrail"],
//    "detail": {"eventSource": ["sqs.amazonaws.com"], "eventName": [<sorted, unique>]}}
// EventBridge's `source` is "aws." + the eventSource's first label (sqs.amazonaws.com -> aws.sqs).
// CloudTrail delivers an event in the region of the call (Organizations: us-east-1), so the rules
// go in every region the kinds are exported from. EventBridge sees these events only where a
// CloudTrail trail logs management events.
//
// CloudFormation targets:
//   webhook  a Connection (API-key auth: header x-port-aws-ocean-api-key) + ApiDestination
//            (POST <WebhookUrl>, i.e. https://host[/prefix]/integration/webhook) + an IAM role
//            EventBridge assumes to invoke it; parameters WebhookUrl, ApiKey.
//   sqs      an SQS queue (with a dead-letter queue after 5 receives) and its queue policy
//            allowing the rules to send to it; outputs the queue URL for ocean-aws's setting.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "catalog/definition/kind_def.h"
#include "core/json.h"
#include "core/result.h"

namespace catalog::events {

struct EventRule {
  std::string event_source;              // "sqs.amazonaws.com"
  std::string service;                   // "sqs"
  std::vector<std::string> event_names;  // sorted, unique
  std::vector<std::string> kinds;        // the kinds it feeds, in order
  json::object EventPattern() const;
  std::string Name() const;              // "ocean-aws-live-events-sqs"
};

// The rules of these kinds' event mappings, sorted by event source. Kinds without mappings add
// nothing.
std::vector<EventRule> BuildEventRules(const std::vector<const definition::KindDef*>& kinds);

enum class RuleTarget { kWebhook, kSqs };

// A CloudFormation template (JSON) creating `rules` with the target. InvalidArgument when there
// are no rules.
core::Result<json::value> CloudFormationTemplate(const std::vector<EventRule>& rules,
                                                 RuleTarget target);

}  // namespace catalog::events
