// See webhook_listener.h.
#include "ocean/listeners/webhook_listener.h"

#include "core/log.h"

namespace ocean::listeners {

namespace asio = boost::asio;

void MountResyncRoute(server::HttpServer& server, TriggerFn trigger,
                      std::function<bool()> stopping) {
  server::Handler handler =
      [trigger = std::move(trigger), stopping = std::move(stopping)](
          const server::HttpRequestView& req) -> asio::awaitable<server::HttpReply> {
    if (stopping()) {
      json::object body;
      body["detail"] = "shutting down";
      co_return server::HttpReply::Json(503, body);
    }
    LOG_INFO("resync requested over HTTP (request {})", req.request_id);
    ResyncReport report = co_await trigger("webhook");
    LOG_INFO("resync requested over HTTP (request {}) ended: {}", req.request_id,
             ResyncStatusName(report.status));
    co_return server::HttpReply::Json(200, nullptr);
  };
  server.Route("POST", "/resync", handler, /*prefixed=*/false);
  if (!server.path_prefix().empty()) server.Route("POST", "/resync", handler);
}

}  // namespace ocean::listeners
