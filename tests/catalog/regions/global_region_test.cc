// FirstAnsweringRegion: deterministic order, AccessDenied moves on, other errors stop.
#include "catalog/regions/global_region.h"

#include <gtest/gtest.h>

#include <map>

#include "fakes/run_coro.h"

namespace catalog::regions {
namespace {

namespace asio = boost::asio;
using core::Status;
using testing_fakes::RunCoro;

// An attempt that answers from a script (region -> status; missing regions answer OK) and
// records the order it was called in.
struct Script {
  std::map<std::string, Status> answers;
  std::vector<std::string> calls;

  RegionAttempt Attempt() {
    return [this](const std::string& region) -> asio::awaitable<Status> {
      calls.push_back(region);
      auto it = answers.find(region);
      co_return it == answers.end() ? Status::Ok() : it->second;
    };
  }
};

Status Denied() {
  return Status::PermissionDenied("An error occurred (AccessDenied)").WithRemote("AccessDenied",
                                                                                   403, "req-1");
}

TEST(GlobalKindOrder, GlobalRegionFirstThenSortedUnique) {
  std::vector<std::string> in = {"eu-west-1", "us-west-2", "us-east-1", "ap-south-1", "eu-west-1"};
  EXPECT_EQ(GlobalKindOrder(in), (std::vector<std::string>{"us-east-1", "ap-south-1", "eu-west-1",
                                                           "us-west-2"}));
  std::vector<std::string> gov = {"us-gov-west-1", "us-gov-east-1"};
  EXPECT_EQ(GlobalKindOrder(gov), (std::vector<std::string>{"us-gov-west-1", "us-gov-east-1"}));
  std::vector<std::string> cn = {"cn-northwest-1", "cn-north-1"};
  EXPECT_EQ(GlobalKindOrder(cn), (std::vector<std::string>{"cn-north-1", "cn-northwest-1"}));
  // Without its global region the list is just sorted; unknown names are kept.
  std::vector<std::string> no_global = {"zz-new-1", "eu-west-1"};
  EXPECT_EQ(GlobalKindOrder(no_global), (std::vector<std::string>{"eu-west-1", "zz-new-1"}));
}

TEST(FirstAnsweringRegion, FirstRegionAnswers) {
  Script s;
  std::vector<std::string> regions = {"eu-west-1", "us-east-1"};
  auto r = RunCoro(FirstAnsweringRegion(regions, s.Attempt()));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, "us-east-1");
  EXPECT_EQ(s.calls, (std::vector<std::string>{"us-east-1"}));
}

TEST(FirstAnsweringRegion, AccessDeniedTriesTheNextRegionInOrder) {
  Script s;
  s.answers["us-east-1"] = Denied();
  s.answers["ap-south-1"] = Denied();
  std::vector<std::string> regions = {"us-west-2", "eu-west-1", "ap-south-1", "us-east-1"};
  auto r = RunCoro(FirstAnsweringRegion(regions, s.Attempt()));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, "eu-west-1");
  EXPECT_EQ(s.calls, (std::vector<std::string>{"us-east-1", "ap-south-1", "eu-west-1"}));
}

TEST(FirstAnsweringRegion, OtherErrorsStopAndAreReturned) {
  Script s;
  s.answers["us-east-1"] = Denied();
  s.answers["eu-west-1"] = Status::Throttled("Rate exceeded").WithRemote("Throttling", 400, "r2");
  std::vector<std::string> regions = {"us-east-1", "eu-west-1", "us-west-2"};
  auto r = RunCoro(FirstAnsweringRegion(regions, s.Attempt()));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::StatusCode::kThrottled);
  EXPECT_EQ(r.status().remote_code(), "Throttling");
  EXPECT_NE(r.status().message().find("region eu-west-1"), std::string::npos);
  EXPECT_EQ(s.calls, (std::vector<std::string>{"us-east-1", "eu-west-1"}));
}

TEST(FirstAnsweringRegion, AllDeniedListsTheRegionsTried) {
  Script s;
  std::vector<std::string> regions = {"eu-west-1", "us-east-1", "ap-south-1"};
  for (const auto& r : regions) s.answers[r] = Denied();
  auto r = RunCoro(FirstAnsweringRegion(regions, s.Attempt()));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::StatusCode::kPermissionDenied);
  EXPECT_NE(r.status().message().find("(us-east-1, ap-south-1, eu-west-1)"), std::string::npos)
      << r.status().message();
  EXPECT_EQ(r.status().remote_code(), "AccessDenied");
  EXPECT_EQ(s.calls.size(), 3u);
}

TEST(FirstAnsweringRegion, NoRegionsIsAnError) {
  Script s;
  auto r = RunCoro(FirstAnsweringRegion({}, s.Attempt()));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::StatusCode::kInvalidArgument);
  EXPECT_TRUE(s.calls.empty());
}

}  // namespace
}  // namespace catalog::regions
