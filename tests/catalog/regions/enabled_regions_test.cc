// Enabled-region discovery against the scriptable loopback server: account:ListRegions pages
// (rest-json), the ec2:DescribeRegions fallback (ec2 XML), both failing, static partition lists,
// and region names newer than our data.
#include "catalog/regions/enabled_regions.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "net/curl_transport.h"
#include "fakes/loopback_http_server.h"

namespace catalog::regions {
namespace {

namespace asio = boost::asio;
using testing_fakes::LoopbackHttpServer;
using testing_fakes::RecordedRequest;
using testing_fakes::ScriptedResponse;

ScriptedResponse Json(std::string body) {
  ScriptedResponse r = ScriptedResponse::Ok(std::move(body));
  r.headers = {{"Content-Type", "application/json"}};
  return r;
}

// account:ListRegions in three pages chained by NextToken; checks the filter it was sent.
ScriptedResponse ListRegionsPages(const RecordedRequest& req) {
  auto body = core::ParseJson(req.body);
  if (!body.ok() || !body->is_object()) return ScriptedResponse::AwsJsonError(400, "Bad");
  const json::object& o = body->as_object();
  const json::value* filter = core::Find(o, "RegionOptStatusContains");
  if (filter == nullptr || core::WriteJson(*filter) != R"(["ENABLED","ENABLED_BY_DEFAULT"])") {
    return ScriptedResponse::AwsJsonError(400, "ValidationException");
  }
  std::string_view token = core::FindString(o, "NextToken");
  if (token.empty()) {
    return Json(R"({"Regions":[{"RegionName":"us-west-2","RegionOptStatus":"ENABLED_BY_DEFAULT"},)"
                R"({"RegionName":"us-east-1","RegionOptStatus":"ENABLED_BY_DEFAULT"}],)"
                R"("NextToken":"page-2"})");
  }
  if (token == "page-2") {
    // A region newer than any of our data, and a duplicate.
    return Json(R"({"Regions":[{"RegionName":"xx-future-9","RegionOptStatus":"ENABLED"},)"
                R"({"RegionName":"us-east-1","RegionOptStatus":"ENABLED_BY_DEFAULT"}],)"
                R"("NextToken":"page-3"})");
  }
  return Json(R"({"Regions":[{"RegionName":"af-south-1","RegionOptStatus":"ENABLED"}]})");
}

ScriptedResponse Ec2Regions() {
  ScriptedResponse r = ScriptedResponse::Ok(
      R"(<?xml version="1.0" encoding="UTF-8"?>)"
      R"(<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">)"
      R"(<requestId>req-ec2</requestId><regionInfo>)"
      R"(<item><regionName>eu-west-1</regionName><regionEndpoint>ec2.eu-west-1.amazonaws.com)"
      R"(</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>)"
      R"(<item><regionName>ap-east-1</regionName><regionEndpoint>ec2.ap-east-1.amazonaws.com)"
      R"(</regionEndpoint><optInStatus>opted-in</optInStatus></item>)"
      R"(<item><regionName>me-south-1</regionName><regionEndpoint>ec2.me-south-1.amazonaws.com)"
      R"(</regionEndpoint><optInStatus>not-opted-in</optInStatus></item>)"
      R"(<item><regionName>us-east-1</regionName><regionEndpoint>ec2.us-east-1.amazonaws.com)"
      R"(</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>)"
      R"(</regionInfo></DescribeRegionsResponse>)");
  r.headers = {{"Content-Type", "text/xml;charset=UTF-8"}};
  return r;
}

ScriptedResponse Ec2Error(int status, const std::string& code) {
  ScriptedResponse r;
  r.status = status;
  r.headers = {{"Content-Type", "text/xml;charset=UTF-8"}};
  r.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>" + code +
           "</Code><Message>scripted " + code + "</Message></Error></Errors>"
           "<RequestID>req-ec2-err</RequestID></Response>";
  return r;
}

class EnabledRegionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    aws::AwsClient::Options opts;
    opts.endpoint_url = server_.Url("");
    opts.max_attempts = 1;
    client_ = std::make_unique<aws::AwsClient>(io_, net::MakeCurlTransport(io_), opts);
    aws::Credentials c{"AKIDTEST", "secret", "", std::nullopt, ""};
    session_.info.id = "123456789012";
    session_.credentials = std::make_shared<aws::StaticCredentialsProvider>(c, "test");
  }

  core::Result<EnabledRegionList> Discover() {
    std::optional<core::Result<EnabledRegionList>> out;
    asio::co_spawn(
        io_,
        [&]() -> asio::awaitable<void> {
          out.emplace(co_await DiscoverEnabledRegions(*client_, session_));
        },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
    io_.restart();
    io_.run();
    return std::move(*out);
  }

  std::vector<RecordedRequest> Requests(std::string_view path) const {
    std::vector<RecordedRequest> out;
    for (auto& r : server_.requests()) {
      if (r.path == path) out.push_back(r);
    }
    return out;
  }

  LoopbackHttpServer server_;
  asio::io_context io_;
  std::unique_ptr<aws::AwsClient> client_;
  AccountSession session_;
};

