// MappingCache: the port-app-config live events map with, compiled, reused between events for
// `ttl` (Ocean's PortAppConfigCache: live events reuse the cached config between refreshes).
//
// Get() loads with `load` (the same source a resync uses: --config-file, Port or the default)
// when there is none or it is older than `ttl`; a load failure keeps the previous mapping (and
// is an error only when there is none). An empty mapping is nullptr (every event is ignored).
//
// Thread-safety: one event loop. The mappers are used from that loop only.
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

namespace ocean::live_events {

struct CompiledMapping {
  PortAppConfig config;
  std::vector<mapping::EntityMapper> mappers;  // one per config.resources entry
};

using MappingLoader =
    std::function<boost::asio::awaitable<core::Result<std::optional<PortAppConfig>>>()>;

class MappingCache {
 public:
  MappingCache(MappingLoader load, mapping::JqOptions jq,
               std::chrono::seconds ttl = std::chrono::seconds(60));

  boost::asio::awaitable<core::Result<std::shared_ptr<const CompiledMapping>>> Get();

 private:
  MappingLoader load_;
  mapping::JqOptions jq_;
  std::chrono::seconds ttl_;
  std::shared_ptr<const CompiledMapping> current_;
  std::chrono::steady_clock::time_point loaded_at_{};
  bool loaded_ = false;
};

}  // namespace ocean::live_events
