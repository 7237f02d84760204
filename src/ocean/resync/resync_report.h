// ResyncReport: what one resync did, per resource config and for reconciliation — the source of
// the summary table, the run history (SQLite), metrics and the exit status.
//
// Thread-safety: plain values.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "catalog/scope.h"
#include "ocean/mapping/entity_mapper.h"
#include "ocean/sinks/entity_sink.h"

namespace ocean {

struct KindReport {
  int index = 0;
  std::string kind;
  std::string blueprint;          // literal blueprint of the mapping, if any
  // Every failed scope, and the first kKeptScopes (100) others; the rest are only counted
  // (scopes_omitted, and in the counts below): at 1,000 accounts x 17 regions a kind has 17,000
  // scopes, 62 kinds a million outcomes held to the end of the resync and then written out
  // (issue 13.4). Deletion safety reads failed scopes, which are all kept.
  std::vector<catalog::ScopeOutcome> scopes;
  static constexpr long kKeptScopes = 100;
  long scopes_omitted = 0;        // complete or skipped scopes not in `scopes`
  long raw = 0;                   // raw resources listed
  long entities = 0;              // mapped entities handed to the sink
  long filtered_out = 0;
  long dropped = 0;               // null identifier/blueprint
  long failed_items = 0;          // selector, identifier/blueprint or itemsToParse errors
  long upserted = 0;
  long upsert_failed = 0;
  long enrichment_errors = 0;
  std::vector<mapping::MapError> map_errors;  // first 100
  std::vector<std::string> upsert_errors;     // first 100
  std::vector<std::string> unknown_actions;
  core::Status error;             // a kind-level error (mapping compile failure, sink failure)
  double seconds = 0;
  long scopes_complete = 0, scopes_skipped = 0, scopes_failed = 0;  // every scope's state
  // Records a scope's outcome (and keeps the counts: observers read them on every event);
  // keeps it in `scopes` when failed or while fewer than kKeptScopes others are kept.
  void AddScope(catalog::ScopeOutcome scope);
  // Every scope complete or skipped, no kind-level error, no failed items, and no entity dropped
  // for a null identifier while enrichment calls failed (its identity may have been lost with
  // the enrichment, so whether it is stale cannot be known): the kind's stale entities may be
  // deleted.
  bool complete() const;
};

struct ReconcileReport {
  bool ran = false;
  std::string skipped_reason;     // why nothing was deleted, when !ran or when blocked
  long owned = 0;                 // entities of this integration in the sink before deletion
  // The sink could not say which entities it holds: nothing was deleted and the resync fails
  // (Ocean fails a resync whose reconciliation cannot read the current state).
  bool state_unknown = false;
  long stale = 0;                 // owned, not seen, not protected
  long protected_stale = 0;       // not seen but belonging to an incomplete kind
  DeleteOutcome deleted;
};

struct ResyncReport {
  std::string resync_id;
  std::string trigger;
  std::chrono::system_clock::time_point started_at;
  std::chrono::system_clock::time_point finished_at;
  ResyncStatus status = ResyncStatus::kCompleted;
  std::string message;            // e.g. "empty mapping", "aborted by a newer resync"
  bool configuration_error = false;  // the port-app-config is invalid: nothing listed (exit 2)
  std::vector<KindReport> kinds;
  ReconcileReport reconcile;
  // Failed when any scope failed or any kind is incomplete, aborted when aborted, else completed.
  bool any_scope_failed() const;
  json::object ToJson() const;    // for run history and `--output json`
};

// What the sink records of this resync (EntitySink::EndResync).
RunRecord ToRunRecord(const ResyncReport& report);

}  // namespace ocean
