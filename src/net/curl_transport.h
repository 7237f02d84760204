// CurlTransport: the production HttpTransport, libcurl's multi interface on an Asio io_context.
//
// One thread, thousands of requests in flight: every Send() adds an easy handle to one shared
// multi handle whose sockets and timer are driven by the io_context (see curl_multi.h). Idle
// connections stay in libcurl's cache and are reused (keep-alive). HTTP/1.1 by default.
//
// Contract (see http_transport.h): any HTTP status is a response. Connection failures, resets,
// TLS and protocol errors give Status::Unavailable; req.timeout elapsing gives DeadlineExceeded;
// a cancelled Send() (Asio per-operation cancellation) gives Aborted. Messages name the method
// and host, never headers, query strings or credentials. Headers are never logged.
//
// Proxies come from TransportOptions::proxy (FromEnvironment() reads HTTP(S)_PROXY/NO_PROXY); TLS
// peer and host verification are always on unless options.verify_tls is false (tests only).
//
// Lifetime: the transport must be destroyed before its io_context, or the io_context may be
// destroyed first: the transport registers with it and shuts down with it. Shutdown (explicit,
// or by destroying the transport or the io_context) removes every easy handle and destroys the
// waiting coroutines without resuming them (as Asio does with pending operations); later Send()
// calls complete with Aborted.
//
// Thread-safety: call Send(), counters() and Shutdown() only from the io_context's thread.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <memory>

#include "net/http_transport.h"
#include "net/transport_options.h"

namespace net {

struct TransportCounters {
  uint64_t requests_started = 0;    // Send() calls accepted
  uint64_t responses = 0;           // completed with an HTTP response (any status)
  uint64_t failures = 0;            // completed with a non-OK Status
  uint64_t connections_opened = 0;  // sum of CURLINFO_NUM_CONNECTS (new connections)
  uint64_t sockets_opened = 0;      // sockets created for libcurl (includes failed connects)
  uint64_t in_flight = 0;
  uint64_t timer_sets = 0;          // times libcurl's timer was (re)armed on the event loop
};

class CurlTransport final : public HttpTransport {
 public:
  CurlTransport(boost::asio::io_context& ioc, TransportOptions options);
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  // Implements net::HttpTransport.
  boost::asio::awaitable<core::Result<HttpResponse>> Send(HttpRequest request) override;

  TransportCounters counters() const;
  void Shutdown();

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// `options` defaults to TransportOptions::FromEnvironment().
std::shared_ptr<CurlTransport> MakeCurlTransport(boost::asio::io_context& ioc,
                                                 TransportOptions options);
std::shared_ptr<CurlTransport> MakeCurlTransport(boost::asio::io_context& ioc);

}  // namespace net
