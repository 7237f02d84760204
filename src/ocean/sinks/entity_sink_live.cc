// EntitySink's default live-event writes (entity_sink.h): plain Upsert / Delete.
#include "ocean/sinks/entity_sink.h"

namespace ocean {

boost::asio::awaitable<UpsertOutcome> EntitySink::UpsertLive(UpsertBatch batch) {
  co_return co_await Upsert(std::move(batch));
}

boost::asio::awaitable<DeleteOutcome> EntitySink::DeleteLive(std::vector<EntityKey> keys,
                                                             const PortAppConfig& config) {
  ResyncStart none;
  none.config = &config;
  none.trigger = "live-event";
  co_return co_await Delete(std::move(keys), config, none);
}

}  // namespace ocean
