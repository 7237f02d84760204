// Fake EC2 (ec2 protocol): DescribeInstances (reservations of two instances, MaxResults 5..1000
// + NextToken, or InstanceId.N lookups), DescribeInstanceStatus (same paging or ids;
// IncludeAllInstances), DescribeRegions (the configured regions).
#include <algorithm>
#include <map>

#include "ec2_render.h"
#include "services.h"

namespace fakeaws {

namespace {

constexpr uint64_t kPerReservation = 2;
constexpr std::string_view kXmlHead = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
constexpr std::string_view kNs = " xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">";

void Open(std::string& o, std::string_view root, std::string_view rid) {
  o.append(kXmlHead)
      .append("<")
      .append(root)
      .append(kNs)
      .append("<requestId>")
      .append(rid)
      .append("</requestId>");
}

// Resolves InstanceId.N to keys in this scope; the first unknown id becomes the error reply.
std::optional<Reply> ResolveIds(const ServiceContext& ctx, const std::vector<std::string>& ids,
                                std::vector<ResourceKey>& keys) {
  uint64_t count = ctx.universe.Count(Kind::kEc2Instance, ctx.account, ctx.region);
  std::string missing;
  for (const std::string& id : ids) {
    std::optional<ResourceKey> k = DecodeId("i", id, kSaltInstance);
    bool ours = k && static_cast<int>(k->account) == ctx.account &&
                static_cast<int>(k->region) == ctx.region && k->index < count &&
                !ctx.universe.IsRemoved(id);
    if (!ours) {
      missing += (missing.empty() ? "" : ", ") + id;
      continue;
    }
    if (std::find(keys.begin(), keys.end(), *k) == keys.end()) keys.push_back(*k);
  }
  if (missing.empty()) return std::nullopt;
  std::string what = missing.find(',') == missing.npos ? "The instance ID '" + missing + "' does"
                                                       : "The instance IDs '" + missing + "' do";
  return Ec2Error(400, "InvalidInstanceID.NotFound", what + " not exist", ctx.request_id);
}

void AppendReservationOpen(std::string& o, const ServiceContext& ctx, const ResourceKey& first) {
  ResourceKey r = first;
  r.index = first.index / kPerReservation;
  o.append("<item><reservationId>")
      .append(EncodeId("r", r, kSaltReservation))
      .append("</reservationId><ownerId>")
      .append(ctx.call.account)
      .append("</ownerId><groupSet/><instancesSet>");
}

Reply DescribeInstances(const ServiceContext& ctx) {
  const Params& p = ctx.call.params;
  std::vector<std::string> ids = ParamList(p, "InstanceId");
  bool has_max = false;
  std::string_view max_text = Param(p, "MaxResults", &has_max);
  std::string body;
  std::vector<ResourceKey> keys;
  std::string next_token;
  if (!ids.empty()) {
    if (has_max) {
      return Ec2Error(400, "InvalidParameterCombination",
                      "The parameter instancesSet cannot be used with the parameter maxResults",
                      ctx.request_id);
    }
    if (std::optional<Reply> err = ResolveIds(ctx, ids, keys)) return *err;
    std::sort(keys.begin(), keys.end(),
              [](const ResourceKey& a, const ResourceKey& b) { return a.index < b.index; });
  } else {
    uint64_t count = ctx.universe.Count(Kind::kEc2Instance, ctx.account, ctx.region);
    PageRequest page = ReadPage(ctx, "DescribeInstances", Param(p, "NextToken"), max_text, 5, 1000,
                                count, "maxResults");
    if (page.error) return *page.error;
    // Whole reservations only: a page ends at a reservation boundary.
    uint64_t end = std::min(count, page.start + std::max<uint64_t>(page.size, kPerReservation));
    if (end < count) end -= end % kPerReservation;
    for (uint64_t i = page.start; i < end; ++i) {
      keys.push_back(
          ResourceKey{static_cast<uint32_t>(ctx.account), static_cast<uint32_t>(ctx.region), i});
    }
    if (end < count) next_token = MakeToken(end, TokenScope(ctx, "DescribeInstances"));
  }
  body.reserve(keys.size() * 4600 + 512);
  Open(body, "DescribeInstancesResponse", ctx.request_id);
  body.append("<reservationSet>");
  uint64_t open_reservation = UINT64_MAX;
  std::optional<InstanceRenderer> render;
  if (!keys.empty()) render.emplace(ctx.universe, keys[0].account, keys[0].region);
  for (const ResourceKey& k : keys) {
    if (ctx.universe.any_removed() && ctx.universe.IsRemoved(EncodeId("i", k, kSaltInstance))) {
      continue;
    }
    if (k.index / kPerReservation != open_reservation) {
      if (open_reservation != UINT64_MAX) body.append("</instancesSet></item>");
      open_reservation = k.index / kPerReservation;
      AppendReservationOpen(body, ctx, k);
    }
    render->AppendInstance(body, k.index);
  }
  if (open_reservation != UINT64_MAX) body.append("</instancesSet></item>");
  body.append("</reservationSet>");
  if (!next_token.empty()) body.append("<nextToken>").append(next_token).append("</nextToken>");
  body.append("</DescribeInstancesResponse>");
  return XmlReply(std::move(body), ctx.request_id);
}

Reply DescribeInstanceStatus(const ServiceContext& ctx) {
  const Params& p = ctx.call.params;
  std::vector<std::string> ids = ParamList(p, "InstanceId");
  bool has_max = false;
  std::string_view max_text = Param(p, "MaxResults", &has_max);
  bool include_all = Param(p, "IncludeAllInstances") == "true";
  std::vector<ResourceKey> keys;
  std::string next_token;
  if (!ids.empty()) {
    if (has_max) {
      return Ec2Error(400, "InvalidParameterCombination",
                      "The parameter instancesSet cannot be used with the parameter maxResults",
                      ctx.request_id);
    }
    if (std::optional<Reply> err = ResolveIds(ctx, ids, keys)) return *err;
  } else {
    uint64_t count = ctx.universe.Count(Kind::kEc2Instance, ctx.account, ctx.region);
    PageRequest page = ReadPage(ctx, "DescribeInstanceStatus", Param(p, "NextToken"), max_text, 5,
                                1000, 1000, "maxResults");
    if (page.error) return *page.error;
    uint64_t end = std::min(count, page.start + page.size);
    for (uint64_t i = page.start; i < end; ++i) {
      keys.push_back(
          ResourceKey{static_cast<uint32_t>(ctx.account), static_cast<uint32_t>(ctx.region), i});
    }
    if (end < count) next_token = MakeToken(end, TokenScope(ctx, "DescribeInstanceStatus"));
  }
  std::string body;
  body.reserve(keys.size() * 700 + 512);
  Open(body, "DescribeInstanceStatusResponse", ctx.request_id);
  body.append("<instanceStatusSet>");
  std::optional<InstanceRenderer> render;
  if (!keys.empty()) render.emplace(ctx.universe, keys[0].account, keys[0].region);
  for (const ResourceKey& k : keys) {
    if (!include_all && !render->Running(k.index)) continue;
    if (ctx.universe.any_removed() && ctx.universe.IsRemoved(EncodeId("i", k, kSaltInstance))) {
      continue;
    }
    render->AppendStatus(body, k.index);
  }
  body.append("</instanceStatusSet>");
  if (!next_token.empty()) body.append("<nextToken>").append(next_token).append("</nextToken>");
  body.append("</DescribeInstanceStatusResponse>");
  return XmlReply(std::move(body), ctx.request_id);
}

Reply DescribeRegions(const ServiceContext& ctx) {
  std::string body;
  Open(body, "DescribeRegionsResponse", ctx.request_id);
  body.append("<regionInfo>");
  for (const std::string& r : ctx.universe.regions()) {
    body.append("<item><regionName>")
        .append(r)
        .append("</regionName><regionEndpoint>ec2.")
        .append(r)
        .append(
            ".amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus>"
            "</item>");
  }
  body.append("</regionInfo></DescribeRegionsResponse>");
  return XmlReply(std::move(body), ctx.request_id);
}

}  // namespace

Reply HandleEc2(const ServiceContext& ctx) {
  const std::string& op = ctx.call.operation;
  if (op == "DescribeInstances") return DescribeInstances(ctx);
  if (op == "DescribeInstanceStatus") return DescribeInstanceStatus(ctx);
  if (op == "DescribeRegions") return DescribeRegions(ctx);
  return UnknownOperationReply(ctx.call, ctx.request_id);
}

}  // namespace fakeaws
