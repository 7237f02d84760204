// MappingCache: the port-app-config live events map with, compiled, reused between events for
// `ttl` (Ocean's PortAppConfigCache: live events reuse the cached config between refreshes).
//
// Get() loads with `load` (the same source a resync uses: --config-file, Port or the default)
// when there is none or it is older than `ttl`; a load failure keeps the previous mapping (and
// is an error only when there is none). An empty mapping is nullptr (every event is ignored).
//
// Mapping (MapLive): with a worker pool (mapping/pool/mapping_pool.h, the process's one pool,
// shared with resyncs), every resources[] entry that is not native only is registered on it when
// the mapping is compiled, and its items are mapped in a worker process, exactly as a resync
// maps them: a libjq crash, a runaway expression or a memory blow-up fails that one item (a
// MapError with field "mapping" saying why) instead of taking `sail` down. Native-only entries
// (no libjq on ordinary items: they can neither hang nor crash) and every entry without a pool
// map inline. The pool's timeout budget (max_timeouts_per_mapper) is per compiled mapping: a
// mapping that loops on every item costs at most that many deadlines per `ttl`, then fails fast.
//
// Thread-safety: one event loop. The mappers are used from that loop only; pooled mapping
// resumes on the awaiting coroutine's executor.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "core/result.h"
#include "ocean/config/port_app_config.h"
#include "ocean/mapping/entity_mapper.h"
#include "ocean/mapping/jq_program.h"
#include "ocean/mapping/pool/mapping_pool.h"

namespace ocean::live_events {

struct CompiledMapping {
  PortAppConfig config;
  std::vector<mapping::EntityMapper> mappers;  // one per config.resources entry
  // Per config.resources entry: its registration on the pool, null when it maps inline.
  std::vector<mapping::pool::MapperSpecPtr> pooled;
  mapping::pool::MappingPool* pool = nullptr;
};

// One item (a fetched resource or a delete stub) mapped with resources[index].
struct LiveMapResult {
  core::Status status;  // Aborted: the pool shut down before mapping it (nothing mapped)
  mapping::MapResult mapped;
  long worker_failures = 0;  // worker attempts that crashed, timed out or ran out of memory
  // Items not mapped (their entities are unknown): a failed event.
  long failed_items() const { return mapped.failed + mapped.items_to_parse_skipped; }
  // Whether a worker failure (crash, deadline, memory: MapError field "mapping") is among them.
  bool worker_failed() const;
};

boost::asio::awaitable<LiveMapResult> MapLive(const CompiledMapping& m, std::size_t index,
                                              const json::value& item);

using MappingLoader =
    std::function<boost::asio::awaitable<core::Result<std::optional<PortAppConfig>>>()>;

class MappingCache {
 public:
  // `pool` may be null (OCEAN__PROCESS_IN_QUEUE_MAX_WORKERS=0): everything maps inline.
  MappingCache(MappingLoader load, mapping::JqOptions jq, mapping::pool::MappingPool* pool,
               std::chrono::seconds ttl = std::chrono::seconds(60));

  boost::asio::awaitable<core::Result<std::shared_ptr<const CompiledMapping>>> Get();

 private:
  MappingLoader load_;
  mapping::JqOptions jq_;
  mapping::pool::MappingPool* pool_;
  std::chrono::seconds ttl_;
  std::shared_ptr<const CompiledMapping> current_;
  std::chrono::steady_clock::time_point loaded_at_{};
  bool loaded_ = false;
};

}  // namespace ocean::live_events
