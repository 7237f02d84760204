// Test support for the HTTP server: a blocking Beast client on loopback (its own io_context, a
// 10 s receive timeout so a broken server fails a test instead of hanging it) and a fixture that
// runs an HttpServer on 127.0.0.1:<ephemeral> in a background io thread.
//
// Thread-safety: one Client per thread; the fixture's server runs on its own thread.
#pragma once

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "ocean/server/http_server.h"

namespace server_test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

struct Response {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  bool keep_alive = false;
};

class Client {
 public:
  explicit Client(uint16_t port) : socket_(io_) {
    socket_.connect({asio::ip::make_address("127.0.0.1"), port});
    timeval tv{10, 0};
    setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  }

  Response Send(const std::string& method, const std::string& target, std::string body = "",
                const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    if (req.method() == http::verb::unknown) req.method_string(method);
    req.set(http::field::host, "127.0.0.1");
    for (const auto& [k, v] : headers) req.set(k, v);
    req.body() = std::move(body);
    req.prepare_payload();
    http::write(socket_, req);
    return Read();
  }

  Response Read() {
    http::response<http::string_body> res;
    http::read(socket_, buffer_, res);
    Response out;
    out.status = res.result_int();
    for (const auto& f : res) {
      std::string name(f.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out.headers[name] = std::string(f.value());
    }
    out.body = std::move(res.body());
    out.keep_alive = res.keep_alive();
    return out;
  }

  void SendRaw(std::string_view bytes) { asio::write(socket_, asio::buffer(bytes)); }

  // True when the server closed the connection (reads EOF or a reset) within the timeout.
  bool ReadsEof() {
    char c;
    boost::system::error_code ec;
    socket_.read_some(asio::buffer(&c, 1), ec);
    return ec == asio::error::eof || ec == asio::error::connection_reset;
  }

 private:
  asio::io_context io_;
  asio::ip::tcp::socket socket_;
  beast::flat_buffer buffer_;
};

inline Response Fetch(uint16_t port, const std::string& method, const std::string& target,
                      std::string body = "") {
  Client c(port);
  return c.Send(method, target, std::move(body));
}

class ServerTest : public ::testing::Test {
 protected:
  void StartServer(ocean::server::HttpServerOptions options = {}) {
    options.address = "127.0.0.1";
    options.port = 0;
    auto started = ocean::server::HttpServer::Start(io_, options);
    ASSERT_TRUE(started.ok()) << started.status().ToString();
    server_ = std::move(*started);
    thread_ = std::thread([this] { io_.run(); });
  }

  void TearDown() override {
    if (server_) asio::post(io_, [this] { server_->Stop(); });
    work_.reset();
    if (thread_.joinable()) thread_.join();
  }

  uint16_t port() const { return server_->port(); }

  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> work_ = asio::make_work_guard(io_);
  std::unique_ptr<ocean::server::HttpServer> server_;
  std::thread thread_;
};

}  // namespace server_test
