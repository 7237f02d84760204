#include "net/curl_transport.h"

#include <gtest/gtest.h>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstdlib>
#include <optional>

#include "fakes/loopback_http_server.h"

namespace net {
namespace {

namespace asio = boost::asio;
using testing_fakes::Fault;
using testing_fakes::LoopbackHttpServer;
using testing_fakes::ScriptedResponse;
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

TransportOptions TestOptions() {
  TransportOptions o;  // no environment: tests must not depend on the machine's proxy settings
  return o;
}

HttpRequest Get(std::string url, milliseconds timeout = milliseconds(10'000)) {
  HttpRequest r;
  r.url = std::move(url);
  r.timeout = timeout;
  return r;
}

// co_spawn needs a default-constructible result; Result<T> is not, so wrap the call.
template <typename Token>
void Spawn(asio::io_context& ioc, asio::awaitable<core::Result<HttpResponse>> aw, Token token) {
  asio::co_spawn(
      ioc,
      [aw = std::move(aw), token = std::move(token)]() mutable -> asio::awaitable<void> {
        token(co_await std::move(aw));
      },
      asio::detached);
}

// Runs one Send() to completion on `ioc`, driving the loop only until it finishes.
core::Result<HttpResponse> SendSync(asio::io_context& ioc, HttpTransport& t, HttpRequest req) {
  std::optional<core::Result<HttpResponse>> out;
  Spawn(ioc, t.Send(std::move(req)), [&](core::Result<HttpResponse> r) { out.emplace(std::move(r)); });
  auto deadline = Clock::now() + std::chrono::seconds(20);
  while (!out && Clock::now() < deadline) {
    if (ioc.stopped()) ioc.restart();  // it stops whenever it runs out of work
    ioc.run_one_for(milliseconds(100));
  }
  if (!out) return core::Status::Internal("test: Send() did not complete within 20 s");
  return std::move(*out);
}

class CurlTransportTest : public ::testing::Test {
 protected:
  asio::io_context ioc_;
  LoopbackHttpServer server_;
  std::shared_ptr<CurlTransport> transport_ = MakeCurlTransport(ioc_, TestOptions());
};

TEST_F(CurlTransportTest, GetRoundTripWithHeadersAndBody) {
  ScriptedResponse ok = ScriptedResponse::Ok("world");
  ok.headers = {{"X-Test", "yes"}, {"x-amzn-RequestId", "rid-1"}};
  server_.Route("/hello", testing_fakes::Always(ok));
  HttpRequest req = Get(server_.Url("/hello?a=1&b=two"));
  req.headers = {{"X-Amz-Date", "20240102T030405Z"}, {"X-Empty", ""}};
  auto r = SendSync(ioc_, *transport_, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "world");
  EXPECT_EQ(FindHeader(r->headers, "x-test"), "yes");
  EXPECT_EQ(FindHeader(r->headers, "X-Amzn-RequestId"), "rid-1");
  auto seen = server_.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "GET");
  EXPECT_EQ(seen[0].target, "/hello?a=1&b=two");
  EXPECT_EQ(FindHeader(seen[0].headers, "x-amz-date"), "20240102T030405Z");
  bool found = false;
  EXPECT_EQ(FindHeader(seen[0].headers, "X-Empty", &found), "");
  EXPECT_TRUE(found);
  EXPECT_EQ(FindHeader(seen[0].headers, "Host"), "127.0.0.1:" + std::to_string(server_.port()));
}

TEST_F(CurlTransportTest, PostSendsBodyWithoutExpectContinue) {
  HttpRequest req = Get(server_.Url("/post"));
  req.method = "POST";
  req.body = std::string(64 * 1024, 'x');  // large enough that curl would send Expect
  req.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  auto r = SendSync(ioc_, *transport_, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto seen = server_.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].body, req.body);
  bool expect = true;
  FindHeader(seen[0].headers, "Expect", &expect);
  EXPECT_FALSE(expect);
  EXPECT_EQ(FindHeader(seen[0].headers, "Content-Type"),
            "application/x-www-form-urlencoded; charset=utf-8");
}

TEST_F(CurlTransportTest, OtherMethodsAndNoDefaultContentType) {
  HttpRequest put = Get(server_.Url("/x"));
  put.method = "PUT";
  put.body = "{}";
  ASSERT_TRUE(SendSync(ioc_, *transport_, put).ok());
  HttpRequest del = Get(server_.Url("/x"));
  del.method = "DELETE";
  ASSERT_TRUE(SendSync(ioc_, *transport_, del).ok());
  server_.Route("/head", testing_fakes::Always(ScriptedResponse::Ok("ignored")));
  HttpRequest head = Get(server_.Url("/head"));
  head.method = "HEAD";
  auto h = SendSync(ioc_, *transport_, head);
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_EQ(h->body, "");
  auto seen = server_.requests();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].method, "PUT");
  EXPECT_EQ(seen[0].body, "{}");
  bool ct = true;
  FindHeader(seen[0].headers, "Content-Type", &ct);
  EXPECT_FALSE(ct) << "libcurl's form Content-Type must not be added";
  EXPECT_EQ(seen[1].method, "DELETE");
  EXPECT_EQ(seen[2].method, "HEAD");
}

