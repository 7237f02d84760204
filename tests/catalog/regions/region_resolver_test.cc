// RegionResolver: one discovery per account per resync, shared by concurrent callers
// (single-flight), failures cached, and allowed = enabled ∩ regionPolicy ∩ kind availability.
#include "catalog/regions/region_resolver.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "net/curl_transport.h"
#include "catalog/regions/availability.h"
#include "fakes/loopback_http_server.h"

namespace catalog::regions {
namespace {

namespace asio = boost::asio;
using testing_fakes::LoopbackHttpServer;
using testing_fakes::ScriptedResponse;

using Regions = core::Result<std::vector<std::string>>;

ScriptedResponse SlowRegions() {
  ScriptedResponse r = ScriptedResponse::Ok(
      R"({"Regions":[{"RegionName":"us-east-1","RegionOptStatus":"ENABLED_BY_DEFAULT"},)"
      R"({"RegionName":"eu-west-1","RegionOptStatus":"ENABLED_BY_DEFAULT"},)"
      R"({"RegionName":"ap-southeast-5","RegionOptStatus":"ENABLED"},)"
      R"({"RegionName":"il-central-1","RegionOptStatus":"ENABLED"}]})");
  r.headers = {{"Content-Type", "application/json"}};
  r.delay = std::chrono::milliseconds(100);  // long enough for every caller to be waiting
  return r;
}

class RegionResolverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    aws::AwsClient::Options opts;
    opts.endpoint_url = server_.Url("");
    opts.max_attempts = 1;
    client_ = std::make_unique<aws::AwsClient>(io_, net::MakeCurlTransport(io_), opts);
    resolver_ = std::make_unique<RegionResolver>(*client_);
  }

  AccountSession Session(std::string id) {
    aws::Credentials c{"AKIDTEST", "secret", "", std::nullopt, ""};
    AccountSession s;
    s.info.id = std::move(id);
    s.credentials = std::make_shared<aws::StaticCredentialsProvider>(c, "test");
    return s;
  }

  // Starts one EnabledRegions call per session, all concurrently, and runs them to completion.
  std::vector<Regions> ResolveConcurrently(const std::vector<AccountSession>& sessions) {
    std::vector<std::optional<Regions>> out(sessions.size());
    for (size_t i = 0; i < sessions.size(); ++i) {
      asio::co_spawn(
          io_,
          [&, i]() -> asio::awaitable<void> {
            out[i].emplace(co_await resolver_->EnabledRegions(sessions[i]));
          },
          [](std::exception_ptr e) {
            if (e) std::rethrow_exception(e);
          });
    }
    io_.restart();
    io_.run();
    std::vector<Regions> results;
    for (auto& r : out) results.push_back(std::move(*r));
    return results;
  }

  LoopbackHttpServer server_;
  asio::io_context io_;
  std::unique_ptr<aws::AwsClient> client_;
  std::unique_ptr<RegionResolver> resolver_;
};

TEST_F(RegionResolverTest, ConcurrentCallersShareOneDiscoveryPerAccount) {
  server_.Route("/listRegions", testing_fakes::Always(SlowRegions()));
  std::vector<AccountSession> sessions;
  for (int i = 0; i < 8; ++i) sessions.push_back(Session(i % 2 ? "111111111111" : "222222222222"));
  auto results = ResolveConcurrently(sessions);
  for (const auto& r : results) {
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(*r, (std::vector<std::string>{"ap-southeast-5", "eu-west-1", "il-central-1",
                                            "us-east-1"}));
  }
  EXPECT_EQ(server_.request_count(), 2u) << "one ListRegions per account, not per caller";
  EXPECT_EQ(resolver_->discoveries_started(), 2);

  // Later calls (the next kind of the same resync) are answered from the cache.
  results = ResolveConcurrently({Session("111111111111")});
  ASSERT_TRUE(results[0].ok());
  EXPECT_EQ(server_.request_count(), 2u);
}

TEST_F(RegionResolverTest, FailuresAreSharedAndCachedToo) {
  server_.Route("/listRegions", testing_fakes::Always(
                                    ScriptedResponse::AwsJsonError(403, "AccessDeniedException")));
  ScriptedResponse ec2_denied;
  ec2_denied.status = 403;
  ec2_denied.headers = {{"Content-Type", "text/xml"}};
  ec2_denied.body =
      "<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>no</Message></Error>"
      "</Errors><RequestID>r</RequestID></Response>";
  server_.SetDefault(testing_fakes::Always(ec2_denied));
  auto results = ResolveConcurrently({Session("3"), Session("3"), Session("3")});
  for (const auto& r : results) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), core::StatusCode::kPermissionDenied);
  }
  // ListRegions and the DescribeRegions fallback, once.
  EXPECT_EQ(server_.request_count(), 2u);
  results = ResolveConcurrently({Session("3")});
  EXPECT_FALSE(results[0].ok());
  EXPECT_EQ(server_.request_count(), 2u);
}

TEST_F(RegionResolverTest, AllowedRegionsAppliesPolicyThenAvailability) {
  server_.Route("/listRegions", testing_fakes::Always(SlowRegions()));
  AccountSession session = Session("444444444444");
  RegionPolicy deny_eu{{}, {"eu-west-1"}};
  std::optional<Regions> all, ses, memorydb;
  asio::co_spawn(
      io_,
      [&]() -> asio::awaitable<void> {
        all.emplace(co_await resolver_->AllowedRegions(session, deny_eu));
        ses.emplace(co_await resolver_->AllowedRegions(session, deny_eu, kSesRegions));
        memorydb.emplace(co_await resolver_->AllowedRegions(session, deny_eu, kMemoryDbRegions));
      },
      [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
  io_.run();
  ASSERT_TRUE(all->ok() && ses->ok() && memorydb->ok());
  EXPECT_EQ(**all, (std::vector<std::string>{"ap-southeast-5", "il-central-1", "us-east-1"}));
  EXPECT_EQ(**ses, (std::vector<std::string>{"ap-southeast-5", "il-central-1", "us-east-1"}));
  EXPECT_EQ(**memorydb, (std::vector<std::string>{"us-east-1"}));
  EXPECT_EQ(server_.request_count(), 1u) << "three kinds, one discovery";
}

TEST_F(RegionResolverTest, DiscoverReportsTheSource) {
  std::optional<core::Result<EnabledRegionList>> out;
  AccountSession gov = Session("555555555555");
  gov.partition = "aws-us-gov";
  asio::co_spawn(
      io_, [&]() -> asio::awaitable<void> { out.emplace(co_await resolver_->Discover(gov)); },
      [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
  io_.run();
  ASSERT_TRUE(out->ok());
  EXPECT_EQ((*out)->source, RegionSource::kStaticList);
  EXPECT_EQ(server_.request_count(), 0u);
}

}  // namespace
}  // namespace catalog::regions
