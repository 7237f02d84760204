#include "fakes/loopback_http_server.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <thread>

namespace testing_fakes {
namespace asio = boost::asio;
namespace http = boost::beast::http;
using asio::ip::tcp;

namespace {

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

std::string PathOf(std::string_view target) {
  if (size_t scheme = target.find("://"); scheme != std::string_view::npos) {
    size_t slash = target.find('/', scheme + 3);
    target = slash == std::string_view::npos ? "/" : target.substr(slash);
  }
  return std::string(target.substr(0, target.find('?')));
}

std::string Head(const ScriptedResponse& r, size_t content_length) {
  std::string out = "HTTP/1.1 " + std::to_string(r.status) + " Scripted\r\n";
  bool has_length = false;
  net::FindHeader(r.headers, "Content-Length", &has_length);
  for (const auto& [name, value] : r.headers) out += name + ": " + value + "\r\n";
  if (!has_length) out += "Content-Length: " + std::to_string(content_length) + "\r\n";
  if (r.close) out += "Connection: close\r\n";
  return out + "\r\n";
}

asio::awaitable<void> Sleep(std::chrono::milliseconds d) {
  if (d.count() <= 0) co_return;
  asio::steady_timer t(co_await asio::this_coro::executor, d);
  co_await t.async_wait(kTuple);
}

}  // namespace

ScriptedResponse ScriptedResponse::Ok(std::string body) {
  ScriptedResponse r;
  r.body = std::move(body);
  return r;
}

ScriptedResponse ScriptedResponse::AwsJsonError(int status, std::string code) {
  ScriptedResponse r;
  r.status = status;
  r.headers = {{"Content-Type", "application/x-amz-json-1.1"}, {"x-amzn-ErrorType", code}};
  r.body = R"({"__type":")" + code + R"(","message":"scripted )" + code + R"("})";
  return r;
}

ScriptedResponse ScriptedResponse::WithFault(Fault fault) {
  ScriptedResponse r;
  r.fault = fault;
  r.body = "0123456789abcdef";
  return r;
}

Handler Always(ScriptedResponse response) {
  return [response](const RecordedRequest&) { return response; };
}

Handler FailFirst(int n, ScriptedResponse failure, ScriptedResponse success) {
  auto count = std::make_shared<std::atomic<int>>(0);
  return [=](const RecordedRequest&) { return count->fetch_add(1) < n ? failure : success; };
}

Handler Sequence(std::vector<ScriptedResponse> responses) {
  auto count = std::make_shared<std::atomic<size_t>>(0);
  return [=](const RecordedRequest&) {
    size_t i = count->fetch_add(1);
    return responses[std::min(i, responses.size() - 1)];
  };
}

class LoopbackHttpServer::Impl {
 public:
  explicit Impl(LoopbackHttpServer& owner)
      : owner_(owner), acceptor_(ioc_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {}

  uint16_t port() const { return acceptor_.local_endpoint().port(); }

  void Start() {
    asio::co_spawn(ioc_, Accept(), asio::detached);
    thread_ = std::thread([this] { ioc_.run(); });
  }

  void Stop() {
    ioc_.stop();
    if (thread_.joinable()) thread_.join();
  }

 private:
  asio::awaitable<void> Accept() {
    for (;;) {
      auto [ec, socket] = co_await acceptor_.async_accept(kTuple);
      if (ec) co_return;
      int id = ++owner_.connections_;
      asio::co_spawn(ioc_, Session(std::move(socket), id), asio::detached);
    }
  }

  asio::awaitable<void> Session(tcp::socket socket, int id) {
    boost::beast::flat_buffer buffer;
    for (;;) {
      http::request_parser<http::string_body> parser;
      parser.body_limit(64 << 20);
      auto [ec, n] = co_await http::async_read(socket, buffer, parser, kTuple);
      if (ec) co_return;
      const auto& msg = parser.get();
      RecordedRequest rec;
      rec.method = std::string(msg.method_string());
      rec.target = std::string(msg.target());
      rec.path = PathOf(rec.target);
      for (const auto& field : msg) {
        rec.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
      }
      rec.body = msg.body();
      rec.connection = id;
      bool keep_alive = msg.keep_alive();
      bool head = msg.method() == http::verb::head;
      Handler handler = owner_.HandlerFor(rec.path);
      ScriptedResponse r = handler ? handler(rec) : ScriptedResponse::Ok();
      owner_.Record(std::move(rec));
      co_await Sleep(r.delay);
      if (!co_await Respond(socket, r, head) || r.close || !keep_alive) co_return;
    }
  }

  // Sends `r` (or its fault); false when the connection must end.
  asio::awaitable<bool> Respond(tcp::socket& socket, const ScriptedResponse& r, bool head) {
    boost::system::error_code ignored;
    switch (r.fault) {
      case Fault::kReset:
        socket.set_option(asio::socket_base::linger(true, 0), ignored);
        socket.close(ignored);
        co_return false;
      case Fault::kClose:
        socket.shutdown(tcp::socket::shutdown_both, ignored);
        socket.close(ignored);
        co_return false;
      case Fault::kMalformed:
        co_await asio::async_write(socket, asio::buffer(std::string_view("HTTX/9 ?? nope\r\n\r\n")),
                                   kTuple);
        socket.close(ignored);
        co_return false;
      case Fault::kTruncatedBody: {
        std::string out = Head(r, r.body.size() + 1) + r.body.substr(0, r.body.size() / 2);
        co_await asio::async_write(socket, asio::buffer(out), kTuple);
        socket.close(ignored);
        co_return false;
      }
      case Fault::kNone:
        break;
    }
    std::string head_bytes = Head(r, r.body.size());
    std::string_view body = head ? std::string_view() : std::string_view(r.body);
    if (r.trickle.count() <= 0) {
      std::string out = head_bytes + std::string(body);
      auto [ec, n] = co_await asio::async_write(socket, asio::buffer(out), kTuple);
      co_return !ec;
    }
    auto [ec, n] = co_await asio::async_write(socket, asio::buffer(head_bytes), kTuple);
    for (size_t pos = 0; !ec && pos < body.size(); pos += r.trickle_chunk) {
      co_await Sleep(r.trickle);
      std::tie(ec, n) = co_await asio::async_write(
          socket, asio::buffer(body.substr(pos, r.trickle_chunk)), kTuple);
    }
    co_return !ec;
  }

  LoopbackHttpServer& owner_;
  asio::io_context ioc_;  // declared before the sockets so it is destroyed after them
  tcp::acceptor acceptor_;
  std::thread thread_;
};

LoopbackHttpServer::LoopbackHttpServer() : impl_(std::make_unique<Impl>(*this)) {
  port_ = impl_->port();
  impl_->Start();
}

LoopbackHttpServer::~LoopbackHttpServer() { impl_->Stop(); }

std::string LoopbackHttpServer::Url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
}

void LoopbackHttpServer::Route(std::string path, Handler handler) {
  std::lock_guard lock(mu_);
  routes_[std::move(path)] = std::move(handler);
}

void LoopbackHttpServer::SetDefault(Handler handler) {
  std::lock_guard lock(mu_);
  default_ = std::move(handler);
}

std::vector<RecordedRequest> LoopbackHttpServer::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

size_t LoopbackHttpServer::request_count() const {
  std::lock_guard lock(mu_);
  return requests_.size();
}

Handler LoopbackHttpServer::HandlerFor(const std::string& path) const {
  std::lock_guard lock(mu_);
  auto it = routes_.find(path);
  return it != routes_.end() ? it->second : default_;
}

void LoopbackHttpServer::Record(RecordedRequest request) {
  std::lock_guard lock(mu_);
  requests_.push_back(std::move(request));
}

}  // namespace testing_fakes