// Easy handles are pooled with their shared options kept (no curl_easy_reset between
// requests), so one handle serves every method in turn: nothing of a request (method, body,
// headers, HEAD's no-body) may leak into the next one sent on it.
TEST_F(CurlTransportTest, APooledHandleCarriesNothingIntoTheNextRequest) {
  server_.Route("/head", testing_fakes::Always(ScriptedResponse::Ok("head-body")));
  server_.SetDefault(testing_fakes::Always(ScriptedResponse::Ok("payload")));
  struct Step {
    const char* method;
    const char* body;
    const char* path;
    const char* header;  // sent as X-Step: <header> when not empty
  };
  const Step steps[] = {
      {"POST", "a=1", "/p", "one"}, {"GET", "", "/g", ""},       {"HEAD", "", "/head", "h"},
      {"GET", "", "/g2", ""},       {"PUT", "{}", "/u", ""},     {"DELETE", "", "/d", "del"},
      {"GET", "", "/g3", ""},       {"POST", "", "/p2", ""},     {"GET", "", "/g4", ""},
  };
  for (const Step& st : steps) {
    HttpRequest req = Get(server_.Url(st.path));
    req.method = st.method;
    req.body = st.body;
    if (*st.header != '\0') req.headers = {{"X-Step", st.header}};
    auto r = SendSync(ioc_, *transport_, req);
    ASSERT_TRUE(r.ok()) << st.method << " " << st.path << ": " << r.status().ToString();
    EXPECT_EQ(r->body, std::string(st.method) == "HEAD" ? "" : "payload") << st.path;
  }
  auto seen = server_.requests();
  ASSERT_EQ(seen.size(), std::size(steps));
  for (size_t i = 0; i < seen.size(); ++i) {
    EXPECT_EQ(seen[i].method, steps[i].method) << i;
    EXPECT_EQ(seen[i].path, steps[i].path) << i;
    EXPECT_EQ(seen[i].body, steps[i].body) << i;
    bool has = false;
    std::string_view step = FindHeader(seen[i].headers, "X-Step", &has);
    EXPECT_EQ(has, *steps[i].header != '\0') << i;
    if (has) {
      EXPECT_EQ(step, steps[i].header) << i;
    }
    bool length = false;
    FindHeader(seen[i].headers, "Content-Length", &length);
    if (std::string_view(steps[i].method) == "GET") {
      EXPECT_FALSE(length) << i;
    }
  }
  EXPECT_EQ(server_.connections_accepted(), 1);  // one handle, one connection, reused
}

TEST_F(CurlTransportTest, ServerErrorIsAResponse) {
  server_.Route("/boom", testing_fakes::Always(ScriptedResponse::AwsJsonError(503, "ServiceUnavailable")));
  auto r = SendSync(ioc_, *transport_, Get(server_.Url("/boom")));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 503);
  EXPECT_NE(r->body.find("ServiceUnavailable"), std::string::npos);
}

