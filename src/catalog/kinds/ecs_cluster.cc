// Kind AWS::ECS::Cluster (regional). Lists ListClusters -> clusterArns; each cluster's identity
// is its ARN. DescribeClustersAction (the only action, a default) makes one DescribeClusters call
// per batch of at most 100 ARNs with include=[TAGS, ATTACHMENTS, SETTINGS, CONFIGURATIONS,
// STATISTICS] and maps the answers back by clusterArn.
// Properties: ECS's camelCase top-level keys under upstream's model aliases (settings ->
// ClusterSettings, the others PascalCased), in the model's order (ClusterArn last). Nested values
// stay exactly as ECS sends them, as upstream's untyped dict fields keep them: Tags
// [{key, value}], ClusterSettings and Statistics [{name, value}], camelCase inside Configuration.
// A top-level key upstream's model does not declare is dropped, as its extra="ignore" does.
// Divergences from upstream:
// - Upstream merges DescribeClusters' `clusters` by list position, so one `failures` entry shifts
//   every later cluster's data onto the wrong ARN. Here a cluster listed in `failures` (or absent
//   from the answer) is emitted without the description, logged and counted as an enrichment
//   error; the others keep their own data.
// - A DescribeClusters call denied or answered "not found" as a whole leaves the batch without
//   descriptions with one warning, uncounted (the framework's policy for per-resource calls).
// - get_one takes an ARN or a name and resolves it to the ARN with DescribeClusters, so the
//   result is keyed like a listed cluster; a cluster ECS reports MISSING is "not found".
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "catalog/kinds/kinds.h"
#include "core/log.h"

