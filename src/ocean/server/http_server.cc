// HttpServer: listening socket, accept loop, route registration and shutdown. Connections are
// served by ServeConnection (http_connection.cc).
#include "ocean/server/http_server.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/log.h"
#include "ocean/server/server_core.h"

namespace ocean::server {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

void LogCoroutineFailure(std::exception_ptr e, const char* what) {
  if (!e) return;
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    LOG_ERROR("http server: {} failed: {}", what, ex.what());
  } catch (...) {
    LOG_ERROR("http server: {} failed", what);
  }
}

asio::awaitable<void> AcceptLoop(std::shared_ptr<ServerCore> core) {
  for (;;) {
    auto [ec, socket] = co_await core->acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
    if (core->stopped || !core->acceptor.is_open()) co_return;
    if (ec) {
      // Out of descriptors or a connection reset before accept: pause briefly, keep serving.
      LOG_WARN("http server: accept failed: {}", ec.message());
      asio::steady_timer pause(core->acceptor.get_executor(), std::chrono::milliseconds(50));
      co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
      continue;
    }
    // Each connection is its own coroutine: a long handler or a slow client on one never
    // delays accepting or serving the others.
    asio::co_spawn(core->acceptor.get_executor(), ServeConnection(std::move(socket), core),
                   [](std::exception_ptr e) { LogCoroutineFailure(e, "connection"); });
  }
}

}  // namespace

core::Result<std::unique_ptr<HttpServer>> HttpServer::Start(asio::io_context& io,
                                                           HttpServerOptions options) {
  options.path_prefix = NormalizePathPrefix(options.path_prefix);
  const std::string where = options.address + ":" + std::to_string(options.port);
  boost::system::error_code ec;
  asio::ip::address address = asio::ip::make_address(options.address, ec);
  if (ec) {
    return core::Status::InvalidArgument("http server: invalid listen address '" +
                                         options.address + "'");
  }
  auto core = std::make_shared<ServerCore>(io, std::move(options));
  tcp::endpoint endpoint(address, core->options.port);
  tcp::acceptor& acceptor = core->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (!ec) core->bound_port = acceptor.local_endpoint(ec).port();
  if (ec) {
    return core::Status::Unavailable("http server: cannot listen on " + where + ": " +
                                     ec.message());
  }
  core->ready.store(core->options.ready);
  AddBuiltinRoutes(*core);
  asio::co_spawn(io, AcceptLoop(core),
                 [](std::exception_ptr e) { LogCoroutineFailure(e, "accept loop"); });
  LOG_INFO("http server listening on {}:{} (path prefix '{}')", core->options.address,
           core->bound_port, core->options.path_prefix);
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(core)));
}

HttpServer::HttpServer(std::shared_ptr<ServerCore> core) : core_(std::move(core)) {}

HttpServer::~HttpServer() { Stop(); }

uint16_t HttpServer::port() const { return core_->bound_port; }

const std::string& HttpServer::path_prefix() const { return core_->options.path_prefix; }

void HttpServer::Route(std::string_view method, std::string_view path, Handler handler,
                       bool prefixed) {
  std::string p = path.starts_with('/') ? std::string(path) : "/" + std::string(path);
  if (prefixed) p = core_->options.path_prefix + p;
  core_->router.Add(method, p, std::move(handler));
}

void HttpServer::SetReady(bool ready) { core_->ready.store(ready); }

void HttpServer::Stop() {
  if (core_->stopped.exchange(true)) return;
  boost::system::error_code ec;
  core_->acceptor.close(ec);
  std::lock_guard lock(core_->mu);
  for (auto& [id, socket] : core_->connections) socket->close(ec);
}

}  // namespace ocean::server
