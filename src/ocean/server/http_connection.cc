// ServeConnection: one HTTP/1.1 connection, request after request (keep-alive), each one read
// (header, optional "100 Continue", body within the limit), dispatched through the router and
// answered with X-Request-ID and X-Process-Time.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>
#include <chrono>

#include "core/log.h"
#include "ocean/server/request_view.h"
#include "ocean/server/server_core.h"

namespace ocean::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

std::string NewRequestId() {
  thread_local boost::uuids::random_generator gen;
  return boost::uuids::to_string(gen());
}

HttpReply Detail(int status, std::string_view detail) {
  json::object body;
  body["detail"] = detail;
  return HttpReply::Json(status, body);
}

asio::awaitable<HttpReply> Dispatch(ServerCore& core, const HttpRequestView& view) {
  Router::Match match = core.router.Find(view.method, view.path);
  if (!match.handler) {
    if (match.allow.empty()) co_return Detail(404, "Not Found");
    HttpReply reply = Detail(405, "Method Not Allowed");
    reply.headers.emplace_back("Allow", match.allow);
    co_return reply;
  }
  try {
    co_return co_await (*match.handler)(view);
  } catch (const std::exception& e) {
    LOG_ERROR("http {} {} (request {}) failed: {}", view.method, view.path, view.request_id,
              e.what());
  } catch (...) {
    LOG_ERROR("http {} {} (request {}) failed", view.method, view.path, view.request_id);
  }
  co_return HttpReply::Text(500, "Internal server error");
}

// Sends `reply`; returns the write's error.
asio::awaitable<beast::error_code> Write(ServerCore& core, beast::tcp_stream& stream,
                                         HttpReply reply, unsigned version, bool keep_alive,
                                         const std::string& request_id, Clock::time_point start) {
  http::response<http::string_body> res{static_cast<http::status>(reply.status), version};
  res.set(http::field::content_type, reply.content_type);
  for (const auto& [name, value] : reply.headers) res.set(name, value);
  res.set("X-Request-ID", request_id);
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  res.set("X-Process-Time", fmt::format("{:.6f}", seconds));
  res.keep_alive(keep_alive);
  res.body() = std::move(reply.body);
  res.prepare_payload();
  stream.expires_after(core.options.read_timeout);  // a client that stops reading is dropped
  auto [ec, n] = co_await http::async_write(stream, res, kUseTuple);
  co_return ec;
}

bool IsParseError(const beast::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_target).category() &&
         ec != http::error::end_of_stream && ec != http::error::partial_message;
}

// Removes a connection from the server's table when its coroutine ends.
struct Registration {
  ServerCore* core;
  uint64_t id;
  ~Registration() {
    std::lock_guard lock(core->mu);
    core->connections.erase(id);
  }
};

}  // namespace

asio::awaitable<void> ServeConnection(tcp::socket socket, std::shared_ptr<ServerCore> core) {
  beast::tcp_stream stream(std::move(socket));
  uint64_t id;
  {
    std::lock_guard lock(core->mu);
    if (core->stopped) co_return;
    id = core->next_connection++;
    core->connections[id] = &stream.socket();
  }
  Registration registration{core.get(), id};
  beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(core->options.max_body_bytes);
    stream.expires_after(core->options.read_timeout);
    auto [ec, n] = co_await http::async_read_header(stream, buffer, parser, kUseTuple);
    const Clock::time_point start = Clock::now();
    std::string request_id = NewRequestId();
    if (!ec && !parser.is_done()) {
      if (beast::iequals(parser.get()[http::field::expect], "100-continue")) {
        http::response<http::empty_body> go_on{http::status::continue_, parser.get().version()};
        std::tie(ec, n) = co_await http::async_write(stream, go_on, kUseTuple);
      }
      if (!ec) std::tie(ec, n) = co_await http::async_read(stream, buffer, parser, kUseTuple);
    }
    if (ec == http::error::body_limit || IsParseError(ec)) {
      // The rest of the request cannot be skipped reliably: answer and close.
      HttpReply reply = ec == http::error::body_limit
                            ? Detail(413, "Request body too large")
                            : HttpReply::Text(400, "Bad request: " + ec.message());
      LOG_DEBUG("http request rejected ({}): {}", reply.status, ec.message());
      co_await Write(*core, stream, std::move(reply), 11, false, request_id, start);
      break;
    }
    if (ec) break;  // closed by the client, idle timeout, or Stop()
    stream.expires_never();  // a handler may run as long as it needs (POST /resync)

    const auto& req = parser.get();
    std::string path;
    HttpRequestView view = MakeRequestView(req, path, request_id);
    const bool keep_alive = req.keep_alive();
    HttpReply reply = co_await Dispatch(*core, view);
    LOG_DEBUG("http {} {} -> {} (request {})", view.method, view.path, reply.status, request_id);
    if (core->stopped) break;
    beast::error_code wec = co_await Write(*core, stream, std::move(reply), req.version(),
                                           keep_alive, request_id, start);
    if (wec || !keep_alive || core->stopped) break;
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

}  // namespace ocean::server
