// RunRecord: what a sink is told about a finished resync (EntitySink::EndResync): its outcome,
// the reconciliation's figures, every scope's outcome, and the whole report as JSON for a sink
// that keeps a run history. ocean/resync builds it from its report (ToRunRecord in
// resync_report.h), so the sinks know nothing of the resync's own types.
//
// Thread-safety: plain values.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "catalog/scope.h"

namespace ocean {

enum class ResyncStatus { kCompleted, kFailed, kAborted };
std::string_view ResyncStatusName(ResyncStatus status);  // "completed" | "failed" | "aborted"

struct RunScope {
  int index = 0;     // the resource config's index in the port-app-config
  std::string kind;  // the scope's kind
  std::string account_id;
  std::string region;  // "" for account and organization scopes
  catalog::ScopeState state = catalog::ScopeState::kComplete;
  std::optional<std::string> error;  // the scope's error message, when it has one
  long resources = 0;
  long enrichment_errors = 0;
};

struct RunRecord {
  std::string resync_id;  // "" = the one of the ResyncStart
  std::string trigger;    // "" = the one of the ResyncStart
  std::chrono::system_clock::time_point finished_at;
  ResyncStatus status = ResyncStatus::kCompleted;
  std::string message;
  // Reconciliation.
  long owned = 0;
  long stale = 0;
  long protected_stale = 0;
  long deleted = 0;
  std::string reconcile_skipped_reason;
  std::vector<RunScope> scopes;
  std::string report_json;  // the resync's report as JSON ("" = none)
};

}  // namespace ocean
