#include "aws/pagination/paginator.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "aws/pagination/page_size.h"

namespace aws::pagination {
namespace {

namespace asio = boost::asio;

// Serves scripted pages and records the params of every call.
struct ScriptedCalls {
  std::vector<json::value> pages;
  std::vector<json::object> seen;
  PageCallFn Fn() {
    return [this](const json::object& params) -> asio::awaitable<core::Result<json::value>> {
      seen.push_back(params);
      if (seen.size() > pages.size()) co_return core::Status::Internal("no more scripted pages");
      co_return pages[seen.size() - 1];
    };
  }
};

const model::ServiceModel& Ec2() { return **model::GetService("ec2"); }

// Runs the iterator to the end; returns the pages or the first error.
core::Result<std::vector<json::value>> Drain(PageIterator& it) {
  asio::io_context io;
  core::Result<std::vector<json::value>> out = core::Status::Internal("not run");
  asio::co_spawn(io, [&]() -> asio::awaitable<void> {
    std::vector<json::value> pages;
    while (true) {
      auto p = co_await it.Next();
      if (!p.ok()) {
        out = p.status();
        co_return;
      }
      if (!*p) break;
      pages.push_back(std::move(**p));
    }
    out = std::move(pages);
  }, asio::detached);
  io.run();
  return out;
}

TEST(Paginator, FollowsTokensAndAlwaysSendsTheLimitKey) {
  const model::Operation* op = Ec2().FindOperation("DescribeInstances");
  ScriptedCalls calls;
  calls.pages = {*core::ParseJson(R"({"Reservations":[{"ReservationId":"r-1"}],"NextToken":"t1"})"),
                 *core::ParseJson(R"({"Reservations":[{"ReservationId":"r-2"}],"NextToken":"t2"})"),
                 *core::ParseJson(R"({"Reservations":[{"ReservationId":"r-3"}]})")};
  json::object params;
  params["Filters"] = json::array();
  PageIterator it(calls.Fn(), Ec2(), *op, params);
  auto pages = Drain(it);
  ASSERT_TRUE(pages.ok()) << pages.status().ToString();
  EXPECT_EQ(pages->size(), 3u);
  ASSERT_EQ(calls.seen.size(), 3u);
  EXPECT_FALSE(calls.seen[0].contains("NextToken"));
  EXPECT_EQ(calls.seen[1].at("NextToken"), json::value("t1"));
  EXPECT_EQ(calls.seen[2].at("NextToken"), json::value("t2"));
  for (const auto& p : calls.seen) {
    EXPECT_EQ(p.at("MaxResults"), json::value(1000));  // the documented EC2 maximum
    EXPECT_TRUE(p.contains("Filters"));
  }
}

// The page size takes the limit member's model type: CloudFront's MaxItems and API Gateway V2's
// MaxResults are strings (an integer there fails request serialization).
TEST(Paginator, PageSizeTakesTheLimitMembersType) {
  for (const char* name : {"cloudfront", "apigatewayv2"}) {
    const model::ServiceModel& svc = **model::GetService(name);
    const model::Operation* op =
        svc.FindOperation(std::string(name) == "cloudfront" ? "ListDistributions" : "GetApis");
    ASSERT_NE(op, nullptr);
    ScriptedCalls calls;
    calls.pages = {*core::ParseJson(R"({})")};
    PageIterator it(calls.Fn(), svc, *op, {});
    ASSERT_TRUE(Drain(it).ok());
    ASSERT_EQ(calls.seen.size(), 1u);
    const json::value& size = calls.seen[0].at(op->paginator->limit_key);
    ASSERT_TRUE(size.is_string()) << name << ": " << size;
    EXPECT_EQ(size.get_string(), "100");
  }
}

// EC2 rejects MaxResults together with InstanceIds: a request naming explicit ids gets no page
// size (it still follows NextToken); an empty id list is not "explicit ids".
TEST(Paginator, NoPageSizeTogetherWithExplicitIds) {
  const model::Operation* op = Ec2().FindOperation("DescribeInstanceStatus");
  ScriptedCalls calls;
  calls.pages = {*core::ParseJson(R"({"InstanceStatuses":[],"NextToken":"t1"})"),
                 *core::ParseJson(R"({"InstanceStatuses":[]})")};
  json::object params;
  params["InstanceIds"] = json::array{"i-1", "i-2"};
  PageIterator it(calls.Fn(), Ec2(), *op, params);
  ASSERT_TRUE(Drain(it).ok());
  ASSERT_EQ(calls.seen.size(), 2u);
  for (const auto& p : calls.seen) EXPECT_FALSE(p.contains("MaxResults"));
  EXPECT_EQ(calls.seen[1].at("NextToken"), json::value("t1"));

  EXPECT_TRUE(NamesExplicitIds(params));
  params["InstanceIds"] = json::array();
  EXPECT_FALSE(NamesExplicitIds(params));
  params["Filters"] = json::array{json::object{{"Name", "x"}}};
  EXPECT_FALSE(NamesExplicitIds(params));
}

TEST(Paginator, RepeatedTokenIsAnErrorNotALoop) {
  const model::Operation* op = Ec2().FindOperation("DescribeInstances");
  ScriptedCalls calls;
  calls.pages = {*core::ParseJson(R"({"Reservations":[],"NextToken":"same"})"),
                 *core::ParseJson(R"({"Reservations":[],"NextToken":"same"})"),
                 *core::ParseJson(R"({"Reservations":[]})")};
  PageIterator it(calls.Fn(), Ec2(), *op, {});
  auto pages = Drain(it);
  ASSERT_FALSE(pages.ok());
  EXPECT_NE(pages.status().message().find("same next token"), std::string::npos);
  EXPECT_NE(pages.status().message().find("ec2.DescribeInstances"), std::string::npos);
}

TEST(Paginator, EmptyStringTokenEndsIteration) {
  const model::Operation* op = Ec2().FindOperation("DescribeInstances");
  ScriptedCalls calls;
  calls.pages = {*core::ParseJson(R"({"Reservations":[],"NextToken":""})")};
  PageIterator it(calls.Fn(), Ec2(), *op, {});
  auto pages = Drain(it);
  ASSERT_TRUE(pages.ok());
  EXPECT_EQ(pages->size(), 1u);
}

TEST(Paginator, MoreResultsFalseStopsEvenWithAToken) {
  // IAM ListRoles: Marker/IsTruncated.
  const model::ServiceModel& iam = **model::GetService("iam");
  const model::Operation* op = iam.FindOperation("ListRoles");
  ASSERT_TRUE(op->paginator && !op->paginator->more_results.empty());
  ScriptedCalls calls;
  calls.pages = {*core::ParseJson(R"({"Roles":[{"RoleName":"a"}],"IsTruncated":true,"Marker":"m1"})"),
                 *core::ParseJson(R"({"Roles":[{"RoleName":"b"}],"IsTruncated":false,"Marker":"m2"})")};
  PageIterator it(calls.Fn(), iam, *op, {});
  auto pages = Drain(it);
  ASSERT_TRUE(pages.ok());
  EXPECT_EQ(pages->size(), 2u);
  EXPECT_EQ(calls.seen[1].at("Marker"), json::value("m1"));
}

TEST(Paginator, CallErrorsPropagate) {
  const model::Operation* op = Ec2().FindOperation("DescribeInstances");
  ScriptedCalls calls;  // no pages: the first call fails
  PageIterator it(calls.Fn(), Ec2(), *op, {});
  auto pages = Drain(it);
  EXPECT_FALSE(pages.ok());
}

TEST(Paginator, PageCapStopsARunawayListing) {
  const model::Operation* op = Ec2().FindOperation("DescribeInstances");
  ScriptedCalls calls;
  for (int i = 0; i < 10; ++i) {
    calls.pages.push_back(*core::ParseJson(R"({"Reservations":[],"NextToken":"t)" +
                                           std::to_string(i) + R"("})"));
  }
  PageOptions opts;
  opts.max_pages = 3;
  PageIterator it(calls.Fn(), Ec2(), *op, {}, opts);
  auto pages = Drain(it);
  ASSERT_FALSE(pages.ok());
  EXPECT_NE(pages.status().message().find("page cap"), std::string::npos);
}

TEST(FullResult, AggregatesLikeBoto3) {
  const model::ServiceModel& s3 = **model::GetService("s3");
  const model::Operation* op = s3.FindOperation("ListObjectsV2");
  FullResult full(*op->paginator);
  ASSERT_TRUE(full.Add(*core::ParseJson(
      R"({"Contents":[{"Key":"a"}],"Name":"bkt","IsTruncated":true,"KeyCount":1})")).ok());
  ASSERT_TRUE(full.Add(*core::ParseJson(
      R"({"Contents":[{"Key":"b"}],"Name":"bkt","IsTruncated":false,"KeyCount":1})")).ok());
  json::value r = std::move(full).Finish();
  EXPECT_EQ(r.at("Contents").as_array().size(), 2u);
  EXPECT_FALSE(r.as_object().contains("IsTruncated"));
}

TEST(PageSize, ModelMaxThenTableThenFallback) {
  const model::ServiceModel& orgs = **model::GetService("organizations");
  EXPECT_EQ(DefaultPageSize(orgs, *orgs.FindOperation("ListAccounts")), 20);  // model max
  EXPECT_EQ(DefaultPageSize(Ec2(), *Ec2().FindOperation("DescribeVolumes")), 500);
  const model::ServiceModel& rds = **model::GetService("rds");
  EXPECT_EQ(DefaultPageSize(rds, *rds.FindOperation("DescribeDBInstances")), 100);
  const model::ServiceModel& sts = **model::GetService("sts");
  EXPECT_EQ(DefaultPageSize(sts, *sts.FindOperation("GetCallerIdentity")), std::nullopt);
}

}  // namespace
}  // namespace aws::pagination
