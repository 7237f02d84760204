#include "ocean/resync/kind_pipeline.h"

#include <boost/asio/this_coro.hpp>
#include <chrono>
#include <optional>

#include "catalog/kind_resync.h"
#include "catalog/kind_table.h"
#include "core/log.h"
#include "core/metrics.h"
#include "ocean/mapping/entity_mapper.h"
#include "ocean/resync/kind_stages.h"

namespace ocean {

namespace asio = boost::asio;
using core::Status;

std::string KindIdentifier(const ResourceConfig& resource) {
  return resource.kind + "-" + std::to_string(resource.index);
}

asio::awaitable<KindReport> RunKind(const ResourceConfig& resource, KindPipelineContext& ctx) {
  const auto began = std::chrono::steady_clock::now();
  const std::string kind_id = KindIdentifier(resource);
  KindReport report;
  report.index = resource.index;
  report.kind = resource.kind;
  report.blueprint = resource.literal_blueprint;
  if (ctx.observer) ctx.observer->OnKindStarted(report);

  auto finish = [&]() {
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    core::metrics::Set("duration_seconds", {{"kind", kind_id}, {"phase", "resync"}},
                       report.seconds);
    core::metrics::Set("success", {{"kind", kind_id}, {"phase", "resync"}},
                       report.complete() ? 1 : 0);
    if (report.map_errors.size() > kLoggedErrors) {
      LOG_WARN("{}: {} mapping errors in total (first {} logged)", resource.kind,
               report.map_errors.size(), kLoggedErrors);
    }
    if (ctx.observer) ctx.observer->OnKindFinished(report);
  };

  const catalog::KindSpec* kind = catalog::FindKind(resource.kind);
  if (!kind) {  // the config parser rejects unknown kinds; kept as a guard
    report.error = Status::InvalidArgument("unknown kind '" + resource.kind + "'");
    finish();
    co_return report;
  }
  std::optional<mapping::EntityMapper> own_mapper;
  const mapping::EntityMapper* mapper = ctx.mapper;
  if (mapper == nullptr) {
    core::Result<mapping::EntityMapper> compiled = mapping::EntityMapper::Compile(resource, ctx.jq);
    if (!compiled.ok()) {
      LOG_ERROR("{}: mapping does not compile: {}", kind_id, compiled.status().message());
      report.error = compiled.status();
      finish();
      co_return report;
    }
    own_mapper.emplace(std::move(*compiled));
    mapper = &*own_mapper;
  }

  // A mapping that is native only (no libjq on ordinary items: it can neither hang nor crash) is
  // mapped here: shipping each batch to a worker and back cost two serializations and two
  // parses per entity, several times the mapping itself (issue 13.2).
  mapping::pool::MapperSpecPtr pooled = ctx.mapping_pool && !mapper->native_only()
                                            ? ctx.mapping_pool->Register(resource, ctx.jq)
                                            : nullptr;

  catalog::KindResyncOptions options;
  options.include_actions = resource.include_actions;
  options.region_policy = resource.region_policy;
  options.max_concurrent_accounts =
      resource.max_concurrent_accounts == 0 ? 5 : resource.max_concurrent_accounts;
  options.only_regions = ctx.only_regions;
  options.keep_scopes = false;  // the report keeps them (one copy, not two)
  options.on_scope = [&](const catalog::ScopeOutcome& scope) {
    report.AddScope(scope);
    report.enrichment_errors += scope.enrichment_errors;
    if (ctx.observer) ctx.observer->OnKindProgress(report);
  };

  // Accounts discovery could not enter: their part of the kind was not seen.
  for (const catalog::accounts::DiscoveryFailure& f : ctx.source.inaccessible()) {
    catalog::ScopeOutcome scope;
    scope.kind = resource.kind;
    scope.account_id = f.account_id;
    scope.state = catalog::ScopeState::kFailed;
    scope.error = f.status;
    report.AddScope(std::move(scope));
  }

  // list+enrich -> map -> load as overlapping stages with at most ctx.stage_capacity batches
  // in flight (kind_stages.h).
  KindStagesOptions stage_options;
  stage_options.resource = &resource;
  stage_options.mapper = mapper;
  stage_options.pool = ctx.mapping_pool;
  stage_options.pooled = pooled;
  stage_options.sink = &ctx.sink;
  stage_options.abort = &ctx.abort;
  stage_options.observer = ctx.observer;
  stage_options.seen = ctx.seen;
  asio::any_io_executor executor = co_await asio::this_coro::executor;
  std::optional<StageBudget> own_budget;
  if (ctx.stage_budget == nullptr) own_budget.emplace(executor, kDefaultStageCapacity);
  stage_options.budget = ctx.stage_budget ? ctx.stage_budget : &*own_budget;
  KindStages stages(executor, std::move(stage_options), report);
  catalog::EmitFn emit = [&stages](std::vector<json::value> batch) {
    return stages.Push(std::move(batch));
  };
  // Scopes start no enrichment while the stages are full: waiting, they hold raw resources.
  options.room_gate = [&stages]() { return stages.WaitForRoom(); };
  catalog::KindResyncResult result;
  std::function<asio::awaitable<void>()> list = [&]() -> asio::awaitable<void> {
    result = co_await ctx.source.StreamKind(*kind, options, emit);
  };
  co_await stages.Run(std::move(list));
  report.unknown_actions = std::move(result.unknown_actions);
  if (!report.unknown_actions.empty()) {
    std::string names;
    for (const std::string& u : report.unknown_actions) names += (names.empty() ? "" : ", ") + u;
    LOG_WARN("{}: includeActions {} not optional actions of {} (ignored)", kind_id, names,
             resource.kind);
  }
  finish();
  co_return report;
}

}  // namespace ocean
