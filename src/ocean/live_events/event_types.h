// Live events: the values that flow from a delivery (webhook, SQS) through the router and the
// queue to the applier.
//
// An EventTarget names one resource a CloudTrail event touched: its kind, its identifier (what
// the kind's single-resource get takes), the account and region it lives in, whether the event
// created/changed it (upsert) or removed it (delete), and when the event happened. One envelope
// may name several targets (RunInstances starts several instances).
//
// Thread-safety: plain values.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/json.h"

namespace ocean::live_events {

enum class EventAction { kUpsert, kDelete };
std::string_view EventActionName(EventAction a);  // "upsert" | "delete"

struct EventTarget {
  std::string kind;     // "AWS::SQS::Queue"
  std::string id;       // identifier for the kind's get (name, URL, ARN, id)
  EventAction action = EventAction::kUpsert;
  std::string account;  // "123456789012"
  std::string region;   // "us-east-1"
  std::chrono::system_clock::time_point event_time;  // detail.eventTime (or the envelope's time)
  // The delete stub for this target ({Type, Properties: identity, __ExtraContext}); mapped with
  // the kind's mappings to find the entity to delete (also for an upsert, which becomes a delete
  // when its fetch finds nothing). Null when the router has none.
  json::value delete_stub;

  // Per-resource key: events with equal keys are applied in order and coalesced.
  std::string Key() const;
};

// The router's decision for one envelope.
struct RouteResult {
  enum class Type { kError, kIgnored, kTargets };
  Type type = Type::kError;
  std::string reason;  // kError: why the payload is not a CloudTrail envelope; kIgnored: reason
                       // label ("error_code", "unmapped", "no_identifier", ...)
  std::vector<EventTarget> targets;

  static RouteResult Error(std::string why);
  static RouteResult Ignored(std::string reason);
};

// Maps an EventBridge "AWS API Call via CloudTrail" envelope to the resources it touched.
// Implementations must be pure and cheap (called on the HTTP handler's thread).
class EventRouter {
 public:
  virtual ~EventRouter() = default;
  virtual RouteResult Route(const json::value& envelope) const = 0;
};

}  // namespace ocean::live_events
