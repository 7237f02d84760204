#include "catalog/regions/global_region.h"

#include <algorithm>

#include "aws/endpoints/partitions.h"
#include "core/log.h"

namespace catalog::regions {

namespace asio = boost::asio;
using core::Result;
using core::Status;

namespace {

bool IsGlobalRegion(std::string_view region) {
  return aws::endpoints::PartitionForRegion(region).global_region == region;
}

}  // namespace

std::vector<std::string> GlobalKindOrder(std::span<const std::string> regions) {
  std::vector<std::string> order(regions.begin(), regions.end());
  std::sort(order.begin(), order.end());
  order.erase(std::unique(order.begin(), order.end()), order.end());
  // A stable partition keeps both groups sorted; an account's regions share one partition, so
  // at most one global region moves to the front.
  std::stable_partition(order.begin(), order.end(), IsGlobalRegion);
  return order;
}

asio::awaitable<Result<std::string>> FirstAnsweringRegion(std::vector<std::string> regions,
                                                          RegionAttempt attempt) {
  std::vector<std::string> order = GlobalKindOrder(regions);
  if (order.empty()) co_return Status::InvalidArgument("no candidate regions to try");
  std::string tried;
  Status last_denial;
  for (const std::string& region : order) {
    Status st = co_await attempt(region);
    if (st.ok()) co_return region;
    if (st.code() != core::StatusCode::kPermissionDenied) {
      co_return st.WithContext("region " + region);
    }
    LOG_DEBUG("region {}: access denied ({}); trying the next region", region, st.message());
    if (!tried.empty()) tried += ", ";
    tried += region;
    last_denial = std::move(st);
  }
  co_return Status::PermissionDenied("access denied in every candidate region (" + tried +
                                     "); last: " + last_denial.message())
      .WithRemote(std::string(last_denial.remote_code()), last_denial.http_status(),
                  std::string(last_denial.request_id()));
}

}  // namespace catalog::regions
