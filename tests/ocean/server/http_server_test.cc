// HttpServer on loopback, through a real HTTP client: built-in routes, prefix handling, custom
// routes and the request they see, error statuses and per-response headers.
#include "ocean/server/http_server.h"

#include <boost/asio/this_coro.hpp>
#include <regex>

#include "core/json.h"
#include "core/metrics.h"
#include "ocean/server/http_test_support.h"

namespace ocean::server {
namespace {

using server_test::Client;
using server_test::Fetch;
using server_test::Response;

class HttpServerTest : public server_test::ServerTest {};

json::value ParseBody(const Response& r) {
  auto parsed = core::ParseJson(r.body);
  EXPECT_TRUE(parsed.ok()) << r.body;
  return parsed.ok() ? *parsed : json::value();
}

TEST_F(HttpServerTest, HealthLiveAndReadyReportHealthyWithTheCoreVersion) {
  HttpServerOptions options;
  options.core_version = "9.8.7";
  StartServer(options);
  for (std::string check : {"live", "ready"}) {
    Response r = Fetch(port(), "GET", "/health/" + check);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.headers["content-type"], "application/json");
    json::object want{{"status", "healthy"}, {"check", check}, {"core_version", "9.8.7"}};
    EXPECT_EQ(ParseBody(r), json::value(want)) << r.body;
  }
}

TEST_F(HttpServerTest, EveryResponseCarriesAFreshRequestIdAndProcessTime) {
  StartServer();
  const std::regex uuid4("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  std::vector<Response> rs = {Fetch(port(), "GET", "/health/live"),
                              Fetch(port(), "GET", "/health/live"),
                              Fetch(port(), "GET", "/nowhere")};
  for (const Response& r : rs) {
    EXPECT_TRUE(std::regex_match(r.headers.at("x-request-id"), uuid4))
        << r.headers.at("x-request-id");
    double seconds = std::stod(r.headers.at("x-process-time"));
    EXPECT_GE(seconds, 0.0);
    EXPECT_LT(seconds, 10.0);
  }
  EXPECT_NE(rs[0].headers["x-request-id"], rs[1].headers["x-request-id"]);
}

TEST_F(HttpServerTest, MetricsServeTheProcessRegistryAsPrometheusText) {
  core::metrics::ResetForTesting();
  core::metrics::Describe("ocean_aws_server_test_total", "counter", "Test counter.");
  core::metrics::Add("ocean_aws_server_test_total", {{"kind", "x"}}, 3);
  StartServer();
  for (std::string path : {"/metrics", "/metrics/"}) {
    Response r = Fetch(port(), "GET", path);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.headers["content-type"], "text/plain; version=0.0.4; charset=utf-8");
    EXPECT_NE(r.body.find("# TYPE ocean_aws_server_test_total counter\n"), std::string::npos);
    EXPECT_NE(r.body.find("ocean_aws_server_test_total{kind=\"x\"} 3\n"), std::string::npos)
        << r.body;
  }
  core::metrics::Add("ocean_aws_server_test_total", {{"kind", "x"}}, 1);  // rendered per request
  EXPECT_NE(Fetch(port(), "GET", "/metrics").body.find("{kind=\"x\"} 4\n"), std::string::npos);
  core::metrics::ResetForTesting();
}

TEST_F(HttpServerTest, PathPrefixIsNormalisedAndApplied) {
  HttpServerOptions options;
  options.path_prefix = "//p/";
  StartServer(options);
  EXPECT_EQ(server_->path_prefix(), "/p");
  EXPECT_EQ(Fetch(port(), "GET", "/p/health/live").status, 200);
  EXPECT_EQ(Fetch(port(), "GET", "/p/health/ready").status, 200);
  EXPECT_EQ(Fetch(port(), "GET", "/p/metrics").status, 200);
  EXPECT_EQ(Fetch(port(), "GET", "/health/live").status, 404);
  EXPECT_EQ(Fetch(port(), "GET", "/metrics").status, 404);
}

TEST_F(HttpServerTest, RoutesMountUnderThePrefixUnlessRegisteredUnprefixed) {
  HttpServerOptions options;
  options.path_prefix = "p";
  StartServer(options);
  auto answer = [](std::string what) {
    return [what](const HttpRequestView&) -> boost::asio::awaitable<HttpReply> {
      co_return HttpReply::Text(200, what);
    };
  };
  server_->Route("POST", "/resync", answer("resync"), /*prefixed=*/false);
  server_->Route("POST", "integration/webhook", answer("webhook"));
  EXPECT_EQ(Fetch(port(), "POST", "/resync").body, "resync");
  EXPECT_EQ(Fetch(port(), "POST", "/p/resync").status, 404);
  EXPECT_EQ(Fetch(port(), "POST", "/p/integration/webhook").body, "webhook");
  EXPECT_EQ(Fetch(port(), "POST", "/integration/webhook").status, 404);
}

