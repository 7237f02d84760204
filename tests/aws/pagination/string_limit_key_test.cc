// A limit key modelled as a string (Route 53's MaxItems) gets the page size as text: the
// request validator would refuse an integer there, failing every hosted-zone listing.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "aws/pagination/paginator.h"

namespace aws::pagination {
namespace {

namespace asio = boost::asio;

TEST(PaginatorStringLimit, Route53MaxItemsIsSentAsText) {
  const model::ServiceModel& r53 = **model::GetService("route53");
  const model::Operation* op = r53.FindOperation("ListHostedZones");
  ASSERT_NE(op, nullptr);
  std::vector<json::object> seen;
  PageCallFn call = [&](const json::object& params) -> asio::awaitable<core::Result<json::value>> {
    seen.push_back(params);
    co_return *core::ParseJson(R"({"HostedZones":[],"IsTruncated":false,"MaxItems":"100"})");
  };
  PageIterator it(call, r53, *op, json::object());
  asio::io_context io;
  bool ok = false;
  asio::co_spawn(io, [&]() -> asio::awaitable<void> {
    auto p = co_await it.Next();
    ok = p.ok();
  }, asio::detached);
  io.run();
  ASSERT_TRUE(ok);
  ASSERT_EQ(seen.size(), 1u);
  ASSERT_TRUE(seen[0].contains("MaxItems"));
  EXPECT_TRUE(seen[0].at("MaxItems").is_string()) << seen[0].at("MaxItems");
  EXPECT_EQ(seen[0].at("MaxItems"), json::value("100"));
}

}  // namespace
}  // namespace aws::pagination
