#include "server.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <random>

#include "ids.h"

namespace fakeaws {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

std::string_view Sv(boost::beast::string_view s) { return {s.data(), s.size()}; }

std::string_view Reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 301:
      return "Moved Permanently";
    case 400:
      return "Bad Request";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    default:
      return "Unknown";
  }
}

std::string Head(const Reply& r, bool keep_alive) {
  std::string h = "HTTP/1.1 ";
  AppendUint(h, static_cast<uint64_t>(r.status));
  h.append(" ").append(Reason(r.status)).append("\r\nServer: ocean-aws-fakeaws\r\nContent-Type: ");
  h.append(r.content_type).append("\r\nContent-Length: ");
  AppendUint(h, r.body.size());
  h.append("\r\n");
  for (const auto& [k, v] : r.headers) h.append(k).append(": ").append(v).append("\r\n");
  if (!keep_alive) h.append("Connection: close\r\n");
  h.append("\r\n");
  return h;
}

asio::awaitable<void> Sleep(std::chrono::microseconds d) {
  if (d.count() <= 0) co_return;
  asio::steady_timer t(co_await asio::this_coro::executor, d);
  co_await t.async_wait(kTuple);
}

asio::awaitable<void> Session(tcp::socket socket, FakeAws& fake) {
  const FakeConfig& cfg = fake.config();
  boost::beast::flat_buffer buffer;
  std::mt19937_64 rng(Mix(cfg.seed, reinterpret_cast<uintptr_t>(&buffer)));
  std::uniform_real_distribution<double> jitter(0.0, cfg.jitter_ms);
  boost::system::error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(64 << 20);
    auto [ec, n] = co_await http::async_read(socket, buffer, parser, kTuple);
    if (ec) co_return;
    const auto& req = parser.get();
    HttpIn in{Sv(req.method_string()),    Sv(req.target()),
              Sv(req[http::field::host]), Sv(req[http::field::authorization]),
              Sv(req["X-Amz-Target"]),    req.body()};
    bool keep_alive = req.keep_alive();
    Outcome out = fake.Handle(in);
    if (out.aws && (cfg.latency_ms > 0 || cfg.jitter_ms > 0)) {
      double ms = cfg.latency_ms + (cfg.jitter_ms > 0 ? jitter(rng) : 0.0);
      co_await Sleep(std::chrono::microseconds(static_cast<int64_t>(ms * 1000)));
    }
    if (out.fault == FaultType::kReset) {
      socket.set_option(asio::socket_base::linger(true, 0), ignored);
      socket.close(ignored);
      co_return;
    }
    const Reply& r = out.reply;
    std::string head = Head(r, keep_alive);
    std::string_view body = r.head ? std::string_view() : std::string_view(r.body);
    fake.stats().AddBytes(head.size() + body.size());
    if (out.fault == FaultType::kTruncated && !body.empty()) {
      std::array<asio::const_buffer, 2> bufs{asio::buffer(head),
                                             asio::buffer(body.substr(0, body.size() / 2))};
      co_await asio::async_write(socket, bufs, kTuple);
      socket.shutdown(tcp::socket::shutdown_both, ignored);
      socket.close(ignored);
      co_return;
    }
    if (out.fault == FaultType::kSlowBody && !body.empty()) {
      auto [wec, w] = co_await asio::async_write(socket, asio::buffer(head), kTuple);
      constexpr size_t kPieces = 20;
      size_t piece = (body.size() + kPieces - 1) / kPieces;
      auto pause =
          std::chrono::microseconds(static_cast<int64_t>(cfg.slow_body_ms * 1000 / kPieces));
      for (size_t pos = 0; !wec && pos < body.size(); pos += piece) {
        co_await Sleep(pause);
        std::tie(wec, w) =
            co_await asio::async_write(socket, asio::buffer(body.substr(pos, piece)), kTuple);
      }
      if (wec) co_return;
    } else {
      std::array<asio::const_buffer, 2> bufs{asio::buffer(head), asio::buffer(body)};
      auto [wec, w] = co_await asio::async_write(socket, bufs, kTuple);
      if (wec) co_return;
    }
    if (!keep_alive) {
      socket.shutdown(tcp::socket::shutdown_send, ignored);
      co_return;
    }
  }
}

asio::awaitable<void> Accept(tcp::acceptor& acceptor, FakeAws& fake) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(kTuple);
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
      continue;  // e.g. EMFILE: keep serving the connections we have
    }
    asio::co_spawn(acceptor.get_executor(), Session(std::move(socket), fake), asio::detached);
  }
}

}  // namespace

FakeAwsServer::FakeAwsServer(FakeAws& fake)
    : fake_(fake), io_(fake.config().threads), acceptor_(io_) {}

FakeAwsServer::~FakeAwsServer() { Stop(); }

core::Status FakeAwsServer::Listen() {
  boost::system::error_code ec;
  auto addr = asio::ip::make_address(fake_.config().host, ec);
  if (ec) return core::Status::InvalidArgument("bad host '" + fake_.config().host + "'");
  tcp::endpoint ep(addr, static_cast<unsigned short>(fake_.config().port));
  acceptor_.open(ep.protocol(), ec);
  if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor_.bind(ep, ec);
  if (!ec) acceptor_.listen(4096, ec);
  if (ec) {
    return core::Status::Unavailable("cannot listen on " + fake_.config().host + ":" +
                                     std::to_string(fake_.config().port) + ": " + ec.message());
  }
  port_ = acceptor_.local_endpoint().port();
  asio::co_spawn(io_, Accept(acceptor_, fake_), asio::detached);
  return core::Status::Ok();
}

std::string FakeAwsServer::endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }

void FakeAwsServer::Start() {
  for (int i = 0; i < fake_.config().threads; ++i) threads_.emplace_back([this] { io_.run(); });
}

void FakeAwsServer::Run() {
  for (int i = 1; i < fake_.config().threads; ++i) threads_.emplace_back([this] { io_.run(); });
  io_.run();
  Stop();
}

void FakeAwsServer::Stop() {
  io_.stop();
  for (std::thread& t : threads_) {
    if (t.joinable() && t.get_id() != std::this_thread::get_id()) t.join();
  }
  threads_.clear();
}

}  // namespace fakeaws