TEST_F(CurlTransportTest, ManyConcurrentRequestsOnOneThread) {
  ScriptedResponse slow = ScriptedResponse::Ok("ok");
  slow.delay = milliseconds(50);
  server_.SetDefault(testing_fakes::Always(slow));
  constexpr int kRequests = 150;
  int done = 0, ok = 0;
  for (int i = 0; i < kRequests; ++i) {
    Spawn(ioc_, transport_->Send(Get(server_.Url("/n/" + std::to_string(i)))),
          [&](core::Result<HttpResponse> r) {
            ++done;
            if (r.ok() && r->status == 200 && r->body == "ok") ++ok;
          });
  }
  while (done < kRequests) ioc_.run_one();  // fresh context: never out of work before the end
  EXPECT_EQ(ok, kRequests);
  EXPECT_EQ(server_.request_count(), static_cast<size_t>(kRequests));
  EXPECT_GT(server_.connections_accepted(), 1);  // they really were in flight together
  TransportCounters c = transport_->counters();
  EXPECT_EQ(c.responses, static_cast<uint64_t>(kRequests));
  EXPECT_EQ(c.in_flight, 0u);
}

TEST_F(CurlTransportTest, SequentialRequestsReuseOneConnection) {
  for (int i = 0; i < 25; ++i) {
    auto r = SendSync(ioc_, *transport_, Get(server_.Url("/seq")));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  EXPECT_EQ(server_.connections_accepted(), 1);
  EXPECT_EQ(transport_->counters().connections_opened, 1u);
  EXPECT_EQ(transport_->counters().requests_started, 25u);
}

// Waves of concurrent requests, each wave after the previous one ended (what a paced listing
// does): the connections of the first wave serve every later one. libcurl's own cache size (4
// per transfer in flight at that moment) shrank at the end of each wave and closed connections
// the next wave reopened (docs/BENCHMARKS.md "Paced kinds").
TEST_F(CurlTransportTest, PacedWavesKeepTheirConnections) {
  constexpr int kWaves = 10, kWidth = 8;
  for (int i = 0; i < kWidth; ++i) {
    ScriptedResponse r = ScriptedResponse::Ok("ok");
    r.delay = milliseconds(3 * i);  // the wave's transfers end one after another
    server_.Route("/w/" + std::to_string(i), testing_fakes::Always(r));
  }
  int ok = 0;
  for (int wave = 0; wave < kWaves; ++wave) {
    int done = 0;
    for (int i = 0; i < kWidth; ++i) {
      Spawn(ioc_, transport_->Send(Get(server_.Url("/w/" + std::to_string(i)))),
            [&](core::Result<HttpResponse> r) {
              ++done;
              if (r.ok() && r->status == 200) ++ok;
            });
    }
    while (done < kWidth) {
      if (ioc_.stopped()) ioc_.restart();
      ioc_.run_one_for(milliseconds(100));
    }
  }
  EXPECT_EQ(ok, kWaves * kWidth);
  EXPECT_EQ(server_.connections_accepted(), kWidth);
  EXPECT_EQ(transport_->counters().connections_opened, static_cast<uint64_t>(kWidth));
}

// libcurl moves its deadline on nearly every action (each transfer's timeout); the timer is only
// moved earlier, so a stream of requests arms it a few times, not once or more per request.
TEST_F(CurlTransportTest, TimerIsNotReArmedForEveryRequest) {
  ScriptedResponse r = ScriptedResponse::Ok("ok");
  r.delay = milliseconds(2);
  server_.SetDefault(testing_fakes::Always(r));
  constexpr int kRequests = 120;
  int done = 0, ok = 0;
  for (int i = 0; i < kRequests; ++i) {
    Spawn(ioc_, transport_->Send(Get(server_.Url("/t/" + std::to_string(i)))),
          [&](core::Result<HttpResponse> res) {
            ++done;
            if (res.ok() && res->status == 200) ++ok;
          });
    if (i % 8 == 7) {
      while (done <= i - 4) ioc_.run_one();  // at most a few in flight, as a paced listing
    }
  }
  while (done < kRequests) ioc_.run_one();
  EXPECT_EQ(ok, kRequests);
  // Re-arming on every libcurl deadline change was 2-3 arms per request; an arm now happens
  // only when the deadline moves earlier or libcurl had none (no transfer in flight).
  EXPECT_LE(transport_->counters().timer_sets, static_cast<uint64_t>(kRequests / 4));
}

// A shorter deadline than the armed one re-arms the timer: a 200 ms request times out on time
// while a 10 s one is in flight; and the 10 s one, whose deadline is later than the one the
// timer was armed for, still completes.
TEST_F(CurlTransportTest, EarlierDeadlineReArmsAndLaterOneIsKept) {
  ScriptedResponse slow = ScriptedResponse::Ok("slow");
  slow.delay = milliseconds(1200);
  server_.Route("/slow", testing_fakes::Always(slow));
  ScriptedResponse late = ScriptedResponse::Ok("late");
  late.delay = milliseconds(3000);
  server_.Route("/late", testing_fakes::Always(late));
  std::optional<core::Result<HttpResponse>> first, second;
  Spawn(ioc_, transport_->Send(Get(server_.Url("/slow"))),
        [&](core::Result<HttpResponse> r) { first.emplace(std::move(r)); });
  auto start = Clock::now();
  Spawn(ioc_, transport_->Send(Get(server_.Url("/late"), milliseconds(200))),
        [&](core::Result<HttpResponse> r) { second.emplace(std::move(r)); });
  while (!second) ioc_.run_one();
  auto elapsed = Clock::now() - start;
  ASSERT_FALSE(second->ok());
  EXPECT_EQ(second->status().code(), core::StatusCode::kDeadlineExceeded);
  EXPECT_LT(elapsed, milliseconds(1000));
  while (!first) ioc_.run_one();
  ASSERT_TRUE(first->ok()) << first->status().ToString();
  EXPECT_EQ((*first)->body, "slow");
}

// libcurl's timer is followed lazily (curl_multi.h): "0 ms" needs no timer, and a timer armed
// for an earlier deadline is kept, so a keep-alive request sets it at most once (before: 2-3
// timerfd_settime syscalls per request) and requests in flight together share one.
TEST_F(CurlTransportTest, SequentialRequestsSetTheTimerAtMostOnceEach) {
  for (int i = 0; i < 25; ++i) {
    auto r = SendSync(ioc_, *transport_, Get(server_.Url("/seq")));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  // Each request asks for "0 ms" once (25) and the first one's connect for a timeout: 26 or
  // more when every request is given a timer of its own.
  EXPECT_LE(transport_->counters().timer_sets, 25u);
}

TEST_F(CurlTransportTest, ConcurrentRequestsShareTheTimer) {
  ScriptedResponse slow = ScriptedResponse::Ok("ok");
  slow.delay = milliseconds(50);
  server_.SetDefault(testing_fakes::Always(slow));
  constexpr int kRequests = 40;
  int ok = 0, done = 0;
  for (int i = 0; i < kRequests; ++i) {
    Spawn(ioc_, transport_->Send(Get(server_.Url("/c"))), [&](core::Result<HttpResponse> r) {
      ++done;
      ok += r.ok() && r->status == 200 ? 1 : 0;
    });
  }
  while (done < kRequests) ioc_.run_one();
  EXPECT_EQ(ok, kRequests);
  EXPECT_LT(transport_->counters().timer_sets, static_cast<uint64_t>(kRequests / 4));
}

// An idle transport leaves no work behind: run() returns at once instead of waiting for a
// leftover timeout (the 10 s connect or the request timeout).
TEST_F(CurlTransportTest, IdleTransportLeavesTheLoopWithoutWork) {
  auto r = SendSync(ioc_, *transport_, Get(server_.Url("/idle")));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto start = Clock::now();
  ioc_.restart();
  ioc_.run();
  EXPECT_LT(Clock::now() - start, milliseconds(1000));
}

TEST_F(CurlTransportTest, TimeoutIsDeadlineExceeded) {
  ScriptedResponse slow = ScriptedResponse::Ok("late");
  slow.delay = milliseconds(3000);
  server_.Route("/slow", testing_fakes::Always(slow));
  auto start = Clock::now();
  auto r = SendSync(ioc_, *transport_, Get(server_.Url("/slow"), milliseconds(200)));
  auto elapsed = Clock::now() - start;
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::StatusCode::kDeadlineExceeded) << r.status().ToString();
  EXPECT_NE(r.status().message().find("127.0.0.1"), std::string::npos);
  EXPECT_GE(elapsed, milliseconds(150));
  EXPECT_LT(elapsed, milliseconds(2500));
}

TEST_F(CurlTransportTest, TrickledBodyWithinTimeoutArrivesWhole) {
  ScriptedResponse trickle = ScriptedResponse::Ok(std::string(40, 'z'));
  trickle.trickle = milliseconds(5);
  trickle.trickle_chunk = 4;
  server_.Route("/trickle", testing_fakes::Always(trickle));
  auto r = SendSync(ioc_, *transport_, Get(server_.Url("/trickle")));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->body, std::string(40, 'z'));
}

