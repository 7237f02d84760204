// Kind AWS::EC2::Instance (regional). Lists DescribeInstances -> Reservations; every instance of
// a reservation is a resource whose identity is its InstanceId. Properties: the instance as
// DescribeInstances returns it, every field kept (upstream's model allows extras), in upstream's
// declared field order; DescribeInstanceStatusAction adds the instance's DescribeInstanceStatus
// entry (InstanceState, InstanceStatus, SystemStatus, Events, AvailabilityZone, Operator, ...)
// under AWS's own names. __ExtraContext: AccountId, Region, then the reservation's own fields
// (ReservationId, OwnerId, RequesterId, Groups — whatever it carries except Instances).
// Divergences from upstream:
// - DescribeInstanceStatus is one call per batch of at most 100 instances
//   (IncludeAllInstances=True, every page) mapped back by InstanceId, not one call per instance
//   merged by position. When an instance vanished since the listing (InvalidInstanceID.NotFound
//   fails the whole call) the batch is retried per instance, so the others keep their status.
// - Instances are batched by 100 across reservations, not one batch per reservation; the
//   envelopes are the same.
// - get_one fetches the instance with DescribeInstances and carries the reservation's extra
//   context; upstream's single-instance path inspects the bare id string.
#include <algorithm>

#include "catalog/kinds/kinds.h"
#include "core/log.h"

