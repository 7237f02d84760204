// Issue 9 item 3: response bodies are capped while they are received. A body beyond
// TransportOptions::max_response_bytes is aborted with an error naming the limit and the
// variable that raises it; OCEAN_AWS_MAX_RESPONSE_BYTES sets it.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <cstdlib>
#include <optional>

#include "net/curl_transport.h"
#include "fakes/loopback_http_server.h"

namespace net {
namespace {

namespace asio = boost::asio;
using testing_fakes::LoopbackHttpServer;
using testing_fakes::ScriptedResponse;

core::Result<HttpResponse> SendOnce(asio::io_context& ioc, HttpTransport& t, std::string url) {
  HttpRequest req;
  req.url = std::move(url);
  req.timeout = std::chrono::milliseconds(10'000);
  std::optional<core::Result<HttpResponse>> out;
  asio::co_spawn(
      ioc,
      [&]() -> asio::awaitable<void> { out.emplace(co_await t.Send(std::move(req))); },
      asio::detached);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!out && std::chrono::steady_clock::now() < deadline) {
    if (ioc.stopped()) ioc.restart();
    ioc.run_one_for(std::chrono::milliseconds(100));
  }
  if (!out) return core::Status::Internal("test: Send() did not complete within 20 s");
  return std::move(*out);
}

TEST(ResponseLimit, BodyOverTheLimitIsAbortedNamingTheLimit) {
  asio::io_context ioc;
  LoopbackHttpServer server;
  server.Route("/big", testing_fakes::Always(ScriptedResponse::Ok(std::string(300'000, 'x'))));
  server.Route("/small", testing_fakes::Always(ScriptedResponse::Ok(std::string(1'000, 'y'))));
  TransportOptions options;
  options.max_response_bytes = 100'000;
  auto transport = MakeCurlTransport(ioc, options);
  core::Result<HttpResponse> big = SendOnce(ioc, *transport, server.Url("/big"));
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().code(), core::StatusCode::kRemoteError);  // not retried
  EXPECT_NE(big.status().message().find("100000 bytes"), std::string::npos)
      << big.status().message();
  EXPECT_NE(big.status().message().find("OCEAN_AWS_MAX_RESPONSE_BYTES"), std::string::npos);
  core::Result<HttpResponse> small = SendOnce(ioc, *transport, server.Url("/small"));
  ASSERT_TRUE(small.ok()) << small.status().message();
  EXPECT_EQ(small->body.size(), 1'000u);
}

TEST(ResponseLimit, BodyExactlyAtTheLimitIsAccepted) {
  asio::io_context ioc;
  LoopbackHttpServer server;
  server.Route("/edge", testing_fakes::Always(ScriptedResponse::Ok(std::string(4'096, 'z'))));
  TransportOptions options;
  options.max_response_bytes = 4'096;
  auto transport = MakeCurlTransport(ioc, options);
  core::Result<HttpResponse> r = SendOnce(ioc, *transport, server.Url("/edge"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->body.size(), 4'096u);
}

TEST(ResponseLimit, EnvironmentSetsTheLimitAndBadValuesKeepTheDefault) {
  unsetenv("OCEAN_AWS_MAX_RESPONSE_BYTES");
  EXPECT_EQ(TransportOptions::FromEnvironment().max_response_bytes,
            TransportOptions::kDefaultMaxResponseBytes);
  EXPECT_EQ(TransportOptions::kDefaultMaxResponseBytes, 64u << 20);
  setenv("OCEAN_AWS_MAX_RESPONSE_BYTES", "1048576", 1);
  EXPECT_EQ(TransportOptions::FromEnvironment().max_response_bytes, 1048576u);
  for (const char* bad : {"0", "-5", "12abc", "lots"}) {
    setenv("OCEAN_AWS_MAX_RESPONSE_BYTES", bad, 1);
    EXPECT_EQ(TransportOptions::FromEnvironment().max_response_bytes,
              TransportOptions::kDefaultMaxResponseBytes)
        << bad;
  }
  unsetenv("OCEAN_AWS_MAX_RESPONSE_BYTES");
}

}  // namespace
}  // namespace net
