#include "aws/endpoints/partitions.h"

#include <gtest/gtest.h>

#include "aws/endpoints/s3_addressing.h"

namespace aws::endpoints {
namespace {

TEST(Partitions, RegionsMapToTheirPartition) {
  EXPECT_EQ(PartitionForRegion("us-east-1").id, "aws");
  EXPECT_EQ(PartitionForRegion("mx-central-1").id, "aws");
  EXPECT_EQ(PartitionForRegion("ap-southeast-7").id, "aws");
  EXPECT_EQ(PartitionForRegion("cn-north-1").id, "aws-cn");
  EXPECT_EQ(PartitionForRegion("cn-south-9").id, "aws-cn");  // newer than this table
  EXPECT_EQ(PartitionForRegion("us-gov-west-1").id, "aws-us-gov");
  EXPECT_EQ(PartitionForRegion("us-gov-central-2").id, "aws-us-gov");
  EXPECT_EQ(PartitionForRegion("aws-us-gov-global").id, "aws-us-gov");
  EXPECT_EQ(PartitionForRegion("unknown").id, "aws");  // the SDKs' fallback
  EXPECT_EQ(PartitionForRegion("cn-north-1").dns_suffix, "amazonaws.com.cn");
  EXPECT_EQ(PartitionForRegion("us-gov-east-1").global_region, "us-gov-west-1");
  EXPECT_EQ(PartitionForRegion("cn-northwest-1").global_region, "cn-north-1");
}

TEST(Partitions, KnownRegionsOfClosedPartitions) {
  const Partition* cn = FindPartition("aws-cn");
  ASSERT_NE(cn, nullptr);
  ASSERT_EQ(cn->known_regions.size(), 2u);
  EXPECT_EQ(cn->known_regions[0], "cn-north-1");
  EXPECT_EQ(cn->known_regions[1], "cn-northwest-1");
  const Partition* gov = FindPartition("aws-us-gov");
  ASSERT_EQ(gov->known_regions.size(), 2u);
  EXPECT_EQ(gov->known_regions[0], "us-gov-east-1");
  EXPECT_EQ(gov->known_regions[1], "us-gov-west-1");
  EXPECT_EQ(FindPartition("aws-iso"), nullptr);
}

TEST(S3Addressing, VirtualHostWhenDnsCompatible) {
  auto v = AddressBucket("https://s3.eu-west-1.amazonaws.com", "my-bucket", "/a/b.txt",
                         S3AddressingStyle::kAuto);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->virtual_host);
  EXPECT_EQ(v->url, "https://my-bucket.s3.eu-west-1.amazonaws.com");
  EXPECT_EQ(v->path, "/a/b.txt");
  auto root = AddressBucket("https://s3.amazonaws.com", "my-bucket", "", S3AddressingStyle::kAuto);
  EXPECT_EQ(root->path, "/");
}

TEST(S3Addressing, PathStyleCases) {
  auto dots = AddressBucket("https://s3.amazonaws.com", "my.bucket", "/k", S3AddressingStyle::kAuto);
  EXPECT_FALSE(dots->virtual_host);
  EXPECT_EQ(dots->url, "https://s3.amazonaws.com");
  EXPECT_EQ(dots->path, "/my.bucket/k");
  EXPECT_TRUE(AddressBucket("http://s3.local:9000", "my.bucket", "", S3AddressingStyle::kAuto)
                  ->virtual_host);  // dots are fine without TLS
  EXPECT_FALSE(AddressBucket("https://s3.amazonaws.com", "Upper_Case", "", S3AddressingStyle::kAuto)
                   ->virtual_host);
  EXPECT_FALSE(AddressBucket("http://127.0.0.1:5000", "bucket", "", S3AddressingStyle::kAuto)
                   ->virtual_host);
  auto forced = AddressBucket("http://localhost:5000/base", "bucket", "/k", S3AddressingStyle::kPath);
  EXPECT_EQ(forced->url, "http://localhost:5000/base");
  EXPECT_EQ(forced->path, "/bucket/k");
  EXPECT_FALSE(AddressBucket("https://s3.amazonaws.com", "Bad_Name", "", S3AddressingStyle::kVirtual)
                   .ok());
  EXPECT_FALSE(IsVirtualHostableBucket("192.168.1.1", true));
  EXPECT_FALSE(IsVirtualHostableBucket("ab", false));
  EXPECT_FALSE(IsVirtualHostableBucket("a..b", true));
}

TEST(S3Addressing, StyleFromProfile) {
  auto cfg = SharedConfig::Parse("[default]\ns3 =\n  addressing_style = path\n", "");
  ASSERT_TRUE(cfg.ok());
  EXPECT_EQ(S3AddressingStyleFromProfile(cfg->FindProfile("default")), S3AddressingStyle::kPath);
  EXPECT_EQ(S3AddressingStyleFromProfile(nullptr), S3AddressingStyle::kAuto);
}

}  // namespace
}  // namespace aws::endpoints
