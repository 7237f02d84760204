#include "ocean/resync/kind_pipeline.h"

#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <optional>

#include "catalog/kind_resync.h"
#include "catalog/kind_table.h"
#include "core/log.h"
#include "core/metrics.h"
#include "ocean/mapping/entity_mapper.h"

namespace ocean {

namespace asio = boost::asio;
using core::Status;

namespace {

constexpr std::size_t kKeptErrors = 100;  // per kind, in the report
constexpr std::size_t kLoggedErrors = 5;  // per kind, in the log

void CountObjects(const std::string& kind_id, std::string_view phase, std::string_view type,
                  long n) {
  if (n == 0) return;
  core::metrics::Add("object_count",
                     {{"kind", kind_id}, {"phase", std::string(phase)},
                      {"object_count_type", std::string(type)}},
                     static_cast<double>(n));
}

void RecordMapErrors(KindReport& report, std::vector<mapping::MapError>& errors) {
  for (mapping::MapError& e : errors) {
    if (report.map_errors.size() < kLoggedErrors) {
      LOG_WARN("{}: {} '{}' failed for {}: {}", e.kind, e.field, e.expression, e.item, e.message);
    }
    if (report.map_errors.size() < kKeptErrors) report.map_errors.push_back(std::move(e));
  }
}

}  // namespace

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

  catalog::EmitFn emit = [&](std::vector<json::value> batch) -> asio::awaitable<Status> {
    if (ctx.abort.aborted()) co_return Status::Aborted("resync aborted: " + ctx.abort.reason());
    report.raw += static_cast<long>(batch.size());
    CountObjects(kind_id, "extract", "raw_extracted", static_cast<long>(batch.size()));
    mapping::MapResult mapped;
    if (pooled) {
      mapping::pool::MapJob job;
      job.mapper = pooled;
      job.items = std::move(batch);
      const AbortSignal* abort = &ctx.abort;
      job.cancelled = [abort] { return abort->aborted(); };
      mapping::pool::MapOutcome outcome =
          co_await mapping::pool::AsyncMap(*ctx.mapping_pool, std::move(job), asio::use_awaitable);
      batch = std::move(outcome.items);
      if (outcome.worker_failures > 0) {
        core::metrics::Add("ocean_aws_mapping_worker_failures_total", {{"kind", kind_id}},
                           static_cast<double>(outcome.worker_failures));
      }
      if (!outcome.status.ok()) {
        co_return ctx.abort.aborted() ? Status::Aborted("resync aborted: " + ctx.abort.reason())
                                      : outcome.status;
      }
      mapped = std::move(outcome.result);
    } else {
      mapped = mapper->Map(batch);
    }
    report.filtered_out += mapped.filtered_out;
    report.dropped += mapped.dropped;
    // Items whose entities are unknown (selector, identity or itemsToParse error): the kind is
    // incomplete for deletion.
    report.failed_items += mapped.failed + mapped.items_to_parse_skipped;
    CountObjects(kind_id, "transform", "transformed", static_cast<long>(mapped.entities.size()));
    CountObjects(kind_id, "transform", "filtered_out", mapped.filtered_out);
    CountObjects(kind_id, "transform", "failed", mapped.failed + mapped.items_to_parse_skipped);
    RecordMapErrors(report, mapped.errors);
    if (!mapped.entities.empty()) {
      report.entities += static_cast<long>(mapped.entities.size());
      for (const mapping::MappedEntity& e : mapped.entities) ctx.seen->insert(KeyOf(e.entity));
      UpsertBatch upsert;
      upsert.resource = &resource;
      upsert.entities = std::move(mapped.entities);
      upsert.raw = batch;
      UpsertOutcome outcome = co_await ctx.sink.Upsert(std::move(upsert));
      for (EntityKey& k : outcome.upserted) ctx.seen->insert(std::move(k));
      report.upserted += static_cast<long>(outcome.upserted.size());
      report.upsert_failed += outcome.failed;
      CountObjects(kind_id, "load", "loaded", static_cast<long>(outcome.upserted.size()));
      CountObjects(kind_id, "load", "failed", outcome.failed);
      for (std::string& e : outcome.errors) {
        if (report.upsert_errors.size() < kLoggedErrors) LOG_WARN("{}: {}", kind_id, e);
        if (report.upsert_errors.size() < kKeptErrors) report.upsert_errors.push_back(std::move(e));
      }
    }
    if (ctx.observer) ctx.observer->OnKindProgress(report);
    co_return Status::Ok();
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

  catalog::KindResyncResult result = co_await ctx.source.StreamKind(*kind, options, emit);
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