namespace catalog::kinds {
namespace {

namespace asio = boost::asio;
using core::Result;
using core::Status;

constexpr std::size_t kMaxIdsPerStatusCall = 100;

Status ToResources(const ListContext&, const json::value& item, const json::object& base_extra,
                   std::vector<Resource>& out) {
  const json::object* reservation = item.if_object();
  if (!reservation) return Status::ParseError("DescribeInstances: Reservations holds a non-object");
  json::object extra = base_extra;
  for (const auto& kv : *reservation) {
    if (kv.key() != "Instances") extra[kv.key()] = kv.value();
  }
  const json::array* instances = core::FindArray(*reservation, "Instances");
  if (!instances) return Status::Ok();
  for (const json::value& instance : *instances) {
    const json::object* obj = instance.if_object();
    std::string_view id = obj ? core::FindString(*obj, "InstanceId") : std::string_view();
    if (id.empty()) return Status::ParseError("DescribeInstances: an instance without InstanceId");
    out.push_back(Resource{std::string(id), *obj, extra});
  }
  return Status::Ok();
}

// Upstream's pass-through: the listing already put each instance's own fields in its
// properties, so there is nothing to add.
asio::awaitable<Result<Enrichments>> DescribeInstances(ActionContext&, std::span<const Resource>) {
  co_return Enrichments();
}

// Appends the DescribeInstanceStatus entries of `rs` (every page of one call), keyed by
// InstanceId. A hand NextToken loop, not CallAllPages: EC2 rejects MaxResults together with
// InstanceIds.
asio::awaitable<Status> FetchStatuses(ActionContext& ctx, std::span<const Resource> rs,
                                      Enrichments& out) {
  json::array ids;
  for (const Resource& r : rs) ids.push_back(json::string(r.id));
  std::string token;
  while (true) {
    json::object params;
    params["InstanceIds"] = ids;
    params["IncludeAllInstances"] = true;
    if (!token.empty()) params["NextToken"] = token;
    Result<json::value> res =
        co_await ctx.client.Call(ctx.target, "ec2", "DescribeInstanceStatus", std::move(params));
    if (!res.ok()) co_return res.status();
    const json::object& page = res->as_object();
    if (const json::array* statuses = core::FindArray(page, "InstanceStatuses")) {
      for (const json::value& s : *statuses) {
        const json::object* entry = s.if_object();
        std::string_view id = entry ? core::FindString(*entry, "InstanceId") : std::string_view();
        if (!id.empty()) out.emplace_back(std::string(id), *entry);
      }
    }
    std::string_view next = core::FindString(page, "NextToken");
    if (next.empty()) co_return Status::Ok();
    if (next == token) co_return Status::Internal("DescribeInstanceStatus repeated its NextToken");
    token = std::string(next);
  }
}

asio::awaitable<Result<Enrichments>> DescribeInstanceStatus(ActionContext& ctx,
                                                            std::span<const Resource> rs) {
  Enrichments out;
  for (std::size_t i = 0; i < rs.size(); i += kMaxIdsPerStatusCall) {
    std::span<const Resource> chunk = rs.subspan(i, std::min(kMaxIdsPerStatusCall, rs.size() - i));
    Enrichments got;
    Status st = co_await FetchStatuses(ctx, chunk, got);
    if (st.ok()) {
      for (auto& e : got) out.push_back(std::move(e));
      continue;
    }
    if (st.code() == core::StatusCode::kPermissionDenied) {
      LOG_WARN("DescribeInstanceStatusAction skipped for {} instances: {}", chunk.size(),
               st.message());
      continue;
    }
    if (st.code() != core::StatusCode::kNotFound) co_return st;
    // An instance of the chunk is gone: ask one by one so the others keep their status.
    Result<Enrichments> each = co_await EnrichEach(
        ctx, chunk, "DescribeInstanceStatusAction",
        [&ctx](const Resource& r) -> asio::awaitable<Result<json::object>> {
          Enrichments one;
          Status s = co_await FetchStatuses(ctx, std::span<const Resource>(&r, 1), one);
          if (!s.ok()) co_return s;
          json::object props;
          for (auto& [id, p] : one) {
            if (id == r.id) props = std::move(p);
          }
          co_return props;
        });
    if (!each.ok()) co_return each.status();
    for (auto& e : *each) {
      if (!e.second.empty()) out.push_back(std::move(e));
    }
  }
  co_return out;
}

asio::awaitable<Result<std::optional<Resource>>> GetOne(ListContext& ctx, std::string_view id,
                                                        const json::object& base_extra) {
  json::object params;
  params["InstanceIds"] = json::array{json::string(id)};
  Result<json::value> res =
      co_await ctx.client.Call(ctx.target, "ec2", "DescribeInstances", std::move(params));
  if (!res.ok()) {
    if (res.status().code() == core::StatusCode::kNotFound) co_return std::optional<Resource>();
    co_return res.status();
  }
  std::vector<Resource> found;
  if (const json::array* reservations = core::FindArray(res->as_object(), "Reservations")) {
    for (const json::value& reservation : *reservations) {
      Status st = ToResources(ctx, reservation, base_extra, found);
      if (!st.ok()) co_return st;
    }
  }
  for (Resource& r : found) {
    if (r.id == id) co_return std::optional<Resource>(std::move(r));
  }
  co_return std::optional<Resource>();
}

constexpr ActionSpec kActions[] = {
    {"DescribeInstancesAction", true, &DescribeInstances, ""},
    {"DescribeInstanceStatusAction", false, &DescribeInstanceStatus, "DescribeInstanceStatus"},
};

constexpr std::string_view kPropertyOrder[] = {
    "AmiLaunchIndex", "Architecture", "AvailabilityZone", "BlockDeviceMappings", "BootMode",
    "CapacityReservationSpecification", "ClientToken", "CpuOptions", "CurrentInstanceBootMode",
    "EbsOptimized", "EnclaveOptions", "EnaSupport", "Events", "HibernationOptions", "Hypervisor",
    "ImageId", "InstanceArn", "InstanceId", "InstanceStatus", "InstanceState", "InstanceType",
    "KeyName", "LaunchTime", "MaintenanceOptions", "MetadataOptions", "Monitoring",
    "NetworkInterfaces", "NetworkPerformanceOptions", "Operator", "Placement", "Platform",
    "PlatformDetails", "PrivateDnsName", "PrivateDnsNameOptions", "PrivateIpAddress",
    "ProductCodes", "PublicDnsName", "PublicIpAddress", "Reason", "RootDeviceName",
    "RootDeviceType", "SecurityGroups", "SourceDestCheck", "State", "StateReason",
    "StateTransitionReason", "SubnetId", "SystemStatus", "Tags", "UsageOperation",
    "UsageOperationUpdateTime", "VirtualizationType", "VpcId"};

}  // namespace

extern const KindSpec kEc2Instance{
    .name = "AWS::EC2::Instance",
    .service = "ec2",
    .scope = KindScope::kRegional,
    .list_operation = "DescribeInstances",
    .list_result_key = "Reservations",
    .to_resources = &ToResources,
    .get_one = &GetOne,
    .actions = kActions,
    .property_order = kPropertyOrder,
};

}  // namespace catalog::kinds