TEST_F(CurlTransportTest, FaultsAreUnavailable) {
  for (Fault f : {Fault::kReset, Fault::kClose, Fault::kMalformed, Fault::kTruncatedBody}) {
    server_.Route("/fault", testing_fakes::Always(ScriptedResponse::WithFault(f)));
    auto r = SendSync(ioc_, *transport_, Get(server_.Url("/fault")));
    ASSERT_FALSE(r.ok()) << "fault " << static_cast<int>(f);
    EXPECT_EQ(r.status().code(), core::StatusCode::kUnavailable) << r.status().ToString();
    EXPECT_NE(r.status().message().find("GET 127.0.0.1"), std::string::npos)
        << r.status().ToString();
  }
  // The transport still works afterwards.
  server_.Route("/fault", testing_fakes::Always(ScriptedResponse::Ok("fine")));
  auto r = SendSync(ioc_, *transport_, Get(server_.Url("/fault")));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(transport_->counters().failures, 4u);
}

TEST_F(CurlTransportTest, ConnectionRefusedIsUnavailable) {
  uint16_t closed_port;
  {
    LoopbackHttpServer gone;
    closed_port = gone.port();
  }
  auto r = SendSync(ioc_, *transport_,
                    Get("http://127.0.0.1:" + std::to_string(closed_port) + "/", milliseconds(2000)));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::StatusCode::kUnavailable) << r.status().ToString();
}