namespace catalog::kinds {
namespace {

namespace asio = boost::asio;
using core::Result;
using core::Status;

constexpr std::size_t kMaxClustersPerCall = 100;  // DescribeClusters' limit
constexpr std::string_view kActionName = "DescribeClustersAction";

struct Field {
  std::string_view aws;     // DescribeClusters' key
  std::string_view output;  // upstream's alias
};

// Upstream's ClusterProperties, in declaration order.
constexpr Field kFields[] = {
    {"clusterName", "ClusterName"},
    {"capacityProviders", "CapacityProviders"},
    {"settings", "ClusterSettings"},
    {"configuration", "Configuration"},
    {"defaultCapacityProviderStrategy", "DefaultCapacityProviderStrategy"},
    {"serviceConnectDefaults", "ServiceConnectDefaults"},
    {"tags", "Tags"},
    {"attachments", "Attachments"},
    {"attachmentsStatus", "AttachmentsStatus"},
    {"statistics", "Statistics"},
    {"status", "Status"},
    {"runningTasksCount", "RunningTasksCount"},
    {"activeServicesCount", "ActiveServicesCount"},
    {"pendingTasksCount", "PendingTasksCount"},
    {"registeredContainerInstancesCount", "RegisteredContainerInstancesCount"},
    {"clusterArn", "ClusterArn"},
};

constexpr std::string_view kPropertyOrder[] = {
    "ClusterName", "CapacityProviders", "ClusterSettings", "Configuration",
    "DefaultCapacityProviderStrategy", "ServiceConnectDefaults", "Tags", "Attachments",
    "AttachmentsStatus", "Statistics", "Status", "RunningTasksCount", "ActiveServicesCount",
    "PendingTasksCount", "RegisteredContainerInstancesCount", "ClusterArn"};

// One DescribeClusters cluster as upstream's model emits it.
json::object ToProperties(const json::object& cluster) {
  json::object props;
  for (const Field& f : kFields) {
    if (const json::value* v = cluster.if_contains(f.aws)) props[f.output] = *v;
  }
  return props;
}

asio::awaitable<Result<json::value>> DescribeClusters(aws::AwsClient& client,
                                                      const aws::CallTarget& target,
                                                      json::array clusters, bool with_details) {
  json::object params;
  params["clusters"] = std::move(clusters);
  if (with_details) {
    params["include"] =
        json::array{"TAGS", "ATTACHMENTS", "SETTINGS", "CONFIGURATIONS", "STATISTICS"};
  }
  co_return co_await client.Call(target, "ecs", "DescribeClusters", std::move(params));
}

Status ToResources(const ListContext&, const json::value& item, const json::object& base_extra,
                   std::vector<Resource>& out) {
  if (!item.is_string()) return Status::ParseError("ListClusters: clusterArns holds a non-string");
  out.push_back(Resource{std::string(item.get_string()), {}, base_extra});
  return Status::Ok();
}

// Describes `rs` (at most kMaxClustersPerCall) in one call and appends what came back, keyed by
// clusterArn. A cluster not described is logged and counted.
asio::awaitable<Status> DescribeChunk(ActionContext& ctx, std::span<const Resource> rs,
                                      Enrichments& out) {
  json::array arns;
  for (const Resource& r : rs) arns.push_back(json::string(r.id));
  Result<json::value> res = co_await DescribeClusters(ctx.client, ctx.target, std::move(arns),
                                                      /*with_details=*/true);
  if (!res.ok()) {
    core::StatusCode code = res.status().code();
    if (code != core::StatusCode::kPermissionDenied && code != core::StatusCode::kNotFound) {
      co_return res.status();
    }
    LOG_WARN("{} skipped for {} clusters: {}", kActionName, rs.size(), res.status().message());
    co_return Status::Ok();
  }
  const json::object& answer = res->as_object();
  std::unordered_set<std::string_view> wanted;
  for (const Resource& r : rs) wanted.insert(r.id);
  std::unordered_set<std::string_view> described;  // views into `answer`
  if (const json::array* clusters = core::FindArray(answer, "clusters")) {
    for (const json::value& c : *clusters) {
      const json::object* cluster = c.if_object();
      std::string_view arn = cluster ? core::FindString(*cluster, "clusterArn") : "";
      if (arn.empty() || !wanted.contains(arn) || described.contains(arn)) continue;
      described.insert(arn);
      out.emplace_back(std::string(arn), ToProperties(*cluster));
    }
  }
  std::unordered_map<std::string, std::string> reasons;  // arn -> "reason: detail"
  if (const json::array* failures = core::FindArray(answer, "failures")) {
    for (const json::value& f : *failures) {
      const json::object* failure = f.if_object();
      if (!failure) continue;
      std::string reason(core::FindString(*failure, "reason", "unknown reason"));
      std::string_view detail = core::FindString(*failure, "detail");
      if (!detail.empty()) reason += ": " + std::string(detail);
      reasons.emplace(core::FindString(*failure, "arn"), std::move(reason));
    }
  }
  for (const Resource& r : rs) {
    if (described.contains(r.id)) continue;
    auto it = reasons.find(r.id);
    if (ctx.enrichment_errors) ++*ctx.enrichment_errors;
    LOG_WARN("{} failed for {}: {}", kActionName, r.id,
             it != reasons.end() ? it->second : std::string("not in DescribeClusters' answer"));
  }
  co_return Status::Ok();
}

asio::awaitable<Result<Enrichments>> DescribeClustersAction(ActionContext& ctx,
                                                            std::span<const Resource> rs) {
  Enrichments out;
  for (std::size_t i = 0; i < rs.size(); i += kMaxClustersPerCall) {
    Status st = co_await DescribeChunk(
        ctx, rs.subspan(i, std::min(kMaxClustersPerCall, rs.size() - i)), out);
    if (!st.ok()) co_return st;
  }
  co_return out;
}

// By ARN or by name: DescribeClusters resolves either to the cluster's ARN.
asio::awaitable<Result<std::optional<Resource>>> GetOne(ListContext& ctx, std::string_view id,
                                                        const json::object& base_extra) {
  json::array ids;
  ids.push_back(json::string(id));
  Result<json::value> res =
      co_await DescribeClusters(ctx.client, ctx.target, std::move(ids), /*with_details=*/false);
  if (!res.ok()) {
    if (res.status().code() == core::StatusCode::kNotFound) co_return std::optional<Resource>();
    co_return res.status();
  }
  if (const json::array* clusters = core::FindArray(res->as_object(), "clusters")) {
    for (const json::value& c : *clusters) {
      const json::object* cluster = c.if_object();
      std::string_view arn = cluster ? core::FindString(*cluster, "clusterArn") : "";
      if (!arn.empty()) {
        co_return std::optional<Resource>(Resource{std::string(arn), {}, base_extra});
      }
    }
  }
  co_return std::optional<Resource>();
}

constexpr ActionSpec kActions[] = {
    {kActionName, true, &DescribeClustersAction, "DescribeClusters"},
};

}  // namespace

extern const KindSpec kEcsCluster{
    .name = "AWS::ECS::Cluster",
    .service = "ecs",
    .scope = KindScope::kRegional,
    .list_operation = "ListClusters",
    .list_result_key = "clusterArns",
    .to_resources = &ToResources,
    .get_one = &GetOne,
    .actions = kActions,
    .property_order = kPropertyOrder,
};

}  // namespace catalog::kinds
