// Fake ECS (json 1.1): ListClusters (maxResults 1..100 + nextToken) and DescribeClusters (<= 100
// names or ARNs; include TAGS/SETTINGS/STATISTICS/ATTACHMENTS/CONFIGURATIONS; unknown clusters
// in failures as MISSING). Clusters are "cluster-<index, 7 digits>".
#include <algorithm>
#include <charconv>

#include "services.h"

namespace fakeaws {

namespace {

std::string ClusterArn(const ServiceContext& ctx, uint64_t index) {
  return "arn:aws:ecs:" + ctx.call.region + ":" + ctx.call.account + ":cluster/cluster-" +
         PaddedDecimal(index, 7);
}

// The index of the cluster named or ARN'd `ref` in this scope, if it exists.
std::optional<uint64_t> ClusterIndex(const ServiceContext& ctx, std::string_view ref) {
  std::string prefix = "arn:aws:ecs:" + ctx.call.region + ":" + ctx.call.account + ":cluster/";
  if (ref.starts_with("arn:")) {
    if (!ref.starts_with(prefix)) return std::nullopt;
    ref = ref.substr(prefix.size());
  }
  if (!ref.starts_with("cluster-") || ref.size() != 15) return std::nullopt;
  uint64_t index = 0;
  auto r = std::from_chars(ref.data() + 8, ref.data() + 15, index);
  if (r.ec != std::errc() || r.ptr != ref.data() + 15) return std::nullopt;
  if (index >= ctx.universe.Count(Kind::kEcsCluster, ctx.account, ctx.region)) return std::nullopt;
  if (ctx.universe.IsRemoved(ClusterArn(ctx, index))) return std::nullopt;
  return index;
}

std::string_view JsonString(const json::value& body, std::string_view key) {
  const json::object* o = body.if_object();
  return o ? core::FindString(*o, key) : std::string_view();
}

Reply ListClusters(const ServiceContext& ctx) {
  std::string limit;
  if (const json::object* o = ctx.call.json.if_object()) {
    if (const json::value* v = o->if_contains("maxResults")) {
      limit = v->is_int64() ? std::to_string(v->get_int64()) : "invalid";
    }
  }
  PageRequest page = ReadPage(ctx, "ListClusters", JsonString(ctx.call.json, "nextToken"), limit, 1,
                              100, 100, "maxResults");
  if (page.error) return *page.error;
  uint64_t count = ctx.universe.Count(Kind::kEcsCluster, ctx.account, ctx.region);
  uint64_t end = std::min(count, page.start + page.size);
  std::string o = "{\"clusterArns\":[";
  bool first = true;
  for (uint64_t i = page.start; i < end; ++i) {
    std::string arn = ClusterArn(ctx, i);
    if (ctx.universe.IsRemoved(arn)) continue;
    o.append(first ? "\"" : ",\"").append(arn).append("\"");
    first = false;
  }
  o.append("]");
  if (end < count) {
    o.append(",\"nextToken\":\"")
        .append(MakeToken(end, TokenScope(ctx, "ListClusters")))
        .append("\"");
  }
  o.append("}");
  return JsonReply(std::move(o), ctx.request_id);
}

void AppendCluster(std::string& o, const ServiceContext& ctx, uint64_t index,
                   const std::vector<std::string>& include) {
  auto has = [&](std::string_view w) {
    return std::find(include.begin(), include.end(), w) != include.end();
  };
  uint64_t h = Mix(ctx.universe.seed(), static_cast<uint64_t>(ctx.account),
                   static_cast<uint64_t>(ctx.region), index, 0xEC5);
  uint64_t running = h % 40, pending = (h >> 8) % 3, services = (h >> 12) % 12,
           instances = (h >> 16) % 2 ? (h >> 20) % 10 : 0;
  bool fargate = (h >> 24) % 2;
  o.append("{\"clusterArn\":\"")
      .append(ClusterArn(ctx, index))
      .append("\",\"clusterName\":\"cluster-")
      .append(PaddedDecimal(index, 7))
      .append("\",\"status\":\"ACTIVE\",\"registeredContainerInstancesCount\":");
  AppendUint(o, instances);
  o.append(",\"runningTasksCount\":");
  AppendUint(o, running);
  o.append(",\"pendingTasksCount\":");
  AppendUint(o, pending);
  o.append(",\"activeServicesCount\":");
  AppendUint(o, services);
  if (has("STATISTICS")) {
    o.append(",\"statistics\":[{\"name\":\"runningEC2TasksCount\",\"value\":\"");
    AppendUint(o, fargate ? 0 : running);
    o.append("\"},{\"name\":\"runningFargateTasksCount\",\"value\":\"");
    AppendUint(o, fargate ? running : 0);
    o.append(
        "\"},{\"name\":\"pendingFargateTasksCount\",\"value\":\"0\"},"
        "{\"name\":\"activeFargateServiceCount\",\"value\":\"");
    AppendUint(o, fargate ? services : 0);
    o.append("\"}]");
  }
  if (has("TAGS")) {
    o.append(",\"tags\":[{\"key\":\"env\",\"value\":\"")
        .append((h >> 28) % 2 ? "prod" : "dev")
        .append("\"},{\"key\":\"owner\",\"value\":\"team-");
    AppendUint(o, (h >> 30) % 20);
    o.append("\"}]");
  }
  if (has("SETTINGS")) {
    o.append(",\"settings\":[{\"name\":\"containerInsights\",\"value\":\"")
        .append((h >> 34) % 3 ? "enabled" : "disabled")
        .append("\"}]");
  }
  if (has("CONFIGURATIONS")) {
    o.append(",\"configuration\":{\"executeCommandConfiguration\":{\"logging\":\"DEFAULT\"}}");
  }
  o.append(",\"capacityProviders\":[")
      .append(fargate ? "\"FARGATE\",\"FARGATE_SPOT\"" : "")
      .append("],\"defaultCapacityProviderStrategy\":[")
      .append(fargate ? "{\"capacityProvider\":\"FARGATE\",\"weight\":1,\"base\":0}" : "")
      .append("]");
  if (has("ATTACHMENTS")) o.append(",\"attachments\":[]");
  o.append("}");
}

Reply DescribeClusters(const ServiceContext& ctx) {
  std::vector<std::string> refs, include;
  if (const json::object* body = ctx.call.json.if_object()) {
    for (auto [key, out] : {std::pair{"clusters", &refs}, std::pair{"include", &include}}) {
      if (const json::array* a = core::FindArray(*body, key)) {
        for (const json::value& v : *a) {
          if (v.is_string()) out->emplace_back(v.get_string());
        }
      }
    }
  }
  if (refs.size() > 100) {
    return InvalidParameterReply(ctx.call, "clusters can have at most 100 items.", ctx.request_id);
  }
  if (refs.empty()) refs.push_back("default");
  std::string clusters, failures;
  for (const std::string& ref : refs) {
    std::optional<uint64_t> index = ClusterIndex(ctx, ref);
    bool failing = false;  // a configured failing id: a failure entry, as ECS reports one
    for (const std::string& f : ctx.universe.config().failing_ids) {
      failing = failing || ref.find(f) != std::string::npos;
    }
    if (!index || failing) {
      std::string arn = ref.starts_with("arn:") ? ref
                                                : "arn:aws:ecs:" + ctx.call.region + ":" +
                                                      ctx.call.account + ":cluster/" + ref;
      failures.append(failures.empty() ? "" : ",").append("{\"arn\":\"");
      AppendJsonEscaped(failures, arn);
      failures.append(failing ? "\",\"reason\":\"INTERNAL_ERROR\"}" : "\",\"reason\":\"MISSING\"}");
      continue;
    }
    if (!clusters.empty()) clusters.push_back(',');
    AppendCluster(clusters, ctx, *index, include);
  }
  return JsonReply("{\"clusters\":[" + clusters + "],\"failures\":[" + failures + "]}",
                   ctx.request_id);
}

}  // namespace

Reply HandleEcs(const ServiceContext& ctx) {
  const std::string& op = ctx.call.operation;
  if (op == "ListClusters") return ListClusters(ctx);
  if (op == "DescribeClusters") return DescribeClusters(ctx);
  return UnknownOperationReply(ctx.call, ctx.request_id);
}

}  // namespace fakeaws
