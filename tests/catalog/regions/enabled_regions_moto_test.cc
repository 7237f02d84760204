// Enabled-region discovery against a real moto server. moto does not implement
// account:ListRegions, so the first call fails and ec2:DescribeRegions must answer: the fallback
// path over the real wire protocols. FAILS (never skips) when moto cannot start.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <set>

#include "net/curl_transport.h"
#include "catalog/regions/enabled_regions.h"
#include "catalog/regions/region_resolver.h"
#include "fakes/moto.h"
#include "fakes/run_coro.h"

namespace catalog::regions {
namespace {

namespace asio = boost::asio;

class EnabledRegionsMoto : public ::testing::Test {
 protected:
  void SetUp() override {
    moto_ = testenv::Moto::Get();
    ASSERT_NE(moto_, nullptr) << "moto could not start: run scripts/setup.sh";
    aws::AwsClient::Options opts;
    opts.endpoint_url = moto_->endpoint();
    opts.max_attempts = 2;
    client_ = std::make_unique<aws::AwsClient>(io_, net::MakeCurlTransport(io_, {}), opts);
    aws::Credentials c;
    c.access_key_id = "testing";
    c.secret_access_key = "testing";
    session_.info.id = "123456789012";
    session_.credentials = std::make_shared<aws::StaticCredentialsProvider>(c, "test keys");
  }

  template <typename T>
  T Run(asio::awaitable<T> aw) {
    return testing_fakes::RunCoro(io_, std::move(aw));
  }

  testenv::Moto* moto_ = nullptr;
  asio::io_context io_;
  std::unique_ptr<aws::AwsClient> client_;
  AccountSession session_;
};

TEST_F(EnabledRegionsMoto, FallsBackToDescribeRegionsAndMatchesBoto3) {
  auto r = Run(DiscoverEnabledRegions(*client_, session_));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->source, RegionSource::kDescribeRegions);
  EXPECT_FALSE(r->fallback_reason.empty());
  EXPECT_TRUE(std::is_sorted(r->regions.begin(), r->regions.end()));
  EXPECT_EQ(std::set<std::string>(r->regions.begin(), r->regions.end()).size(), r->regions.size());

  // The same set boto3 gets from moto for DescribeRegions, minus not-opted-in regions and those
  // of other partitions (moto lists cn-* and us-gov-* regions in an aws account; AWS does not).
  json::value theirs = moto_->Boto3("ec2", "DescribeRegions", {});
  ASSERT_TRUE(theirs.is_object()) << "boto3 reference call failed";
  std::set<std::string> expected;
  for (const json::value& region : theirs.at("Regions").as_array()) {
    const json::object& o = region.as_object();
    if (core::FindString(o, "OptInStatus") == "not-opted-in") continue;
    std::string name(core::FindString(o, "RegionName"));
    if (name.starts_with("cn-") || name.starts_with("us-gov-")) continue;
    expected.emplace(core::FindString(o, "RegionName"));
  }
  EXPECT_EQ(std::set<std::string>(r->regions.begin(), r->regions.end()), expected);
  EXPECT_TRUE(expected.contains("us-east-1"));
}

TEST_F(EnabledRegionsMoto, ResolverSharesTheFallbackAnswer) {
  RegionResolver resolver(*client_);
  auto first = Run(resolver.EnabledRegions(session_));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  long calls = client_->stats().calls;
  RegionPolicy policy{{"us-east-1", "eu-west-1"}, {}};
  auto second = Run(resolver.AllowedRegions(session_, policy));
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(*second, (std::vector<std::string>{"eu-west-1", "us-east-1"}));
  EXPECT_EQ(client_->stats().calls, calls) << "second lookup must come from the cache";
}

}  // namespace
}  // namespace catalog::regions
