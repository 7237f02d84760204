// PortHttp against the fake Port API: token acquisition and refresh (expiry, 401), the
// User-Agents, Ocean's retry policy (Retry-After, backoff, which methods), error messages that
// never carry secrets.
#include "ocean/port/port_http.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>

#include "core/redact.h"
#include "fakes/loopback_http_server.h"
#include "ocean/port/port_test_support.h"

namespace ocean::port {
namespace {

namespace asio = boost::asio;
using std::chrono::milliseconds;
using testing_fakes::FakePortFault;

PortRequest Get(std::string path) {
  PortRequest r;
  r.path = std::move(path);
  return r;
}

PortRequest Patch(std::string path, json::object body) {
  PortRequest r;
  r.method = "PATCH";
  r.path = std::move(path);
  r.body = std::move(body);
  return r;
}

json::object Integration() {
  json::object i;
  i["installationId"] = "my-aws";
  i["installationAppType"] = "aws-v3";
  return i;
}

class PortHttpTest : public ::testing::Test, public testing::PortFixture {
 protected:
  void SetUp() override { fake.SetIntegration(Integration()); }
  core::Result<PortResponse> Send(PortHttp& http, PortRequest req) {
    return Await(http.Send(std::move(req)));
  }
};

TEST_F(PortHttpTest, FetchesOneTokenAndSendsItAsAuthorization) {
  auto http = MakeHttp();
  auto a = Send(*http, Get("/v1/integration/my-aws"));
  auto b = Send(*http, Get("/v1/integration/my-aws"));
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->status, 200);
  EXPECT_EQ(fake.token_requests(), 1);
  auto token_reqs = fake.requests_to("POST", "/v1/auth/access_token");
  ASSERT_EQ(token_reqs.size(), 1u);
  EXPECT_EQ(token_reqs[0].body.at("clientId"), "fake-client-id");
  EXPECT_EQ(token_reqs[0].body.at("clientSecret"), "fake-client-secret-value");
  auto gets = fake.requests_to("GET", "/v1/integration/");
  ASSERT_EQ(gets.size(), 2u);
  for (const auto& g : gets) {
    EXPECT_EQ(net::FindHeader(g.headers, "Authorization"),
              "Bearer " + fake.issued_tokens().at(0));
  }
}

TEST_F(PortHttpTest, RefreshesTheTokenWhenItExpires) {
  auto http = MakeHttp();
  // The fake issues tokens valid for 3600 s.
  ASSERT_TRUE(Send(*http, Get("/v1/integration/my-aws")).ok());
  clock.Advance(std::chrono::seconds(3599));
  ASSERT_TRUE(Send(*http, Get("/v1/integration/my-aws")).ok());
  EXPECT_EQ(fake.token_requests(), 1);
  clock.Advance(std::chrono::seconds(1));  // retrieved + expiresIn <= now
  ASSERT_TRUE(Send(*http, Get("/v1/integration/my-aws")).ok());
  EXPECT_EQ(fake.token_requests(), 2);
  auto gets = fake.requests_to("GET", "/v1/integration/");
  EXPECT_EQ(net::FindHeader(gets.back().headers, "Authorization"),
            "Bearer " + fake.issued_tokens().at(1));
}

TEST_F(PortHttpTest, A401RefreshesTheTokenAndResendsEvenAPatch) {
  auto http = MakeHttp();
  ASSERT_TRUE(Send(*http, Get("/v1/integration/my-aws")).ok());
  fake.ExpireTokens();  // Port no longer accepts the token, though it has not expired locally
  json::object body;
  body["version"] = "2.0.0";
  auto r = Send(*http, Patch("/v1/integration/my-aws", body));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(fake.token_requests(), 2);
  auto patches = fake.requests_to("PATCH", "/v1/integration/my-aws");
  ASSERT_EQ(patches.size(), 2u);
  EXPECT_EQ(patches[0].status, 401);
  EXPECT_EQ(patches[1].status, 200);
  EXPECT_EQ(net::FindHeader(patches[1].headers, "Authorization"),
            "Bearer " + fake.issued_tokens().at(1));
  EXPECT_EQ(fake.integration()->at("version"), "2.0.0");
  EXPECT_TRUE(sleeps.empty());
}

TEST_F(PortHttpTest, APersistent401IsReturnedAfterOneRefresh) {
  auto http = MakeHttp();
  fake.Refuse401(5);
  PortRequest req = Patch("/v1/integration/my-aws", json::object{});
  auto r = Await(http->Call(req));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::StatusCode::kPermissionDenied);
  EXPECT_EQ(r.status().http_status(), 401);
  EXPECT_NE(r.status().message().find("PATCH /v1/integration/my-aws: HTTP 401"), std::string::npos)
      << r.status().message();
  EXPECT_EQ(fake.requests_to("PATCH", "/").size(), 2u);
}

