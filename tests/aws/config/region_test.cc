#include "aws/config/region.h"

#include <gtest/gtest.h>

#include "fakes/scoped_env.h"
#include "fakes/temp_dir.h"

namespace aws {
namespace {

using testing_fakes::ScopedEnv;
using testing_fakes::TempDir;

TEST(Region, EnvironmentThenProfile) {
  TempDir dir;
  ScopedEnv env(dir.path());
  dir.WriteFile(".aws/config", "[default]\nregion = eu-north-1\n[profile dev]\nregion = ap-south-1\n");
  auto r = ResolveRegion();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->region, "eu-north-1");
  EXPECT_EQ(ResolveRegion("dev")->region, "ap-south-1");
  env.Set("AWS_PROFILE", "dev");
  EXPECT_EQ(ResolveRegion()->region, "ap-south-1");
  env.Set("AWS_DEFAULT_REGION", "us-west-1");
  EXPECT_EQ(ResolveRegion()->source, "AWS_DEFAULT_REGION");
  env.Set("AWS_REGION", "us-west-2");
  EXPECT_EQ(ResolveRegion()->region, "us-west-2");
  EXPECT_EQ(ResolveRegion()->source, "AWS_REGION");
}

TEST(Region, NoneNamesWhatWasChecked) {
  TempDir dir;
  ScopedEnv env(dir.path());
  auto r = ResolveRegion();
  ASSERT_FALSE(r.ok());
  const std::string& m = r.status().message();
  EXPECT_NE(m.find("AWS_REGION"), std::string::npos);
  EXPECT_NE(m.find("AWS_DEFAULT_REGION"), std::string::npos);
  EXPECT_NE(m.find("profile 'default'"), std::string::npos);
}

}  // namespace
}  // namespace aws
