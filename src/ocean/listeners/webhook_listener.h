// MountResyncRoute: Ocean's WEBHOOK event listener, POST /resync (unprefixed, as Ocean mounts
// it) and {prefix}/resync too when the server has a path prefix. A request resyncs
// ("webhook") and is answered 200 null when the resync ends; while `stopping()` is true it is
// answered 503 {"detail":"shutting down"} without starting anything.
//
// Thread-safety: the server's event loop. The server, `trigger`'s and `stopping`'s state must
// outlive the routes (the server's lifetime).
#pragma once

#include <functional>

#include "ocean/listeners/trigger.h"
#include "ocean/server/http_server.h"

namespace ocean::listeners {

void MountResyncRoute(server::HttpServer& server, TriggerFn trigger,
                      std::function<bool()> stopping);

}  // namespace ocean::listeners