TEST_F(CurlTransportTest, HttpsToPlainHttpPortFails) {
  EXPECT_TRUE(TransportOptions().verify_tls);
  std::string url = "https://127.0.0.1:" + std::to_string(server_.port()) + "/tls";
  auto r = SendSync(ioc_, *transport_, Get(url, milliseconds(3000)));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::StatusCode::kUnavailable) << r.status().ToString();
}

TEST_F(CurlTransportTest, BadUrlIsInvalidArgument) {
  auto r = SendSync(ioc_, *transport_, Get("not a url"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::StatusCode::kInvalidArgument) << r.status().ToString();
}

TEST_F(CurlTransportTest, HttpProxyReceivesAbsoluteFormRequest) {
  TransportOptions o = TestOptions();
  o.proxy.http_proxy = server_.Url("");
  auto proxied = MakeCurlTransport(ioc_, o);
  server_.SetDefault(testing_fakes::Always(ScriptedResponse::Ok("via proxy")));
  auto r = SendSync(ioc_, *proxied, Get("http://ec2.example.invalid/path?Action=X"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->body, "via proxy");
  auto seen = server_.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].target, "http://ec2.example.invalid/path?Action=X");
  EXPECT_EQ(seen[0].path, "/path");
}

TEST_F(CurlTransportTest, NoProxyBypassesTheProxy) {
  TransportOptions o = TestOptions();
  o.proxy.http_proxy = "http://127.0.0.1:1";  // nothing listens there
  o.proxy.no_proxy = "127.0.0.1,localhost";
  auto direct = MakeCurlTransport(ioc_, o);
  auto r = SendSync(ioc_, *direct, Get(server_.Url("/direct")));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(server_.requests().at(0).target, "/direct");
}

