// AWS partitions (the slices of AWS with their own DNS suffix and identities), as botocore's
// partitions.json defines the three this exporter supports: aws, aws-cn and aws-us-gov.
// A region belongs to the partition whose regionRegex matches it, so regions newer than this
// table still resolve; unknown names fall back to "aws" as the SDKs do.
//
// Thread-safety: immutable static data.
#pragma once

#include <span>
#include <string_view>

namespace aws::endpoints {

struct Partition {
  std::string_view id;                 // "aws", "aws-cn", "aws-us-gov"
  std::string_view dns_suffix;         // "amazonaws.com", "amazonaws.com.cn"
  std::string_view dual_stack_suffix;  // "api.aws", "api.amazonwebservices.com.cn"
  std::string_view region_regex;       // documentation of the match; see PartitionForRegion
  std::string_view global_region;      // where global endpoints sign: us-east-1, cn-north-1, ...
  std::string_view global_pseudo_region;         // "aws-global", "aws-cn-global", ...
  std::span<const std::string_view> known_regions;  // static list (empty for aws: use ListRegions)
};

// The partition of `region` ("aws-global" style pseudo-regions included).
const Partition& PartitionForRegion(std::string_view region);
// By id; nullptr when unknown.
const Partition* FindPartition(std::string_view id);
std::span<const Partition> AllPartitions();

// Whether `region` is a valid host label sequence (what the rule sets check before building a
// host: letters, digits and '-', no leading '-').
bool IsValidRegionName(std::string_view region);

}  // namespace aws::endpoints
