// ServerCore: the state an HttpServer shares with its accept loop and connection coroutines
// (internal to ocean/server). Owned by shared_ptr so that coroutines still unwinding after the
// HttpServer is gone never touch freed memory.
//
// Thread-safety: `router` is internally locked; `connections` is guarded by `mu`; `acceptor` is
// used from the io_context's thread only; `stopped` is atomic.
#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

#include "ocean/server/http_server.h"
#include "ocean/server/router.h"

namespace ocean::server {

struct ServerCore {
  ServerCore(boost::asio::io_context& io, HttpServerOptions o)
      : options(std::move(o)), acceptor(io) {}

  HttpServerOptions options;  // path_prefix normalised
  Router router;
  boost::asio::ip::tcp::acceptor acceptor;
  uint16_t bound_port = 0;
  std::atomic<bool> stopped{false};
  std::atomic<bool> ready{true};  // GET /health/ready answers 503 while false

  std::mutex mu;
  uint64_t next_connection = 0;
  std::map<uint64_t, boost::asio::ip::tcp::socket*> connections;  // open ones, for Stop()
};

// Serves one accepted connection until it closes, times out, or the server stops.
boost::asio::awaitable<void> ServeConnection(boost::asio::ip::tcp::socket socket,
                                             std::shared_ptr<ServerCore> core);

// Registers the health and metrics routes under core.options.path_prefix.
void AddBuiltinRoutes(ServerCore& core);

}  // namespace ocean::server
