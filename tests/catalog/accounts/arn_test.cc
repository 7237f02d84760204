// ARN parsing and upstream's partition rules (aws-v3-upstream.md §1.10).
#include "catalog/accounts/arn.h"

#include <gtest/gtest.h>

namespace catalog::accounts {
namespace {

TEST(ArnTest, ParsesSixFieldsWithTheResourceKeepingItsColons) {
  auto a = ParseArn("arn:aws-us-gov:iam::123456789012:role/path/with:colon/Name");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->partition, "aws-us-gov");
  EXPECT_EQ(a->service, "iam");
  EXPECT_EQ(a->region, "");
  EXPECT_EQ(a->account, "123456789012");
  EXPECT_EQ(a->resource, "role/path/with:colon/Name");
}

TEST(ArnTest, RejectsWhatIsNotAnArn) {
  EXPECT_FALSE(ParseArn("").ok());
  EXPECT_FALSE(ParseArn("arn:aws:iam::123").ok());
  EXPECT_FALSE(ParseArn("urn:aws:iam::1:role/x").ok());
  EXPECT_NE(ParseArn("nope").status().message().find("'nope'"), std::string::npos);
}

TEST(ArnTest, PartitionFromConfigThenOrgRoleThenFirstListedRole) {
  IntegrationConfig c;
  EXPECT_EQ(ResolvePartition(c), "aws");
  c.account_role_arns = {"arn:aws-cn:iam::1:role/a", "arn:aws-us-gov:iam::2:role/b"};
  EXPECT_EQ(ResolvePartition(c), "aws-cn");
  c.account_role_arn = "arn:aws-us-gov:iam::3:role/org";
  EXPECT_EQ(ResolvePartition(c), "aws-us-gov");
  c.aws_partition = "aws";
  EXPECT_EQ(ResolvePartition(c), "aws");
}

TEST(ArnTest, ControlPlaneRegionIsTheConfiguredRegionElseThePartitionsGlobalRegion) {
  IntegrationConfig c;
  EXPECT_EQ(ControlPlaneRegion(c, "aws"), "us-east-1");
  EXPECT_EQ(ControlPlaneRegion(c, "aws-cn"), "cn-north-1");
  EXPECT_EQ(ControlPlaneRegion(c, "aws-us-gov"), "us-gov-west-1");
  c.region = "eu-west-1";
  EXPECT_EQ(ControlPlaneRegion(c, "aws"), "eu-west-1");
}

}  // namespace
}  // namespace catalog::accounts
