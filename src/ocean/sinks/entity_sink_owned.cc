// EntitySink::ForEachOwned's default: ListOwned, then each key (see entity_sink.h).
#include "ocean/sinks/entity_sink.h"

namespace ocean {

boost::asio::awaitable<core::Status> EntitySink::ForEachOwned(
    const ResyncStart& start, const std::function<void(const EntityKey&)>& visit) {
  core::Result<std::vector<EntityKey>> owned = co_await ListOwned(start);
  if (!owned.ok()) co_return owned.status();
  for (const EntityKey& key : *owned) visit(key);
  co_return core::Status::Ok();
}

}  // namespace ocean
