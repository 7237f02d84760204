#include "catalog/regions/enabled_regions.h"

#include <algorithm>

#include "aws/endpoints/partitions.h"
#include "aws/model/service_model.h"
#include "aws/pagination/paginator.h"
#include "core/log.h"

namespace catalog::regions {
namespace {

namespace asio = boost::asio;
using core::Result;
using core::Status;

// Regions of a ListRegions or DescribeRegions page. Servers filter by opt-in status already;
// entries that still say "not enabled" are dropped in case an endpoint ignores the filter.
Status CollectRegions(const json::value& page, std::string_view status_key,
                      std::span<const std::string_view> excluded_statuses,
                      std::vector<std::string>& out) {
  if (!page.is_object()) return Status::ParseError("response is not a JSON object");
  const json::array* regions = core::FindArray(page.as_object(), "Regions");
  if (regions == nullptr) return Status::Ok();  // no regions on this page
  for (const json::value& r : *regions) {
    if (!r.is_object()) continue;
    std::string_view name = core::FindString(r.as_object(), "RegionName");
    std::string_view status = core::FindString(r.as_object(), status_key);
    if (name.empty()) continue;
    if (std::find(excluded_statuses.begin(), excluded_statuses.end(), status) !=
        excluded_statuses.end()) {
      continue;
    }
    out.emplace_back(name);
  }
  return Status::Ok();
}

// account:ListRegions, every page. Upstream (aws-v3 RegionResolver.get_enabled_regions) makes a
// single call and ignores NextToken, so an account with more enabled regions than one page holds
// silently loses the rest; we follow the paginator to the end.
asio::awaitable<Result<std::vector<std::string>>> ListRegions(aws::AwsClient& client,
                                                              const aws::CallTarget& target) {
  static constexpr std::string_view kNotEnabled[] = {"DISABLED", "DISABLING", "ENABLING"};
  CORE_CO_ASSIGN_OR_RETURN(const aws::model::ServiceModel* service,
                           aws::model::GetService("account"));
  const aws::model::Operation* op = service->FindOperation("ListRegions");
  if (op == nullptr) co_return Status::Internal("account model has no ListRegions operation");
  json::object params;
  params["RegionOptStatusContains"] = json::array{"ENABLED", "ENABLED_BY_DEFAULT"};
  aws::pagination::PageIterator pages(
      [&](const json::object& p) { return client.Call(target, *service, *op, p); }, *service, *op,
      std::move(params));
  std::vector<std::string> regions;
  for (;;) {
    Result<std::optional<json::value>> page = co_await pages.Next();
    if (!page.ok()) co_return page.status();
    if (!page->has_value()) break;
    Status st = CollectRegions(**page, "RegionOptStatus", kNotEnabled, regions);
    if (!st.ok()) co_return st.WithContext("account.ListRegions");
  }
  co_return regions;
}

// ec2:DescribeRegions without AllRegions: AWS answers with the regions enabled for the account.
asio::awaitable<Result<std::vector<std::string>>> DescribeRegions(aws::AwsClient& client,
                                                                  const aws::CallTarget& target) {
  static constexpr std::string_view kNotEnabled[] = {"not-opted-in"};
  Result<json::value> answer = co_await client.Call(target, "ec2", "DescribeRegions", {});
  if (!answer.ok()) co_return answer.status();
  std::vector<std::string> regions;
  Status st = CollectRegions(*answer, "OptInStatus", kNotEnabled, regions);
  if (!st.ok()) co_return st.WithContext("ec2.DescribeRegions");
  co_return regions;
}

}  // namespace

std::string_view RegionSourceName(RegionSource source) {
  switch (source) {
    case RegionSource::kListRegions: return "account:ListRegions";
    case RegionSource::kDescribeRegions: return "ec2:DescribeRegions";
    case RegionSource::kStaticList: return "the partition's static region list";
  }
  return "unknown";
}

std::vector<std::string> NormalizeRegionNames(std::vector<std::string> names,
                                              std::string_view account_id,
                                              std::string_view partition_id) {
  std::vector<std::string> foreign;
  std::erase_if(names, [&](const std::string& name) {
    if (!aws::endpoints::IsValidRegionName(name)) {
      LOG_WARN("account {}: ignoring region name \"{}\": not a valid region name", account_id,
               name);
      return true;
    }
    if (aws::endpoints::PartitionForRegion(name).id == partition_id) return false;
    foreign.push_back(name);
    return true;
  });
  if (!foreign.empty()) {
    std::sort(foreign.begin(), foreign.end());
    std::string list;
    for (const std::string& f : foreign) list += (list.empty() ? "" : ", ") + f;
    LOG_WARN("account {}: ignoring {} region(s) of another partition than {}: {}", account_id,
             foreign.size(), partition_id, list);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

asio::awaitable<Result<EnabledRegionList>> DiscoverEnabledRegions(aws::AwsClient& client,
                                                                  const AccountSession& session) {
  const std::string& account_id = session.info.id;
  const aws::endpoints::Partition* partition = aws::endpoints::FindPartition(session.partition);
  if (partition == nullptr) {
    co_return Status::InvalidArgument("account " + account_id + ": unknown AWS partition \"" +
                                      session.partition + "\" (aws, aws-cn or aws-us-gov)");
  }
  EnabledRegionList out;
  if (partition->id != "aws") {
    // As upstream: no ListRegions outside the commercial partition; its known regions instead.
    out.source = RegionSource::kStaticList;
    for (std::string_view r : partition->known_regions) out.regions.emplace_back(r);
    out.regions = NormalizeRegionNames(std::move(out.regions), account_id, partition->id);
    co_return out;
  }

  // Both calls go to the partition's global region: account is a global service, and ec2 answers
  // DescribeRegions for the whole account from any region that is always enabled.
  aws::CallTarget target{session.credentials, std::string(partition->global_region), account_id};
  Result<std::vector<std::string>> listed = co_await ListRegions(client, target);
  if (listed.ok() && !listed->empty()) {
    out.source = RegionSource::kListRegions;
    out.regions = NormalizeRegionNames(std::move(*listed), account_id, partition->id);
    co_return out;
  }
  // Any failure falls back, not only AccessDenied: an SCP, an endpoint without the Account API
  // (emulators, proxies) or a transient outage should not cost the account its whole export.
  out.fallback_reason = listed.ok() ? "account:ListRegions returned no regions"
                                    : listed.status().ToString();
  LOG_WARN("account {}: account:ListRegions failed ({}); falling back to ec2:DescribeRegions",
           account_id, out.fallback_reason);
  Result<std::vector<std::string>> described = co_await DescribeRegions(client, target);
  if (!described.ok()) {
    const Status& st = described.status();
    co_return Status(st.code(), "account " + account_id +
                                    ": cannot discover enabled regions: account:ListRegions: " +
                                    out.fallback_reason + "; ec2:DescribeRegions: " + st.ToString())
        .WithRemote(std::string(st.remote_code()), st.http_status(), std::string(st.request_id()));
  }
  out.source = RegionSource::kDescribeRegions;
  out.regions = NormalizeRegionNames(std::move(*described), account_id, partition->id);
  co_return out;
}

}  // namespace catalog::regions
