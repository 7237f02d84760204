// SqliteSink's live-event writes (sqlite_sink.h).
#include "ocean/sinks/sqlite_sink.h"

namespace ocean {

boost::asio::awaitable<UpsertOutcome> SqliteSink::UpsertLive(UpsertBatch batch) {
  // UpsertSync runs without suspending, so swapping the recorded resync id is not observable by
  // a resync's coroutines on the same loop.
  std::string resync = std::exchange(current_resync_id_, std::string());
  UpsertOutcome out = UpsertSync(batch);
  current_resync_id_ = std::move(resync);
  co_return out;
}

boost::asio::awaitable<DeleteOutcome> SqliteSink::DeleteLive(std::vector<EntityKey> keys,
                                                             const PortAppConfig& /*config*/) {
  co_return DeleteSync(keys, /*live=*/true);
}

}  // namespace ocean