TEST_F(EnabledRegionsTest, ListRegionsEveryPageSortedUnique) {
  server_.Route("/listRegions", ListRegionsPages);
  auto r = Discover();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->source, RegionSource::kListRegions);
  EXPECT_EQ(r->regions, (std::vector<std::string>{"af-south-1", "us-east-1", "us-west-2",
                                                  "xx-future-9"}));
  auto calls = Requests("/listRegions");
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(core::FindString(core::ParseJson(calls[2].body)->as_object(), "NextToken"), "page-3");
  EXPECT_TRUE(Requests("/").empty()) << "no DescribeRegions when ListRegions answers";
}

TEST_F(EnabledRegionsTest, AccessDeniedFallsBackToDescribeRegions) {
  server_.Route("/listRegions", testing_fakes::Always(
                                    ScriptedResponse::AwsJsonError(403, "AccessDeniedException")));
  server_.SetDefault(testing_fakes::Always(Ec2Regions()));
  auto r = Discover();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->source, RegionSource::kDescribeRegions);
  EXPECT_NE(r->fallback_reason.find("AccessDeniedException"), std::string::npos);
  // not-opted-in regions are dropped even if an endpoint returns them.
  EXPECT_EQ(r->regions, (std::vector<std::string>{"ap-east-1", "eu-west-1", "us-east-1"}));
  auto ec2 = Requests("/");
  ASSERT_EQ(ec2.size(), 1u);
  EXPECT_NE(ec2[0].body.find("Action=DescribeRegions"), std::string::npos);
  EXPECT_EQ(ec2[0].body.find("AllRegions"), std::string::npos);
  // Signed for the partition's global region.
  EXPECT_NE(net::FindHeader(ec2[0].headers, "Authorization").find("/us-east-1/ec2/"),
            std::string::npos);
}

TEST_F(EnabledRegionsTest, AnyListRegionsErrorFallsBack) {
  server_.Route("/listRegions", testing_fakes::Always(ScriptedResponse{404, {}, "Not Found"}));
  server_.SetDefault(testing_fakes::Always(Ec2Regions()));
  auto r = Discover();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->source, RegionSource::kDescribeRegions);
}

TEST_F(EnabledRegionsTest, EmptyListRegionsAnswerFallsBack) {
  server_.Route("/listRegions", testing_fakes::Always(Json(R"({"Regions":[]})")));
  server_.SetDefault(testing_fakes::Always(Ec2Regions()));
  auto r = Discover();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->source, RegionSource::kDescribeRegions);
  EXPECT_EQ(r->fallback_reason, "account:ListRegions returned no regions");
}

TEST_F(EnabledRegionsTest, BothFailingNamesBothFailures) {
  server_.Route("/listRegions", testing_fakes::Always(
                                    ScriptedResponse::AwsJsonError(403, "AccessDeniedException")));
  server_.SetDefault(testing_fakes::Always(Ec2Error(403, "UnauthorizedOperation")));
  auto r = Discover();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::StatusCode::kPermissionDenied);
  EXPECT_EQ(r.status().remote_code(), "UnauthorizedOperation");
  const std::string& m = r.status().message();
  EXPECT_NE(m.find("account 123456789012"), std::string::npos) << m;
  EXPECT_NE(m.find("AccessDeniedException"), std::string::npos) << m;
  EXPECT_NE(m.find("UnauthorizedOperation"), std::string::npos) << m;
}

TEST_F(EnabledRegionsTest, StaticListsForChinaAndGovCloudWithoutCalls) {
  session_.partition = "aws-cn";
  auto cn = Discover();
  ASSERT_TRUE(cn.ok()) << cn.status().ToString();
  EXPECT_EQ(cn->source, RegionSource::kStaticList);
  EXPECT_EQ(cn->regions, (std::vector<std::string>{"cn-north-1", "cn-northwest-1"}));
  session_.partition = "aws-us-gov";
  auto gov = Discover();
  ASSERT_TRUE(gov.ok()) << gov.status().ToString();
  EXPECT_EQ(gov->regions, (std::vector<std::string>{"us-gov-east-1", "us-gov-west-1"}));
  EXPECT_EQ(server_.request_count(), 0u);
}

TEST_F(EnabledRegionsTest, UnknownPartitionIsAnError) {
  session_.partition = "aws-iso";
  auto r = Discover();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("aws-iso"), std::string::npos);
}

TEST(NormalizeRegionNames, SortsDedupsKeepsUnknownDropsInvalid) {
  EXPECT_EQ(NormalizeRegionNames({"zz-new-7", "us-east-1", "bad/name", "", "us-east-1",
                                  "eu-west-1"},
                                 "1"),
            (std::vector<std::string>{"eu-west-1", "us-east-1", "zz-new-7"}));
}

// moto's DescribeRegions lists cn-* and us-gov-* regions in an aws account; AWS never does.
TEST(NormalizeRegionNames, DropsRegionsOfOtherPartitions) {
  std::vector<std::string> listed{"cn-north-1", "us-east-1", "us-gov-west-1", "eu-west-1"};
  EXPECT_EQ(NormalizeRegionNames(listed, "1", "aws"),
            (std::vector<std::string>{"eu-west-1", "us-east-1"}));
  EXPECT_EQ(NormalizeRegionNames(listed, "1", "aws-cn"), (std::vector<std::string>{"cn-north-1"}));
}

}  // namespace
}  // namespace catalog::regions
