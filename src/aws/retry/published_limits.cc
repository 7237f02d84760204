#include "aws/retry/published_limits.h"

#include <algorithm>
#include <iterator>

namespace aws {
namespace {

bool PublishedReadOnly(std::string_view op) {
  return op.starts_with("Describe") || op.starts_with("List") || op.starts_with("Get") ||
         op.starts_with("Search");
}

bool HasSmallBucket(std::string_view op) {
  static constexpr std::string_view kOps[] = {
      "DescribeInstances",      "DescribeInstanceStatus", "DescribeNetworkInterfaces",
      "DescribeSecurityGroups", "DescribeSnapshots",      "DescribeSpotInstanceRequests",
      "DescribeVolumes"};
  return std::find(std::begin(kOps), std::end(kOps), op) != std::end(kOps);
}

PublishedBucket PublishedPerSecond(double rate) { return {rate, rate}; }

}  // namespace

std::optional<PublishedBucket> PublishedLimit(std::string_view service, std::string_view op,
                                              bool unfiltered) {
  if (service == "ec2") {
    if (unfiltered && HasSmallBucket(op)) return PublishedBucket{50, 10};
    return PublishedReadOnly(op) ? PublishedBucket{100, 20} : PublishedBucket{50, 5};
  }
  if (service == "ecs") {
    if (PublishedReadOnly(op)) return PublishedBucket{50, 20};
    return std::nullopt;
  }
  if (service == "account" && (op == "ListRegions" || op == "GetRegionOptStatus")) {
    return PublishedBucket{5, 5};
  }
  if (service == "service-quotas") {
    if (op.starts_with("List")) return PublishedPerSecond(10);
    if (op.starts_with("Get")) return PublishedPerSecond(5);
  }
  if (service == "kinesis") {
    if (op == "ListStreams") return PublishedPerSecond(5);
    if (op == "DescribeStream") return PublishedPerSecond(10);
    if (op == "DescribeStreamSummary") return PublishedPerSecond(20);
  }
  if (service == "route53") return PublishedPerSecond(5);
  if (service == "resource-explorer-2") return PublishedPerSecond(op == "Search" ? 5 : 3);
  if (service == "athena" && op == "ListQueryExecutions") return PublishedPerSecond(5);
  if (service == "cloudcontrol") return PublishedPerSecond(25);
  return std::nullopt;
}

bool Ec2UnfilteredRequest(std::string_view service, std::string_view op, const json::object& params) {
  if (service != "ec2" || !HasSmallBucket(op)) return false;
  for (const auto& kv : params) {
    std::string_view k = kv.key();
    if (k == "MaxResults" || k == "Filters" || k == "Filter" || k.ends_with("Ids") ||
        k.ends_with("Id")) {
      return false;
    }
  }
  return true;
}

std::string LimiterKey(std::string_view account, std::string_view region, std::string_view service,
                       std::string_view op, bool unfiltered) {
  std::string key;
  key.reserve(account.size() + region.size() + service.size() + op.size() + 16);
  key.append(account).append("/").append(region).append("/").append(service).append(":").append(op);
  if (unfiltered) key += " (unfiltered)";
  return key;
}

}  // namespace aws
