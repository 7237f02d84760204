// The routes every integration exposes: Ocean's health checks (static, no dependency checks, as
// port_ocean/health.py) and the Prometheus metrics of the process registry.
#include "core/metrics.h"
#include "ocean/server/server_core.h"

namespace ocean::server {
namespace {

Handler Health(std::string check, std::string core_version) {
  json::object body;
  body["status"] = "healthy";
  body["check"] = std::move(check);
  body["core_version"] = std::move(core_version);
  HttpReply reply = HttpReply::Json(200, body);
  return [reply](const HttpRequestView&) -> boost::asio::awaitable<HttpReply> { co_return reply; };
}

boost::asio::awaitable<HttpReply> Metrics(const HttpRequestView&) {
  co_return HttpReply::Text(200, core::metrics::RenderPrometheus(),
                            "text/plain; version=0.0.4; charset=utf-8");
}

}  // namespace

void AddBuiltinRoutes(ServerCore& core) {
  const std::string& prefix = core.options.path_prefix;
  core.router.Add("GET", prefix + "/health/live", Health("live", core.options.core_version));
  // Ocean 0.50: 503 until startup has finished (HttpServer::SetReady).
  Handler ready = Health("ready", core.options.core_version);
  json::object starting;
  starting["status"] = "starting";
  starting["check"] = "ready";
  starting["core_version"] = core.options.core_version;
  HttpReply not_ready = HttpReply::Json(503, starting);
  ServerCore* c = &core;  // outlives every request (connections hold the core)
  core.router.Add("GET", prefix + "/health/ready",
                  [c, ready, not_ready](const HttpRequestView& req) -> boost::asio::awaitable<HttpReply> {
                    if (!c->ready.load()) co_return not_ready;
                    co_return co_await ready(req);
                  });
  core.router.Add("GET", prefix + "/metrics", Metrics);
  core.router.Add("GET", prefix + "/metrics/", Metrics);
}

}  // namespace ocean::server