TEST_F(PortHttpTest, EntityWritesCarryTheExporterUserAgentOtherCallsDoNot) {
  auto client = std::make_shared<PortClient>(MakeHttp(), "my-aws");
  json::array entities;
  json::object e;
  e["identifier"] = "a";
  e["blueprint"] = "bp";
  entities.push_back(e);
  QueryParams q = {{"upsert", "true"}, {"merge", "true"},
                   {"create_missing_related_entities", "true"}, {"validation_only", "false"}};
  auto up = Await(client->BulkUpsert("bp", entities, q));
  ASSERT_TRUE(up.ok());
  EXPECT_EQ(up->status, 200);
  ASSERT_TRUE(Await(client->GetIntegration()).ok());
  auto bulk = fake.requests_to("POST", "/v1/blueprints/bp/entities/bulk");
  ASSERT_EQ(bulk.size(), 1u);
  EXPECT_EQ(net::FindHeader(bulk[0].headers, "User-Agent"), testing::kEntityUserAgent);
  EXPECT_EQ(fake.entities().at({"bp", "a"}).datasource, testing::kEntityUserAgent);
  auto gets = fake.requests_to("GET", "/v1/integration/my-aws");
  ASSERT_EQ(gets.size(), 1u);
  EXPECT_EQ(net::FindHeader(gets[0].headers, "User-Agent"), testing::kUserAgent);
  EXPECT_EQ(gets[0].query.at("isPolling"), "false");
  EXPECT_EQ(fake.requests_to("POST", "/v1/auth").at(0).headers.size() > 0, true);
  EXPECT_EQ(net::FindHeader(fake.requests_to("POST", "/v1/auth").at(0).headers, "User-Agent"),
            testing::kUserAgent);
}

TEST_F(PortHttpTest, TheFakeRejectsAnEntityWriteWithAnotherUserAgent) {
  PortHttpOptions o = Options();
  o.entity_user_agent = "port-ocean/aws-v3/1.2.3/my-aws";  // missing /exporter
  auto client = std::make_shared<PortClient>(MakeHttp(o), "my-aws");
  json::array entities;
  auto up = Await(client->BulkUpsert("bp", entities, {}));
  ASSERT_TRUE(up.ok());
  EXPECT_EQ(up->status, 400);
  EXPECT_TRUE(fake.entities().empty());
}

