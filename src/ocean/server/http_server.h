// HttpServer: the integration's HTTP surface (Ocean's FastAPI app), on the caller's io_context.
//
//   GET  {prefix}/health/live, {prefix}/health/ready
//        -> 200 {"status":"healthy","check":"live"|"ready","core_version":"<core_version>"}
//        (/health/ready: 503 {"status":"starting",...} until SetReady(true) when
//        options.ready is false — Ocean 0.50's readiness)
//   GET  {prefix}/metrics, {prefix}/metrics/
//        -> 200 text/plain; version=0.0.4: core::metrics::RenderPrometheus()
//   Route(method, path, handler)         -> mounted at {prefix}{path}
//   Route(method, path, handler, false)  -> mounted at {path} (Ocean's POST /resync)
//
// {prefix} is Ocean's route_prefix: NormalizePathPrefix(options.path_prefix).
//
// Every response carries X-Request-ID (a fresh uuid4) and X-Process-Time (seconds). An unknown
// path is 404 {"detail":"Not Found"}; a known path with another method is 405
// {"detail":"Method Not Allowed"} with Allow; a handler that throws is 500 text/plain
// "Internal server error"; a body over options.max_body_bytes is 413; a malformed request is 400.
// Connections are HTTP/1.1 keep-alive; each is served by its own coroutine, so a slow client or a
// long handler (POST /resync awaits a whole resync) never delays other connections. A connection
// idle, or sending its request, for longer than options.read_timeout is closed.
//
// Thread-safety: Route() may be called from any thread at any time. Start() and Stop() are to be
// called from the io_context's thread (or while it is not running). Stop() stops accepting and
// closes every connection; handlers still running finish, but their replies are not sent. The
// server's state outlives the HttpServer object until its last connection coroutine ends.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "ocean/server/http_message.h"

namespace ocean::server {

struct HttpServerOptions {
  std::string address = "0.0.0.0";
  uint16_t port = 8000;                   // APPLICATION__PORT; 0 = an ephemeral port
  std::string path_prefix;                // OCEAN__PATH_PREFIX, normalised by Start()
  std::string core_version = "0.1.0";     // reported by the health routes
  size_t max_body_bytes = 1024 * 1024;    // larger request bodies get 413
  std::chrono::milliseconds read_timeout{30'000};  // idle keep-alive / request read limit
  bool ready = true;  // false: GET /health/ready answers 503 {"status":"starting"} until SetReady
};

struct ServerCore;

class HttpServer {
 public:
  // Binds and listens (SO_REUSEADDR), registers the built-in routes and starts accepting on
  // `io`. Fails with Unavailable naming the address when the socket cannot be bound.
  static core::Result<std::unique_ptr<HttpServer>> Start(boost::asio::io_context& io,
                                                         HttpServerOptions options);
  ~HttpServer();  // Stop()
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  uint16_t port() const;                  // the bound port (the real one when options.port is 0)
  const std::string& path_prefix() const;  // normalised: "" or "/p"

  // Registers (or replaces) a route; `method` is upper-case ("GET", "POST").
  void Route(std::string_view method, std::string_view path, Handler handler,
             bool prefixed = true);

  // Startup finished (or not): GET {prefix}/health/ready answers 200 (or 503).
  void SetReady(bool ready);

  void Stop();

 private:
  explicit HttpServer(std::shared_ptr<ServerCore> core);
  std::shared_ptr<ServerCore> core_;
};

}  // namespace ocean::server
