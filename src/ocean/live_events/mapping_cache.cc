// See mapping_cache.h.
#include "ocean/live_events/mapping_cache.h"

#include <boost/asio/use_awaitable.hpp>

#include "core/log.h"
#include "core/metrics.h"
#include "ocean/resync/resync_runner.h"

namespace ocean::live_events {

namespace asio = boost::asio;
using core::Result;

bool LiveMapResult::worker_failed() const {
  for (const mapping::MapError& e : mapped.errors) {
    if (e.field == "mapping") return true;
  }
  return false;
}

asio::awaitable<LiveMapResult> MapLive(const CompiledMapping& m, std::size_t index,
                                       const json::value& item) {
  LiveMapResult out;
  const mapping::pool::MapperSpecPtr& spec = m.pooled[index];
  if (spec == nullptr || m.pool == nullptr) {
    out.mapped = m.mappers[index].Map(std::span<const json::value>(&item, 1));
    co_return out;
  }
  mapping::pool::MapJob job;
  job.mapper = spec;
  job.items.push_back(item);
  mapping::pool::MapOutcome outcome =
      co_await mapping::pool::AsyncMap(*m.pool, std::move(job), asio::use_awaitable);
  out.worker_failures = outcome.worker_failures;
  if (outcome.worker_failures > 0) {
    core::metrics::Add("ocean_aws_mapping_worker_failures_total", {{"kind", spec->kind}},
                       static_cast<double>(outcome.worker_failures));
  }
  out.status = std::move(outcome.status);
  out.mapped = std::move(outcome.result);
  co_return out;
}

MappingCache::MappingCache(MappingLoader load, mapping::JqOptions jq,
                           mapping::pool::MappingPool* pool, std::chrono::seconds ttl)
    : load_(std::move(load)), jq_(jq), pool_(pool), ttl_(ttl) {}

asio::awaitable<Result<std::shared_ptr<const CompiledMapping>>> MappingCache::Get() {
  const auto now = std::chrono::steady_clock::now();
  if (loaded_ && now - loaded_at_ <= ttl_) co_return current_;
  Result<std::optional<PortAppConfig>> loaded = co_await load_();
  if (!loaded.ok()) {
    if (loaded_) {
      LOG_WARN("live events: reloading the mapping failed, using the previous one: {}",
               loaded.status().message());
      loaded_at_ = now;
      co_return current_;
    }
    co_return loaded.status();
  }
  std::shared_ptr<const CompiledMapping> next;
  if (*loaded) {
    auto compiled = std::make_shared<CompiledMapping>();
    compiled->config = std::move(**loaded);
    Result<std::vector<mapping::EntityMapper>> mappers = CompileMappings(compiled->config, jq_);
    if (!mappers.ok()) {
      if (loaded_) {
        LOG_WARN("live events: the new mapping does not compile, using the previous one: {}",
                 mappers.status().message());
        loaded_at_ = now;
        co_return current_;
      }
      co_return mappers.status();
    }
    compiled->mappers = std::move(*mappers);
    compiled->pool = pool_;
    for (std::size_t i = 0; i < compiled->mappers.size(); ++i) {
      compiled->pooled.push_back(pool_ != nullptr && !compiled->mappers[i].native_only()
                                     ? pool_->Register(compiled->config.resources[i], jq_)
                                     : nullptr);
    }
    next = std::move(compiled);
  }
  current_ = std::move(next);
  loaded_at_ = now;
  loaded_ = true;
  co_return current_;
}

}  // namespace ocean::live_events
