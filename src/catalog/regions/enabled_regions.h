// Enabled-region discovery: which regions an account can be exported from.
//
//   partition aws-cn / aws-us-gov -> the partition's static region list (as upstream; neither
//                                    partition has opt-in regions)
//   partition aws                 -> account:ListRegions(RegionOptStatusContains=[ENABLED,
//                                    ENABLED_BY_DEFAULT]), every page
//                   on any failure -> ec2:DescribeRegions in the partition's global region
//                                    (which lists only the regions enabled for the account)
//                  if that fails   -> an error naming both failures
//
// The answer is sorted and de-duplicated and says where it came from. Region names newer than
// our partition data are accepted as AWS returns them; only names that are not a valid host label
// (which could never be called) are dropped, with a warning.
//
// Thread-safety: DiscoverEnabledRegions is a coroutine for the AwsClient's io_context; the client
// and the session must outlive it.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "aws/client.h"
#include "catalog/account.h"
#include "core/result.h"

namespace catalog::regions {

enum class RegionSource {
  kListRegions,      // account:ListRegions
  kDescribeRegions,  // ec2:DescribeRegions, after ListRegions failed
  kStaticList,       // the partition's static list (aws-cn, aws-us-gov)
};

// "account:ListRegions", "ec2:DescribeRegions", "static list for <partition>" style names.
std::string_view RegionSourceName(RegionSource source);

struct EnabledRegionList {
  std::vector<std::string> regions;  // sorted, unique
  RegionSource source = RegionSource::kListRegions;
  std::string fallback_reason;  // why ListRegions was not used (kDescribeRegions only)
};

// Discovers the enabled regions of `session`'s account (see the file comment). Errors keep the
// StatusCode of the DescribeRegions failure (PermissionDenied when both calls were denied), so a
// caller can skip the account on access denied and fail it otherwise.
boost::asio::awaitable<core::Result<EnabledRegionList>> DiscoverEnabledRegions(
    aws::AwsClient& client, const AccountSession& session);

// Sorts, de-duplicates and drops names that are not valid region names, and regions of another
// partition than `partition_id` (AWS never lists them; emulators such as moto do, and a cn-*
// region in an aws account would make a global kind sign for the wrong partition), each with a
// warning naming `account_id`. Exposed for tests.
std::vector<std::string> NormalizeRegionNames(std::vector<std::string> names,
                                              std::string_view account_id,
                                              std::string_view partition_id = "aws");

}  // namespace catalog::regions
