// ResyncReport helpers: the completeness rule reconciliation relies on, and the JSON form written
// to the run history and printed by `--output json`. Keys are camelCase like Port's API; times
// are ISO-8601 UTC with milliseconds.
#include "ocean/resync/resync_report.h"

#include "core/json.h"
#include "core/timestamp.h"

namespace ocean {

namespace {

std::string Iso(std::chrono::system_clock::time_point t) {
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch());
  return core::FormatIso8601Millis(core::Timestamp{micros.count()});
}

json::value StatusJson(const core::Status& s) {
  if (s.ok()) return nullptr;
  return json::value(s.message());
}

json::array Strings(const std::vector<std::string>& v) {
  json::array out;
  out.reserve(v.size());
  for (const std::string& s : v) out.emplace_back(s);
  return out;
}

json::object ScopeJson(const catalog::ScopeOutcome& s) {
  json::object o;
  o["kind"] = s.kind;
  o["accountId"] = s.account_id;
  o["region"] = s.region;
  o["state"] = std::string(catalog::ScopeStateName(s.state));
  o["error"] = StatusJson(s.error);
  o["resources"] = s.resources;
  o["enrichmentErrors"] = s.enrichment_errors;
  return o;
}

json::object MapErrorJson(const mapping::MapError& e) {
  json::object o;
  o["kind"] = e.kind;
  o["field"] = e.field;
  o["expression"] = e.expression;
  o["item"] = e.item;
  o["message"] = e.message;
  return o;
}

json::object KindJson(const KindReport& k) {
  json::object o;
  o["index"] = k.index;
  o["kind"] = k.kind;
  o["blueprint"] = k.blueprint;
  o["complete"] = k.complete();
  o["raw"] = k.raw;
  o["entities"] = k.entities;
  o["filteredOut"] = k.filtered_out;
  o["dropped"] = k.dropped;
  o["failedItems"] = k.failed_items;
  o["upserted"] = k.upserted;
  o["upsertFailed"] = k.upsert_failed;
  o["enrichmentErrors"] = k.enrichment_errors;
  o["error"] = StatusJson(k.error);
  o["seconds"] = k.seconds;
  json::array scopes;
  scopes.reserve(k.scopes.size());
  for (const auto& s : k.scopes) scopes.emplace_back(ScopeJson(s));
  o["scopes"] = std::move(scopes);
  o["scopesOmitted"] = k.scopes_omitted;  // complete or skipped scopes beyond the first 100
  json::array map_errors;
  map_errors.reserve(k.map_errors.size());
  for (const auto& e : k.map_errors) map_errors.emplace_back(MapErrorJson(e));
  o["mapErrors"] = std::move(map_errors);
  o["upsertErrors"] = Strings(k.upsert_errors);
  o["unknownActions"] = Strings(k.unknown_actions);
  return o;
}

json::object ReconcileJson(const ReconcileReport& r) {
  json::object o;
  o["ran"] = r.ran;
  o["skippedReason"] = r.skipped_reason;
  o["owned"] = r.owned;
  o["stale"] = r.stale;
  o["protectedStale"] = r.protected_stale;
  json::object d;
  d["deleted"] = r.deleted.deleted;
  d["failed"] = r.deleted.failed;
  d["keptAsRelationTargets"] = r.deleted.kept_as_relation_targets;
  d["errors"] = Strings(r.deleted.errors);
  o["deleted"] = std::move(d);
  return o;
}

}  // namespace

void KindReport::AddScope(catalog::ScopeOutcome scope) {
  switch (scope.state) {
    case catalog::ScopeState::kComplete: ++scopes_complete; break;
    case catalog::ScopeState::kSkipped: ++scopes_skipped; break;
    case catalog::ScopeState::kFailed: ++scopes_failed; break;
  }
  if (scope.state != catalog::ScopeState::kFailed &&
      static_cast<long>(scopes.size()) - scopes_failed >= kKeptScopes) {
    ++scopes_omitted;
    return;
  }
  scopes.push_back(std::move(scope));
}

bool KindReport::complete() const {
  if (!error.ok() || failed_items != 0) return false;
  if (dropped != 0 && enrichment_errors != 0) return false;
  if (scopes_failed != 0) return false;
  for (const catalog::ScopeOutcome& s : scopes) {
    if (s.state == catalog::ScopeState::kFailed) return false;
  }
  return true;
}

bool ResyncReport::any_scope_failed() const {
  for (const KindReport& k : kinds) {
    if (!k.complete()) return true;
  }
  return false;
}

json::object ResyncReport::ToJson() const {
  json::object o;
  o["resyncId"] = resync_id;
  o["trigger"] = trigger;
  o["startedAt"] = Iso(started_at);
  o["finishedAt"] = Iso(finished_at);
  o["status"] = std::string(ResyncStatusName(status));
  o["message"] = message;
  o["configurationError"] = configuration_error;
  json::array ks;
  ks.reserve(kinds.size());
  for (const KindReport& k : kinds) ks.emplace_back(KindJson(k));
  o["kinds"] = std::move(ks);
  o["reconcile"] = ReconcileJson(reconcile);
  return o;
}

RunRecord ToRunRecord(const ResyncReport& report) {
  RunRecord run;
  run.resync_id = report.resync_id;
  run.trigger = report.trigger;
  run.finished_at = report.finished_at;
  run.status = report.status;
  run.message = report.message;
  run.owned = report.reconcile.owned;
  run.stale = report.reconcile.stale;
  run.protected_stale = report.reconcile.protected_stale;
  run.deleted = report.reconcile.deleted.deleted;
  run.reconcile_skipped_reason = report.reconcile.skipped_reason;
  for (const KindReport& k : report.kinds) {
    for (const catalog::ScopeOutcome& s : k.scopes) {
      RunScope scope;
      scope.index = k.index;
      scope.kind = s.kind.empty() ? k.kind : s.kind;
      scope.account_id = s.account_id;
      scope.region = s.region;
      scope.state = s.state;
      if (!s.error.ok()) scope.error = s.error.message();
      scope.resources = s.resources;
      scope.enrichment_errors = s.enrichment_errors;
      run.scopes.push_back(std::move(scope));
    }
  }
  run.report_json = core::WriteJson(report.ToJson());
  return run;
}

}  // namespace ocean