TEST(TransportOptionsTest, ProxyAndCaBundleFromEnvironment) {
  for (const char* v : {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "no_proxy",
                        "NO_PROXY", "AWS_CA_BUNDLE", "SSL_CERT_FILE"}) {
    unsetenv(v);
  }
  setenv("HTTP_PROXY", "http://upper:1", 1);
  setenv("HTTPS_PROXY", "http://secure:2", 1);
  setenv("https_proxy", "http://lower:3", 1);
  setenv("NO_PROXY", ".internal", 1);
  setenv("SSL_CERT_FILE", "/etc/ssl/b.pem", 1);
  TransportOptions o = TransportOptions::FromEnvironment();
  EXPECT_EQ(o.proxy.http_proxy, "http://upper:1");
  EXPECT_EQ(o.proxy.https_proxy, "http://lower:3");  // lowercase wins, as in curl
  EXPECT_EQ(o.proxy.no_proxy, ".internal");
  EXPECT_EQ(o.ca_bundle, "/etc/ssl/b.pem");
  setenv("AWS_CA_BUNDLE", "/etc/ssl/a.pem", 1);
  EXPECT_EQ(CaBundleFromEnvironment(), "/etc/ssl/a.pem");
  EXPECT_TRUE(o.verify_tls);
  for (const char* v : {"HTTP_PROXY", "HTTPS_PROXY", "https_proxy", "NO_PROXY", "AWS_CA_BUNDLE",
                        "SSL_CERT_FILE"}) {
    unsetenv(v);
  }
}

TEST_F(CurlTransportTest, CancellationAbortsTheRequest) {
  ScriptedResponse slow = ScriptedResponse::Ok("late");
  slow.delay = milliseconds(3000);
  server_.Route("/slow", testing_fakes::Always(slow));
  asio::cancellation_signal signal;
  std::optional<core::Result<HttpResponse>> out;
  asio::co_spawn(
      ioc_,
      [&]() -> asio::awaitable<void> {
        out.emplace(co_await transport_->Send(Get(server_.Url("/slow"))));
      },
      asio::bind_cancellation_slot(signal.slot(), asio::detached));
  asio::steady_timer t(ioc_, milliseconds(100));
  t.async_wait([&](auto) { signal.emit(asio::cancellation_type::terminal); });
  auto start = Clock::now();
  while (!out) {
    if (ioc_.stopped()) ioc_.restart();
    ioc_.run_one();
  }
  EXPECT_LT(Clock::now() - start, milliseconds(2500));
  ASSERT_FALSE(out->ok());
  EXPECT_EQ(out->status().code(), core::StatusCode::kAborted);
  EXPECT_EQ(transport_->counters().in_flight, 0u);
  // Still usable.
  EXPECT_TRUE(SendSync(ioc_, *transport_, Get(server_.Url("/after"))).ok());
}

TEST_F(CurlTransportTest, DestroyingTransportWithRequestsInFlightIsClean) {
  ScriptedResponse slow = ScriptedResponse::Ok("late");
  slow.delay = milliseconds(3000);
  server_.SetDefault(testing_fakes::Always(slow));
  bool resumed = false;
  for (int i = 0; i < 5; ++i) {
    Spawn(ioc_, transport_->Send(Get(server_.Url("/x"))),
          [&](core::Result<HttpResponse>) { resumed = true; });
  }
  while (server_.request_count() < 5) ioc_.run_one_for(milliseconds(10));
  ASSERT_FALSE(ioc_.stopped());
  transport_.reset();
  ioc_.restart();
  ioc_.run_for(milliseconds(50));  // the abandoned coroutines are destroyed, never resumed
  EXPECT_FALSE(resumed);
}

TEST(CurlTransportLifetimeTest, IoContextDestroyedBeforeTransport) {
  LoopbackHttpServer server;
  ScriptedResponse slow = ScriptedResponse::Ok("late");
  slow.delay = milliseconds(3000);
  server.SetDefault(testing_fakes::Always(slow));
  auto ioc = std::make_unique<asio::io_context>();
  auto transport = MakeCurlTransport(*ioc, TestOptions());
  Spawn(*ioc, transport->Send(Get(server.Url("/x"))), [](core::Result<HttpResponse>) {});
  while (server.request_count() < 1) ioc->run_one_for(milliseconds(10));
  ioc.reset();  // shuts the transport down through its service
  auto r = transport->counters();
  EXPECT_EQ(r.in_flight, 0u);
  transport.reset();
}

}  // namespace
}  // namespace net
