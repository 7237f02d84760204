// EventApplier: applies one resource's live event to the catalog (live_applier.h is the real
// one; tests use fakes).
//
// kApplied   the sink now reflects the resource (upserted, or deleted when it is gone);
// kDenied    AccessDenied on the fetch: nothing changed, one warning (not retried);
// kRetry     a transient failure (throttling, 5xx, sink unavailable): the queue retries;
// kFailed    a permanent failure (unknown kind, mapping error): counted, not retried.
// `upserted`/`deleted` count entities written, for metrics; `reason` labels a failure in
// ocean_aws_live_events_failed_total{reason} ("mapping_worker", "mapping", "fetch", ...).
//
// Thread-safety: Apply is called on the queue's event loop, possibly concurrently for different
// resources (never for the same resource).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>

#include "ocean/live_events/event_types.h"

namespace ocean::live_events {

struct ApplyResult {
  enum class Type { kApplied, kDenied, kRetry, kFailed };
  Type type = Type::kApplied;
  std::string message;
  std::string reason;  // kRetry / kFailed: a short metric label (empty: "apply")
  long upserted = 0;
  long deleted = 0;
  bool fetched = false;  // the resource was fetched from AWS (upserts)
  // kApplied that did nothing on purpose: the reason label, counted in ignored_total (per
  // event) instead of applied_total ("identity_unknown": a delete whose entity is not known;
  // "kind_not_in_mapping": no resources[] entry maps the event's kind).
  std::string ignored;
};

class EventApplier {
 public:
  virtual ~EventApplier() = default;
  virtual boost::asio::awaitable<ApplyResult> Apply(const EventTarget& target) = 0;
};

}  // namespace ocean::live_events