TEST_F(PortHttpTest, RetryAfterIsHonouredOn429) {
  auto http = MakeHttp();
  FakePortFault f;
  f.method = "GET";
  f.path_prefix = "/v1/integration/";
  f.status = 429;
  f.headers = {{"Retry-After", "7"}};
  fake.InjectFault(f);
  f.headers = {{"x-ratelimit-reset", std::to_string(1'700'000'000 + 4)}};  // epoch, clock + 4 s
  fake.InjectFault(f);
  auto r = Send(*http, Get("/v1/integration/my-aws"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 200);
  ASSERT_EQ(sleeps.size(), 2u);
  EXPECT_EQ(sleeps[0], milliseconds(7000));
  EXPECT_EQ(sleeps[1], milliseconds(4000));
  EXPECT_EQ(fake.requests_to("GET", "/v1/integration/").size(), 3u);
}

TEST_F(PortHttpTest, ServiceUnavailableBacksOffExponentiallyAndGivesUpAfterTenAttempts) {
  auto http = MakeHttp();
  FakePortFault f;
  f.method = "GET";
  f.path_prefix = "/v1/integration/";
  f.status = 503;
  f.times = 100;
  fake.InjectFault(f);
  auto r = Send(*http, Get("/v1/integration/my-aws"));
  ASSERT_TRUE(r.ok());  // the last response comes back as it is
  EXPECT_EQ(r->status, 503);
  EXPECT_EQ(fake.requests_to("GET", "/v1/integration/").size(), 10u);
  ASSERT_EQ(sleeps.size(), 9u);
  for (size_t i = 0; i < sleeps.size(); ++i) {
    double expected = 300.0 * (1 << i);
    EXPECT_GE(sleeps[i].count(), expected * 0.9 - 1) << i;
    EXPECT_LE(sleeps[i].count(), expected * 1.1 + 1) << i;
  }
}

TEST_F(PortHttpTest, PatchAndUnflaggedPostAreNeverRetriedButEntityPostsAre) {
  auto http = MakeHttp();
  FakePortFault f;
  f.status = 503;
  f.path_prefix = "/v1/";
  f.times = 2;
  f.method = "PATCH";
  fake.InjectFault(f);
  auto patched = Send(*http, Patch("/v1/integration/my-aws", json::object{}));
  ASSERT_TRUE(patched.ok());
  EXPECT_EQ(patched->status, 503);
  EXPECT_EQ(fake.requests_to("PATCH", "/").size(), 1u);

  f.method = "POST";
  f.path_prefix = "/v1/integration";
  fake.InjectFault(f);
  PortRequest create;
  create.method = "POST";
  create.path = "/v1/integration";
  create.body = Integration();
  auto created = Send(*http, create);
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(created->status, 503);
  EXPECT_EQ(fake.requests_to("POST", "/v1/integration").size(), 1u);

  f.path_prefix = "/v1/blueprints/bp/entities/bulk";
  fake.InjectFault(f);
  auto client = std::make_shared<PortClient>(http, "my-aws");
  auto up = Await(client->BulkUpsert(
      "bp", json::array{}, {{"upsert", "true"}, {"merge", "true"},
                            {"create_missing_related_entities", "true"},
                            {"validation_only", "false"}}));
  ASSERT_TRUE(up.ok());
  EXPECT_EQ(up->status, 200);
  EXPECT_EQ(fake.requests_to("POST", "/v1/blueprints/bp/entities/bulk").size(), 3u);
}

TEST_F(PortHttpTest, InternalServerErrorIsNotRetried) {
  auto http = MakeHttp();
  FakePortFault f;
  f.status = 500;
  f.path_prefix = "/v1/integration/";
  fake.InjectFault(f);
  auto r = Send(*http, Get("/v1/integration/my-aws"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 500);
  EXPECT_TRUE(sleeps.empty());
}

// The token response closes its connection, so the reset hits a fresh connection: curl only
// retries on its own when a *reused* connection dies, and then PortHttp would never see it.
testing_fakes::ScriptedResponse TokenClosingTheConnection() {
  auto token = testing_fakes::ScriptedResponse::Ok(
      R"({"accessToken":"tok-abcdef","expiresIn":3600,"tokenType":"Bearer"})");
  token.close = true;
  return token;
}

TEST_F(PortHttpTest, ConnectionResetsAreRetried) {
  testing_fakes::LoopbackHttpServer server;
  server.Route("/v1/auth/access_token", testing_fakes::Always(TokenClosingTheConnection()));
  server.Route("/v1/x", testing_fakes::Sequence(
                            {testing_fakes::ScriptedResponse::WithFault(testing_fakes::Fault::kReset),
                             testing_fakes::ScriptedResponse::Ok(R"({"ok":true})")}));
  PortHttpOptions o = Options();
  o.base_url = server.Url("");
  auto http = MakeHttp(o);
  auto r = Send(*http, Get("/v1/x"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(sleeps.size(), 1u);
  EXPECT_EQ(http->stats().retries, 1u);
  int sent = 0;
  for (const auto& req : server.requests()) sent += req.path == "/v1/x";
  EXPECT_EQ(sent, 2);
}

// Issue 9 item 4: an unreachable Port is said in the log on every retry, not after minutes of
// silence.
TEST_F(PortHttpTest, UnreachablePortIsLoggedOnEveryRetry) {
  std::ostringstream log;
  auto capture = std::make_shared<spdlog::sinks::ostream_sink_mt>(log);
  auto logger = spdlog::default_logger();
  logger->sinks().push_back(capture);
  testing_fakes::LoopbackHttpServer server;
  server.Route("/v1/auth/access_token", testing_fakes::Always(TokenClosingTheConnection()));
  server.Route("/v1/x", testing_fakes::Always(
                            testing_fakes::ScriptedResponse::WithFault(testing_fakes::Fault::kReset)));
  PortHttpOptions o = Options();
  o.base_url = server.Url("");
  auto http = MakeHttp(o);
  auto r = Send(*http, Get("/v1/x"));
  logger->sinks().pop_back();
  ASSERT_FALSE(r.ok());
  const std::string text = log.str();
  std::size_t warnings = 0;
  for (std::size_t at = text.find("retrying in"); at != std::string::npos;
       at = text.find("retrying in", at + 1)) {
    ++warnings;
  }
  EXPECT_EQ(warnings, sleeps.size());
  EXPECT_GE(warnings, 2u);
  EXPECT_NE(text.find("attempt 1 of"), std::string::npos) << text;
  EXPECT_NE(text.find("/v1/x"), std::string::npos) << text;
  EXPECT_NE(text.find("failed after"), std::string::npos) << text;
}

TEST_F(PortHttpTest, AConnectionResetIsNotRetriedForAPatch) {
  testing_fakes::LoopbackHttpServer server;
  server.Route("/v1/auth/access_token", testing_fakes::Always(TokenClosingTheConnection()));
  server.Route("/v1/x", testing_fakes::Sequence(
                            {testing_fakes::ScriptedResponse::WithFault(testing_fakes::Fault::kReset),
                             testing_fakes::ScriptedResponse::Ok(R"({"ok":true})")}));
  PortHttpOptions o = Options();
  o.base_url = server.Url("");
  auto http = MakeHttp(o);
  auto r = Send(*http, Patch("/v1/x", json::object{}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::StatusCode::kUnavailable);
  EXPECT_NE(r.status().message().find("PATCH /v1/x"), std::string::npos) << r.status().message();
  EXPECT_TRUE(sleeps.empty());
  int sent = 0;
  for (const auto& req : server.requests()) sent += req.path == "/v1/x";
  EXPECT_EQ(sent, 1);
}

TEST_F(PortHttpTest, ConcurrentRequestsShareOneTokenFetch) {
  auto http = MakeHttp();
  int done = 0;
  for (int i = 0; i < 6; ++i) {
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
          auto r = co_await http->Send(Get("/v1/integration/my-aws"));
          if (r.ok() && r->status == 200) ++done;
        },
        asio::detached);
  }
  io.restart();
  io.run();
  EXPECT_EQ(done, 6);
  EXPECT_EQ(fake.token_requests(), 1);
}

TEST_F(PortHttpTest, BadCredentialsNameTheSettingsNeverTheSecret) {
  PortHttpOptions o = Options();
  o.client_secret = "wrong-secret-value-123";
  auto http = MakeHttp(o);
  auto r = Await(http->Call(Get("/v1/integration/my-aws")));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::StatusCode::kPermissionDenied);
  const std::string& m = r.status().message();
  EXPECT_NE(m.find("OCEAN__PORT__CLIENT_SECRET"), std::string::npos) << m;
  EXPECT_NE(m.find("/v1/auth/access_token"), std::string::npos) << m;
  EXPECT_EQ(m.find("wrong-secret-value-123"), std::string::npos) << m;
  EXPECT_EQ(fake.requests_to("POST", "/v1/auth").size(), 1u);  // a 401 there is not retried
}

TEST_F(PortHttpTest, ErrorsNameMethodPathStatusAndPortsMessageButNeverTheToken) {
  auto http = MakeHttp();
  ASSERT_TRUE(Send(*http, Get("/v1/integration/my-aws")).ok());
  std::string token = fake.issued_tokens().at(0);
  FakePortFault f;
  f.method = "PATCH";
  f.path_prefix = "/v1/integration/my-aws";
  f.status = 422;
  // A server that echoes the credentials back must not leak them through our errors.
  f.body = R"({"ok":false,"error":"invalid_request","message":"bad body from )" + token +
           R"( / fake-client-secret-value"})";
  fake.InjectFault(f);
  auto r = Await(http->Call(Patch("/v1/integration/my-aws", json::object{})));
  ASSERT_FALSE(r.ok());
  const std::string& m = r.status().message();
  EXPECT_NE(m.find("Port API PATCH /v1/integration/my-aws: HTTP 422 invalid_request: bad body"),
            std::string::npos)
      << m;
  EXPECT_EQ(m.find(token), std::string::npos) << m;
  EXPECT_EQ(m.find("fake-client-secret-value"), std::string::npos) << m;
  EXPECT_EQ(r.status().remote_code(), "invalid_request");
  EXPECT_EQ(r.status().code(), core::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace ocean::port
