// HttpServer under concurrency: a long-running handler, a slow client and idle connections never
// delay other requests; many simultaneous connections are all served; Stop closes connections.
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <future>

#include "ocean/server/http_server.h"
#include "ocean/server/http_test_support.h"

namespace ocean::server {
namespace {

namespace asio = boost::asio;
using server_test::Client;
using server_test::Fetch;
using server_test::Response;
using Clock = std::chrono::steady_clock;

class HttpServerConcurrency : public server_test::ServerTest {
 protected:
  // POST /resync (unprefixed, as Ocean's) waits on `gate_` until ReleaseGate().
  void AddGatedResync() {
    server_->Route(
        "POST", "/resync",
        [this](const HttpRequestView&) -> asio::awaitable<HttpReply> {
          ++entered_;
          co_await gate_.async_wait(asio::as_tuple(asio::use_awaitable));
          co_return HttpReply::Json(200, nullptr);
        },
        /*prefixed=*/false);
  }
  void ReleaseGate() {
    asio::post(io_, [this] { gate_.cancel(); });
  }
  // A test that fails before ReleaseGate() must not leave handlers waiting (the io thread would
  // never finish).
  void TearDown() override {
    ReleaseGate();
    ServerTest::TearDown();
  }
  void WaitEntered(int n) {
    auto deadline = Clock::now() + std::chrono::seconds(10);
    while (entered_ < n && Clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_GE(entered_.load(), n);
  }

  asio::steady_timer gate_{io_, Clock::time_point::max()};
  std::atomic<int> entered_{0};
};

TEST_F(HttpServerConcurrency, ALongHandlerDoesNotBlockHealthChecks) {
  HttpServerOptions options;
  options.path_prefix = "/p";
  StartServer(options);
  AddGatedResync();
  auto resync = std::async(std::launch::async, [this] { return Fetch(port(), "POST", "/resync"); });
  WaitEntered(1);
  auto start = Clock::now();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Fetch(port(), "GET", "/p/health/live").status, 200);
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(3));
  EXPECT_EQ(resync.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout)
      << "the resync answered before it was released";
  ReleaseGate();
  Response r = resync.get();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "null");
}

TEST_F(HttpServerConcurrency, ASlowClientDoesNotBlockOthers) {
  StartServer();
  Client slow(port());
  slow.SendRaw("GET /health/live HTTP/1.1\r\nHo");  // and then nothing for a while
  auto start = Clock::now();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Fetch(port(), "GET", "/health/ready").status, 200);
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(3));
  slow.SendRaw("st: x\r\n\r\n");  // the slow request completes and is served
  Response r = slow.Read();
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("\"check\":\"live\""), std::string::npos);
}

TEST_F(HttpServerConcurrency, IdleAndStalledConnectionsAreClosedAfterTheReadTimeout) {
  HttpServerOptions options;
  options.read_timeout = std::chrono::milliseconds(300);
  StartServer(options);
  Client idle(port());
  Client stalled(port());
  stalled.SendRaw("GET /health/live HTTP/1.1\r\n");
  auto start = Clock::now();
  EXPECT_TRUE(idle.ReadsEof());
  EXPECT_TRUE(stalled.ReadsEof());
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(Fetch(port(), "GET", "/health/live").status, 200);
}

TEST_F(HttpServerConcurrency, ManySimultaneousConnectionsAreAllServed) {
  StartServer();
  AddGatedResync();
  // 40 connections held open at once, each with a request in flight, plus health traffic.
  constexpr int kHeld = 40;
  std::vector<std::future<Response>> held;
  for (int i = 0; i < kHeld; ++i) {
    held.push_back(std::async(std::launch::async, [this] {
      return Fetch(port(), "POST", "/resync");
    }));
  }
  WaitEntered(kHeld);
  std::vector<std::thread> pollers;
  std::atomic<int> ok{0};
  for (int t = 0; t < 4; ++t) {
    pollers.emplace_back([&] {
      Client c(port());
      for (int i = 0; i < 25; ++i) ok += c.Send("GET", "/health/live").status == 200;
    });
  }
  for (auto& p : pollers) p.join();
  EXPECT_EQ(ok.load(), 100);
  ReleaseGate();
  for (auto& f : held) EXPECT_EQ(f.get().status, 200);
}

TEST_F(HttpServerConcurrency, StopClosesOpenConnectionsAndStopsAccepting) {
  StartServer();
  const uint16_t p = port();
  Client c(p);
  EXPECT_EQ(c.Send("GET", "/health/live").status, 200);
  std::promise<void> stopped;
  asio::post(io_, [&] {
    server_->Stop();
    stopped.set_value();
  });
  stopped.get_future().wait();
  EXPECT_TRUE(c.ReadsEof());
  EXPECT_THROW(Client{p}, boost::system::system_error);
}

}  // namespace
}  // namespace ocean::server
