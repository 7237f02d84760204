// Per-kind availability lists and FilterSupported.
#include "catalog/regions/availability.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "aws/endpoints/partitions.h"

namespace catalog::regions {
namespace {

bool Has(std::span<const std::string_view> list, std::string_view r) {
  return std::find(list.begin(), list.end(), r) != list.end();
}

TEST(Availability, EmptySupportedListMeansEverywhere) {
  std::vector<std::string> regions = {"us-east-1", "xx-future-9"};
  EXPECT_EQ(FilterSupported(regions, {}), regions);
}

TEST(Availability, IntersectsInTheOrderOfTheRegions) {
  std::vector<std::string> regions = {"us-west-2", "ca-west-1", "af-south-1", "cn-north-1"};
  EXPECT_EQ(FilterSupported(regions, kSesRegions),
            (std::vector<std::string>{"us-west-2", "ca-west-1", "af-south-1"}));
  EXPECT_EQ(FilterSupported(regions, kMemoryDbRegions),
            (std::vector<std::string>{"us-west-2", "cn-north-1"}));
  EXPECT_TRUE(FilterSupported({}, kSesRegions).empty());
}

TEST(Availability, ListsContainUpstreamsRegionsPlusBotocoresNewerOnes) {
  // Upstream: 21 MemoryDB regions, 27 SES regions; botocore 1.43.11 adds 2 to each.
  EXPECT_EQ(kMemoryDbRegions.size(), 23u);
  EXPECT_EQ(kSesRegions.size(), 29u);
  for (auto r : {"us-gov-east-1", "us-gov-west-1", "ap-east-1", "eu-south-2", "cn-northwest-1"}) {
    EXPECT_TRUE(Has(kMemoryDbRegions, r)) << r;
  }
  for (auto r : {"af-south-1", "il-central-1", "us-gov-west-1", "ap-southeast-5", "ca-west-1"}) {
    EXPECT_TRUE(Has(kSesRegions, r)) << r;
  }
  EXPECT_FALSE(Has(kMemoryDbRegions, "af-south-1"));
  EXPECT_FALSE(Has(kSesRegions, "cn-north-1"));
}

TEST(Availability, ListsAreUniqueValidRegionNames) {
  for (auto list : {kMemoryDbRegions, kSesRegions}) {
    std::set<std::string_view> seen(list.begin(), list.end());
    EXPECT_EQ(seen.size(), list.size());
    for (auto r : list) EXPECT_TRUE(aws::endpoints::IsValidRegionName(r)) << r;
  }
}

}  // namespace
}  // namespace catalog::regions
