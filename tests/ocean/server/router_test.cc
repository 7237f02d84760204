// Router: Ocean's prefix normalisation, path decoding, exact matching and 405 information.
#include "ocean/server/router.h"

#include <gtest/gtest.h>

#include "fakes/run_coro.h"

namespace ocean::server {
namespace {

Handler Answer(std::string text) {
  return [text](const HttpRequestView&) -> boost::asio::awaitable<HttpReply> {
    co_return HttpReply::Text(200, text);
  };
}

TEST(NormalizePathPrefix, MatchesOceansRoutePrefix) {
  EXPECT_EQ(NormalizePathPrefix(""), "");
  EXPECT_EQ(NormalizePathPrefix("/"), "");
  EXPECT_EQ(NormalizePathPrefix("///"), "");
  EXPECT_EQ(NormalizePathPrefix("p"), "/p");
  EXPECT_EQ(NormalizePathPrefix("/p/"), "/p");
  EXPECT_EQ(NormalizePathPrefix("//a/b//"), "/a/b");
}

TEST(PercentDecodePath, DecodesValidEscapesOnly) {
  EXPECT_EQ(PercentDecodePath("/a%20b/%2Fc"), "/a b//c");
  EXPECT_EQ(PercentDecodePath("/x%zz/%4"), "/x%zz/%4");
  EXPECT_EQ(PercentDecodePath("/a+b"), "/a+b");
  EXPECT_EQ(PercentDecodePath("%41%"), "A%");
}

TEST(Router, FindsExactMethodAndPath) {
  Router r;
  r.Add("GET", "/a", Answer("get a"));
  r.Add("POST", "a", Answer("post a"));  // leading '/' added
  Router::Match m = r.Find("POST", "/a");
  ASSERT_TRUE(m.handler.has_value());
  HttpRequestView view;
  EXPECT_EQ(testing_fakes::RunCoro((*m.handler)(view)).body, "post a");
  EXPECT_FALSE(r.Find("GET", "/a/").handler.has_value());
  EXPECT_FALSE(r.Find("get", "/a").handler.has_value());
}

TEST(Router, ReportsAllowedMethodsForAKnownPathOnly) {
  Router r;
  r.Add("POST", "/x", Answer(""));
  r.Add("GET", "/x", Answer(""));
  Router::Match other = r.Find("DELETE", "/x");
  EXPECT_FALSE(other.handler.has_value());
  EXPECT_EQ(other.allow, "GET, POST");
  Router::Match unknown = r.Find("GET", "/y");
  EXPECT_FALSE(unknown.handler.has_value());
  EXPECT_EQ(unknown.allow, "");
}

TEST(Router, ReplacingARouteKeepsOneHandler) {
  Router r;
  r.Add("GET", "/x", Answer("old"));
  r.Add("GET", "/x", Answer("new"));
  HttpRequestView view;
  EXPECT_EQ(testing_fakes::RunCoro((*r.Find("GET", "/x").handler)(view)).body, "new");
}

}  // namespace
}  // namespace ocean::server
