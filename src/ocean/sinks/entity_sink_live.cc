// EntitySink's defaults (entity_sink.h): live-event writes as plain Upsert / Delete; Flush with
// nothing deferred.
#include "ocean/sinks/entity_sink.h"

namespace ocean {

boost::asio::awaitable<core::Status> EntitySink::Flush() { co_return core::Status::Ok(); }

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