TEST_F(HttpServerTest, HandlersSeeMethodDecodedPathQueryHeadersAndBody) {
  StartServer();
  server_->Route("PUT", "/echo dir/x", [](const HttpRequestView& req)
                                           -> boost::asio::awaitable<HttpReply> {
    json::object o;
    o["method"] = req.method;
    o["path"] = req.path;
    o["query"] = req.query;
    o["header"] = req.Header("x-custom");
    o["body"] = req.body;
    o["id_len"] = req.request_id.size();
    HttpReply reply = HttpReply::Json(201, o);
    reply.headers.emplace_back("X-Extra", "yes");
    co_return reply;
  });
  Client c(port());
  Response r = c.Send("PUT", "/echo%20dir/x?a=1&b=%20", R"({"k":1})", {{"X-Custom", "v1"}});
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(r.headers["x-extra"], "yes");
  json::object want{{"method", "PUT"}, {"path", "/echo dir/x"}, {"query", "a=1&b=%20"},
                    {"header", "v1"}, {"body", R"({"k":1})"}, {"id_len", 36}};
  EXPECT_EQ(ParseBody(r), json::value(want)) << r.body;
}

TEST_F(HttpServerTest, UnknownPathIs404AndWrongMethodIs405WithAllow) {
  StartServer();
  Response missing = Fetch(port(), "GET", "/nope");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(ParseBody(missing), json::value(json::object{{"detail", "Not Found"}}));
  Response wrong = Fetch(port(), "POST", "/health/live");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.headers["allow"], "GET");
  EXPECT_EQ(ParseBody(wrong), json::value(json::object{{"detail", "Method Not Allowed"}}));
}

TEST_F(HttpServerTest, AThrowingHandlerIs500AndTheServerKeepsServing) {
  StartServer();
  server_->Route("GET", "/throw-now", [](const HttpRequestView&)
                                          -> boost::asio::awaitable<HttpReply> {
    throw std::runtime_error("boom");
    co_return HttpReply{};
  });
  server_->Route("GET", "/throw-later", [](const HttpRequestView&)
                                            -> boost::asio::awaitable<HttpReply> {
    co_await boost::asio::this_coro::executor;
    throw 42;  // not even a std::exception
  });
  Client c(port());
  for (std::string path : {"/throw-now", "/throw-later"}) {
    Response r = c.Send("GET", path);
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(r.body, "Internal server error");
    EXPECT_TRUE(r.headers["content-type"].starts_with("text/plain"));
    EXPECT_FALSE(r.headers["x-request-id"].empty());
  }
  EXPECT_EQ(c.Send("GET", "/health/live").status, 200);  // same connection still usable
}

TEST_F(HttpServerTest, BodiesOverTheLimitAre413) {
  HttpServerOptions options;
  options.max_body_bytes = 1024;
  StartServer(options);
  server_->Route("POST", "/in", [](const HttpRequestView& req)
                                    -> boost::asio::awaitable<HttpReply> {
    co_return HttpReply::Text(200, std::to_string(req.body.size()));
  });
  EXPECT_EQ(Fetch(port(), "POST", "/in", std::string(1024, 'x')).body, "1024");
  Response big = Fetch(port(), "POST", "/in", std::string(1025, 'x'));
  EXPECT_EQ(big.status, 413);
  EXPECT_FALSE(big.keep_alive);
  // Chunked bodies have no Content-Length up front; the limit still applies.
  Client c(port());
  c.SendRaw("POST /in HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            "400\r\n" + std::string(1024, 'y') + "\r\n10\r\n" + std::string(16, 'y') + "\r\n0\r\n\r\n");
  EXPECT_EQ(c.Read().status, 413);
}

TEST_F(HttpServerTest, MalformedRequestsAre400AndClosed) {
  StartServer();
  Client c(port());
  c.SendRaw("GET /health/live HTTP/1.1\r\nBad Header Line\r\n\r\n");
  Response r = c.Read();
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(c.ReadsEof());
}

TEST_F(HttpServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  StartServer();
  Client c(port());
  for (int i = 0; i < 5; ++i) {
    Response r = c.Send("GET", i % 2 ? "/metrics" : "/health/ready");
    EXPECT_EQ(r.status, 200);
    EXPECT_TRUE(r.keep_alive);
  }
  Response last = c.Send("GET", "/health/live", "", {{"Connection", "close"}});
  EXPECT_EQ(last.status, 200);
  EXPECT_FALSE(last.keep_alive);
  EXPECT_TRUE(c.ReadsEof());
}

TEST_F(HttpServerTest, Expect100ContinueGetsAnInterimResponse) {
  StartServer();
  server_->Route("POST", "/in", [](const HttpRequestView& req)
                                    -> boost::asio::awaitable<HttpReply> {
    co_return HttpReply::Text(200, std::string(req.body));
  });
  Client c(port());
  c.SendRaw("POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
  EXPECT_EQ(c.Read().status, 100);
  c.SendRaw("hello");
  Response r = c.Read();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "hello");
}

TEST_F(HttpServerTest, PortZeroBindsAnEphemeralPortAndAUsedPortFails) {
  StartServer();
  EXPECT_NE(port(), 0);
  HttpServerOptions same;
  same.address = "127.0.0.1";
  same.port = port();
  auto second = HttpServer::Start(io_, same);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), core::StatusCode::kUnavailable);
  EXPECT_NE(second.status().message().find("127.0.0.1:" + std::to_string(port())),
            std::string::npos)
      << second.status().message();
  HttpServerOptions bad;
  bad.address = "not-an-address";
  auto third = HttpServer::Start(io_, bad);
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.status().code(), core::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace ocean::server
