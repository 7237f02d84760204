// See mapping_cache.h.
#include "ocean/live_events/mapping_cache.h"

#include "core/log.h"
#include "ocean/resync/resync_runner.h"

namespace ocean::live_events {

namespace asio = boost::asio;
using core::Result;

MappingCache::MappingCache(MappingLoader load, mapping::JqOptions jq, std::chrono::seconds ttl)
    : load_(std::move(load)), jq_(jq), ttl_(ttl) {}

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
    next = std::move(compiled);
  }
  current_ = std::move(next);
  loaded_at_ = now;
  loaded_ = true;
  co_return current_;
}

}  // namespace ocean::live_events
