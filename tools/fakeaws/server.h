// FakeAwsServer: FakeAws over HTTP/1.1 (Boost.Beast) on an io_context run by N threads, with
// keep-alive, configured latency (fixed + jitter, before every AWS answer) and the
// connection-level faults (reset = RST, slow = the body trickled in 20 pieces over
// slow_body_ms, truncated = half the announced body, then close).
//
// Thread-safety: Start()/Stop() from one controlling thread; requests are served on the
// server's own threads.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <memory>
#include <thread>
#include <vector>

#include "core/status.h"
#include "fake_aws.h"

namespace fakeaws {

class FakeAwsServer {
 public:
  explicit FakeAwsServer(FakeAws& fake);
  ~FakeAwsServer();
  FakeAwsServer(const FakeAwsServer&) = delete;
  FakeAwsServer& operator=(const FakeAwsServer&) = delete;

  // Binds config().host:config().port (0 = any free port).
  core::Status Listen();
  int port() const { return port_; }
  std::string endpoint() const;  // "http://127.0.0.1:<port>"

  // Serves on config().threads background threads until Stop().
  void Start();
  // Serves on the calling thread plus threads-1 others until Stop() (from a signal handler
  // via the io_context) returns.
  void Run();
  void Stop();
  boost::asio::io_context& io() { return io_; }

 private:
  FakeAws& fake_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::vector<std::thread> threads_;
  int port_ = 0;
};

}  // namespace fakeaws
