#include "catalog/regions/availability.h"

#include <algorithm>

namespace catalog::regions {
namespace {

// Upstream's aws-v3 `aws/core/exporters/memorydb/user/regions.py` lists 21 regions: the 19
// commercial ones and the two GovCloud ones below. botocore 1.43.11's endpoint data for
// `memorydb` has exactly those and, in addition, the two China regions; upstream omits them, so
// it never lists MemoryDB users in aws-cn. We include them (the service exists there; a missing
// region only ever loses data).
constexpr std::string_view kMemoryDbList[] = {
    // Upstream's list.
    "ap-east-1", "ap-northeast-1", "ap-northeast-2", "ap-south-1", "ap-southeast-1",
    "ap-southeast-2", "ca-central-1", "eu-central-1", "eu-north-1", "eu-south-1", "eu-south-2",
    "eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1", "us-east-1", "us-east-2", "us-gov-east-1",
    "us-gov-west-1", "us-west-1", "us-west-2",
    // botocore 1.43.11 endpoint data, not in upstream's list.
    "cn-north-1", "cn-northwest-1"};

// Upstream's aws-v3 `aws/core/exporters/ses/regions.py` lists 27 regions (25 commercial, two
// GovCloud). botocore 1.43.11's endpoint data for `sesv2` (and `ses`) also has ap-southeast-5 and
// ca-west-1, which upstream's list predates; we include them. Neither lists a China region.
constexpr std::string_view kSesList[] = {
    // Upstream's list.
    "af-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1",
    "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ca-central-1",
    "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-west-1", "eu-west-2",
    "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "sa-east-1", "us-east-1",
    "us-east-2", "us-gov-east-1", "us-gov-west-1", "us-west-1", "us-west-2",
    // botocore 1.43.11 endpoint data, not in upstream's list.
    "ap-southeast-5", "ca-west-1"};

}  // namespace

constinit const std::span<const std::string_view> kMemoryDbRegions = kMemoryDbList;
constinit const std::span<const std::string_view> kSesRegions = kSesList;

std::vector<std::string> FilterSupported(std::span<const std::string> regions,
                                         std::span<const std::string_view> supported) {
  if (supported.empty()) return {regions.begin(), regions.end()};
  std::vector<std::string> out;
  for (const std::string& region : regions) {
    if (std::find(supported.begin(), supported.end(), region) != supported.end()) {
      out.push_back(region);
    }
  }
  return out;
}

}  // namespace catalog::regions
