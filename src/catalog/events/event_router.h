// Live-event routing (issue 12): one EventBridge "AWS API Call via CloudTrail" envelope -> the
// resources of which kinds it creates, changes or deletes, from the `events:` mappings of the
// kind definitions (built-in and user-defined alike; docs/ADDING_KINDS.md "Live events").
//
//   Route(envelope) ->
//     error (InvalidArgument)  not such an envelope; the message says what is missing/wrong
//                              (the webhook answers 400 with it)
//     ignored + reason         detail.errorCode set (the call failed); eventSource:eventName
//                              mapped by no kind; every mapped identifier path absent
//     targets                  one per (kind, id): upsert | delete, account (`account`, else
//                              detail.recipientAccountId), region (`region`, else
//                              detail.awsRegion), event time (`time`, else detail.eventTime)
//
// Events match on "detail.eventSource:detail.eventName" (ECS and EKS both send CreateCluster);
// an envelope without eventSource falls back to eventName when exactly one source maps it. Per
// mapping, the first identifier path that finds a value names the resources (one per value).
// A target's id is what the kind's `get` accepts (FindKind(kind)->get_one). For a delete,
// DeleteStub() builds what the kind's jq mappings are run on to find the entity identifier:
//   {"Type": kind, "Properties": <deleteStub templates>, "__ExtraContext": {AccountId, Region}}
// (__ExtraContext as a resync of the kind writes it: {AccountId} for account-scoped extra
// context such as S3, none for kinds without it).
//
// Thread-safety: a router is immutable after construction; Route/DeleteStub are const and may
// be called from any thread. The KindDefs must outlive it (the kind table's do).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/definition/kind_def.h"
#include "core/json.h"
#include "core/result.h"
#include "core/timestamp.h"

namespace catalog::events {

using definition::EventAction;

std::string_view EventActionName(EventAction a);  // "upsert" | "delete"

struct EventTarget {
  std::string kind;     // "AWS::SQS::Queue"
  std::string id;       // what the kind's get accepts: a queue URL, an instance id, a bucket name
  EventAction action = EventAction::kUpsert;
  std::string account;  // 12-digit account id
  std::string region;   // the region the call was made in
  std::optional<core::Timestamp> event_time;  // absent when the envelope has no parseable time
  std::string event_source;  // "sqs.amazonaws.com"
  std::string event_name;    // "CreateQueue"
  std::string event_id;      // detail.eventID (CloudTrail's id), "" when absent

  // Identifies the resource across events: "kind|account|region|id" (coalescing, ordering).
  std::string ResourceKey() const;
};

enum class IgnoreReason {
  kErrorCode,     // the API call failed (detail.errorCode)
  kUnmapped,      // no kind maps eventSource:eventName
  kNoIdentifier,  // mapped, but no identifier path found a value
};
// Metric label: "error_code" | "unmapped" | "no_identifier".
std::string_view IgnoreReasonName(IgnoreReason r);

struct RouteResult {
  std::vector<EventTarget> targets;    // non-empty exactly when not ignored
  std::optional<IgnoreReason> ignored;
  std::string reason;                  // for a log line, when ignored
};

class EventRouter {
 public:
  // Routes for these kinds (their `events:`), in this order.
  explicit EventRouter(std::vector<const definition::KindDef*> kinds);
  // Every kind of the loaded kind table (catalog/kind_table.h), user-defined ones included.
  static EventRouter FromKindTable();

  core::Result<RouteResult> Route(const json::value& envelope) const;

  // The stub a delete target is mapped with. InvalidArgument when the target's kind is not one
  // of this router's.
  core::Result<json::value> DeleteStub(const EventTarget& target) const;

  // The kinds this router knows that have event mappings, in order.
  std::vector<const definition::KindDef*> KindsWithEvents() const;
  const definition::KindDef* Kind(std::string_view name) const;

 private:
  struct Route_ {
    const definition::KindDef* kind;
    const definition::EventMappingDef* mapping;
  };
  std::vector<const definition::KindDef*> kinds_;
  std::map<std::string, std::vector<Route_>, std::less<>> by_event_;  // "source:name"
  std::map<std::string, std::vector<std::string>, std::less<>> sources_by_name_;
};

// The delete stub of `def` for one target (EventRouter::DeleteStub without the lookup).
json::value BuildDeleteStub(const definition::KindDef& def, const EventTarget& target);

}  // namespace catalog::events
