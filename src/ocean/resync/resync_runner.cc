#include "ocean/resync/resync_runner.h"

#include <boost/asio/this_coro.hpp>
#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>
#include <set>

#include "core/concurrency.h"
#include "core/log.h"
#include "core/metrics.h"
#include "ocean/resync/deletion_plan.h"
#include "ocean/mapping/entity_mapper.h"
#include "ocean/resync/kind_pipeline.h"

namespace ocean {

namespace asio = boost::asio;
using core::Result;
using core::Status;

std::string NewResyncId() {
  thread_local boost::uuids::random_generator gen;
  return boost::uuids::to_string(gen());
}

namespace {

// Decides and performs the deletion of stale entities; fills report.reconcile.
asio::awaitable<void> Reconcile(ResyncEnvironment& env, const PortAppConfig& config,
                                const ResyncStart& start, const SeenKeys& seen,
                                ResyncReport& report) {
  ReconcileReport& rec = report.reconcile;
  if (!env.sink.keeps_state()) {
    rec.skipped_reason = "the " + std::string(env.sink.name()) + " sink keeps no state";
    co_return;
  }
  DeletionInput input;
  input.seen = &seen;
  input.threshold = config.entity_deletion_threshold;
  for (const KindReport& k : report.kinds) {
    if (k.complete()) continue;
    if (k.blueprint.empty()) {
      input.protect_all = true;
    } else {
      input.protected_blueprints.insert(k.blueprint);
    }
  }
  // Streamed: 8 bytes per owned key, not every key as strings (issue 13.4).
  DeletionPlanner planner(input);
  long owned = 0;
  Status listed = co_await env.sink.ForEachOwned(start, [&](const EntityKey& key) {
    ++owned;
    planner.Add(key);
  });
  if (!listed.ok()) {
    rec.skipped_reason = "cannot list the entities this integration owns: " + listed.message();
    rec.state_unknown = true;
    LOG_ERROR("reconciliation skipped: {}", rec.skipped_reason);
    co_return;
  }
  rec.owned = owned;
  DeletionPlan plan = planner.Finish();
  rec.stale = plan.stale;
  rec.protected_stale = plan.protected_stale;
  rec.skipped_reason = plan.reason;
  if (plan.blocked) {
    LOG_WARN("reconciliation: nothing deleted: {}", plan.reason);
    co_return;
  }
  if (!plan.reason.empty()) LOG_WARN("reconciliation: {}", plan.reason);
  rec.ran = true;
  if (plan.to_delete.empty()) co_return;
  const auto began = std::chrono::steady_clock::now();
  rec.deleted = co_await env.sink.Delete(std::move(plan.to_delete), config, start);
  core::metrics::Set("duration_seconds", {{"kind", "__reconciliation__"}, {"phase", "delete"}},
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count());
  core::metrics::Add("object_count",
                     {{"kind", "__reconciliation__"}, {"phase", "delete"},
                      {"object_count_type", "deleted"}},
                     static_cast<double>(rec.deleted.deleted));
  LOG_INFO("reconciliation: deleted {} stale entities ({} failed, {} kept as relation targets)",
           rec.deleted.deleted, rec.deleted.failed, rec.deleted.kept_as_relation_targets);
}

ResyncStatus FinalStatus(const ResyncReport& report, const AbortSignal& abort) {
  if (abort.aborted()) return ResyncStatus::kAborted;
  for (const KindReport& k : report.kinds) {
    // Entities the sink refused are not in the catalog: the resync did not do its job (Ocean
    // only warns; a CLI run must say so in its exit status).
    if (!k.complete() || k.upsert_failed > 0) return ResyncStatus::kFailed;
  }
  if (report.reconcile.deleted.failed > 0 || report.reconcile.state_unknown) {
    return ResyncStatus::kFailed;
  }
  return ResyncStatus::kCompleted;
}

}  // namespace

Result<std::vector<mapping::EntityMapper>> CompileMappings(const PortAppConfig& config,
                                                           const mapping::JqOptions& jq) {
  std::vector<mapping::EntityMapper> mappers;
  mappers.reserve(config.resources.size());
  for (const ResourceConfig& resource : config.resources) {
    Result<mapping::EntityMapper> mapper = mapping::EntityMapper::Compile(resource, jq);
    if (!mapper.ok()) return mapper.status();
    mappers.push_back(std::move(*mapper));
  }
  return mappers;
}

asio::awaitable<ResyncReport> RunResync(ResyncEnvironment& env, const PortAppConfig& config,
                                        std::string trigger, AbortSignalPtr abort,
                                        ResyncObserver* observer) {
  if (!abort) abort = std::make_shared<AbortSignal>();
  const auto began = std::chrono::steady_clock::now();
  ResyncReport report;
  report.resync_id = NewResyncId();
  report.trigger = trigger;
  report.started_at = std::chrono::system_clock::now();
  ResyncStart start;
  start.resync_id = report.resync_id;
  start.started_at = report.started_at;
  start.config = &config;
  start.trigger = trigger;
  LOG_INFO("resync {} started ({}; {} resource configs, sink {})", report.resync_id, trigger,
           config.resources.size(), env.sink.name());
  if (observer) observer->OnResyncStarted(report);

  auto end = [&]() -> asio::awaitable<void> {
    report.finished_at = std::chrono::system_clock::now();
    if (abort->aborted() && report.message.empty()) report.message = abort->reason();
    const RunRecord record = ToRunRecord(report);
    Status s = co_await env.sink.EndResync(start, record);
    if (!s.ok()) {
      LOG_ERROR("resync {}: the {} sink could not record the end: {}", report.resync_id,
                env.sink.name(), s.message());
      if (report.status == ResyncStatus::kCompleted) report.status = ResyncStatus::kFailed;
      if (report.message.empty()) report.message = s.message();
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    core::metrics::Set("duration_seconds", {{"kind", "__runtime__"}, {"phase", "resync"}}, seconds);
    core::metrics::Set("success", {{"kind", "__runtime__"}, {"phase", "resync"}},
                       report.status == ResyncStatus::kCompleted ? 1 : 0);
    core::metrics::Add("ocean_aws_resyncs_total",
                       {{"status", std::string(ResyncStatusName(report.status))}});
    LOG_INFO("resync {} {} in {:.1f}s", report.resync_id, ResyncStatusName(report.status), seconds);
    if (observer) observer->OnResyncFinished(report);
  };

  // A mapping that cannot compile is the configuration's fault: refuse the whole resync before
  // any listing or write, instead of failing one kind after the others were written.
  Result<std::vector<mapping::EntityMapper>> mappers = CompileMappings(config, env.jq);
  if (!mappers.ok()) {
    report.status = ResyncStatus::kFailed;
    report.configuration_error = true;
    report.message = "invalid port-app-config: " + mappers.status().message();
    report.reconcile.skipped_reason = "invalid port-app-config";
    report.finished_at = std::chrono::system_clock::now();
    LOG_ERROR("resync {}: {}", report.resync_id, report.message);
    if (observer) observer->OnResyncFinished(report);
    co_return report;
  }

  Status begun = co_await env.sink.BeginResync(start);
  if (!begun.ok()) {
    report.status = ResyncStatus::kFailed;
    report.message = "the " + std::string(env.sink.name()) + " sink could not start: " +
                     begun.message();
    LOG_ERROR("resync {}: {}", report.resync_id, report.message);
    co_await end();
    co_return report;
  }

  Result<std::unique_ptr<catalog::SourceRun>> found = co_await env.source.Discover(env.integration);
  if (!found.ok()) {
    report.status = abort->aborted() ? ResyncStatus::kAborted : ResyncStatus::kFailed;
    report.message = "account discovery failed: " + found.status().message();
    LOG_ERROR("resync {}: {}", report.resync_id, report.message);
    co_await end();
    co_return report;
  }
  catalog::SourceRun& source = **found;
  for (const auto& f : source.inaccessible()) {
    LOG_WARN("account {} ({}) is not accessible; its scopes count as failed: {}", f.account_id,
             f.role_arn, f.status.message());
  }

  SeenKeys seen;
  StageBudget stage_budget(co_await asio::this_coro::executor, env.stage_capacity);
  report.kinds.resize(config.resources.size());
  std::size_t parallel_kinds = config.create_missing_related_entities ? config.resources.size() : 1;
  co_await core::ForEachBounded(
      config.resources.size(), std::max<std::size_t>(parallel_kinds, 1),
      [&](std::size_t i) -> asio::awaitable<void> {
        const ResourceConfig& resource = config.resources[i];
        if (abort->aborted()) {
          report.kinds[i].index = resource.index;
          report.kinds[i].kind = resource.kind;
          report.kinds[i].blueprint = resource.literal_blueprint;
          report.kinds[i].error = Status::Aborted("not started: resync aborted");
          co_return;
        }
        KindPipelineContext ctx{source, env.sink, start, *abort, observer, env.jq, env.only_regions,
                                &seen, env.mapping_pool,
                                &(*mappers)[i]};
        ctx.stage_budget = &stage_budget;
        report.kinds[i] = co_await RunKind(resource, ctx);
      });

  if (abort->aborted()) {
    report.reconcile.skipped_reason = "resync aborted: " + abort->reason();
  } else if (!env.only_regions.empty() && !env.reconcile_narrowed) {
    std::string regions;
    for (const std::string& r : env.only_regions) regions += (regions.empty() ? "" : ", ") + r;
    report.reconcile.skipped_reason =
        "this resync was narrowed to the regions " + regions +
        " (--region): entities of the regions left out would look stale, so nothing is "
        "deleted (--reconcile-narrowed deletes stale entities as if these regions were all)";
    LOG_WARN("reconciliation skipped: {}", report.reconcile.skipped_reason);
  } else {
    co_await Reconcile(env, config, start, seen, report);
  }
  report.status = FinalStatus(report, *abort);
  co_await end();
  co_return report;
}

}  // namespace ocean
