// Fake Organizations (json 1.1) and Account (rest-json).
// Organizations: the default account is the management account and the only caller allowed
// (others get AccessDeniedException); ListAccounts (MaxResults 1..20 + NextToken) lists every
// configured account ACTIVE; ListParents, ListTagsForResource, DescribeAccount.
// Account: ListRegions (MaxResults 1..50 + NextToken, RegionOptStatusContains) and
// GetRegionOptStatus over the configured regions, all ENABLED_BY_DEFAULT.
#include <algorithm>

#include "services.h"

namespace fakeaws {

namespace {

constexpr int64_t kEpoch = 1'500'000'000;

std::string_view JsonString(const json::value& body, std::string_view key) {
  const json::object* o = body.if_object();
  return o ? core::FindString(*o, key) : std::string_view();
}

std::string LimitText(const json::value& body) {
  const json::object* o = body.if_object();
  const json::value* v = o ? o->if_contains("MaxResults") : nullptr;
  if (!v) return "";
  return v->is_int64() ? std::to_string(v->get_int64()) : "invalid";
}

std::string Base36(uint64_t h, int n) {
  static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string s;
  for (int i = 0; i < n; ++i, h /= 36) s.push_back(kChars[h % 36]);
  return s;
}

std::string OrgId(const Universe& u) { return "o-" + Base36(Mix(u.seed(), 0x0A6), 10); }

void AppendAccount(std::string& o, const Universe& u, int i) {
  const std::string& id = u.account_id(i);
  uint64_t h = Mix(u.seed(), static_cast<uint64_t>(i), 0xACC);
  o.append("{\"Id\":\"")
      .append(id)
      .append("\",\"Arn\":\"arn:aws:organizations::")
      .append(u.account_id(0))
      .append(":account/")
      .append(OrgId(u))
      .append("/")
      .append(id)
      .append("\",\"Email\":\"aws+")
      .append(id)
      .append("@example.com\",\"Name\":\"")
      .append(i == 0 ? std::string("management")
                     : "workload-" + PaddedDecimal(static_cast<uint64_t>(i), 5))
      .append("\",\"Status\":\"ACTIVE\",\"State\":\"ACTIVE\",\"JoinedMethod\":\"")
      .append(h % 4 ? "CREATED" : "INVITED")
      .append("\",\"JoinedTimestamp\":");
  AppendUint(o, static_cast<uint64_t>(kEpoch + static_cast<int64_t>(h % 200'000'000)));
  o.append(".0}");
}

Reply Denied(const ServiceContext& ctx) {
  return JsonError(400, "", "AccessDeniedException",
                   "You don't have permissions to access this resource.", ctx.request_id);
}

Reply AccountNotFound(const ServiceContext& ctx) {
  return JsonError(400, "", "AccountNotFoundException",
                   "You specified an account that doesn't exist.", ctx.request_id);
}

Reply ListAccounts(const ServiceContext& ctx) {
  PageRequest page = ReadPage(ctx, "ListAccounts", JsonString(ctx.call.json, "NextToken"),
                              LimitText(ctx.call.json), 1, 20, 20, "MaxResults");
  if (page.error) return *page.error;
  uint64_t count = static_cast<uint64_t>(ctx.universe.account_count());
  uint64_t end = std::min(count, page.start + page.size);
  std::string o = "{\"Accounts\":[";
  for (uint64_t i = page.start; i < end; ++i) {
    if (i != page.start) o.push_back(',');
    AppendAccount(o, ctx.universe, static_cast<int>(i));
  }
  o.append("]");
  if (end < count) {
    o.append(",\"NextToken\":\"")
        .append(MakeToken(end, TokenScope(ctx, "ListAccounts")))
        .append("\"");
  }
  o.append("}");
  return JsonReply(std::move(o), ctx.request_id);
}

Reply PerAccount(const ServiceContext& ctx, std::string_view key) {
  int i = ctx.universe.AccountIndex(JsonString(ctx.call.json, key));
  if (i < 0) return AccountNotFound(ctx);
  const std::string& op = ctx.call.operation;
  uint64_t h = Mix(ctx.universe.seed(), static_cast<uint64_t>(i), 0x0C0);
  std::string o;
  if (op == "DescribeAccount") {
    o = "{\"Account\":";
    AppendAccount(o, ctx.universe, i);
    o.append("}");
  } else if (op == "ListParents") {
    std::string root = "r-" + Base36(Mix(ctx.universe.seed(), 0x2007), 4);
    if (i == 0) {
      o = "{\"Parents\":[{\"Id\":\"" + root + "\",\"Type\":\"ROOT\"}]}";
    } else {
      o = "{\"Parents\":[{\"Id\":\"ou-" + root.substr(2) + "-" + Base36(Mix(h, h % 4), 8) +
          "\",\"Type\":\"ORGANIZATIONAL_UNIT\"}]}";
    }
  } else {  // ListTagsForResource
    static constexpr std::string_view kEnvs[] = {"prod", "staging", "dev", "sandbox"};
    o = "{\"Tags\":[{\"Key\":\"environment\",\"Value\":\"" + std::string(kEnvs[h % 4]) +
        "\"},{\"Key\":\"cost-center\",\"Value\":\"cc-" + PaddedDecimal((h >> 8) % 1000, 3) +
        "\"}]}";
  }
  return JsonReply(std::move(o), ctx.request_id);
}

Reply ListRegions(const ServiceContext& ctx) {
  PageRequest page = ReadPage(ctx, "ListRegions", JsonString(ctx.call.json, "NextToken"),
                              LimitText(ctx.call.json), 1, 50, 20, "MaxResults");
  if (page.error) return *page.error;
  bool wanted = true;
  if (const json::object* o = ctx.call.json.if_object()) {
    if (const json::array* statuses = core::FindArray(*o, "RegionOptStatusContains")) {
      wanted = std::find(statuses->begin(), statuses->end(), json::value("ENABLED_BY_DEFAULT")) !=
               statuses->end();
    }
  }
  const std::vector<std::string>& regions = ctx.universe.regions();
  uint64_t count = wanted ? regions.size() : 0;
  uint64_t end = std::min(count, page.start + page.size);
  std::string o = "{";
  if (end < count) {
    o.append("\"NextToken\":\"")
        .append(MakeToken(end, TokenScope(ctx, "ListRegions")))
        .append("\",");
  }
  o.append("\"Regions\":[");
  for (uint64_t i = page.start; i < end; ++i) {
    o.append(i == page.start ? "" : ",")
        .append("{\"RegionName\":\"")
        .append(regions[i])
        .append("\",\"RegionOptStatus\":\"ENABLED_BY_DEFAULT\"}");
  }
  o.append("]}");
  Reply r = JsonReply(std::move(o), ctx.request_id);
  r.content_type = "application/json";
  return r;
}

Reply GetRegionOptStatus(const ServiceContext& ctx) {
  std::string_view name = JsonString(ctx.call.json, "RegionName");
  std::string status = ctx.universe.RegionIndex(name) >= 0 ? "ENABLED_BY_DEFAULT" : "DISABLED";
  Reply r = JsonReply(
      "{\"RegionName\":\"" + std::string(name) + "\",\"RegionOptStatus\":\"" + status + "\"}",
      ctx.request_id);
  r.content_type = "application/json";
  return r;
}

}  // namespace

Reply HandleOrganizations(const ServiceContext& ctx) {
  const std::string& op = ctx.call.operation;
  bool known = op == "ListAccounts" || op == "DescribeAccount" || op == "ListParents" ||
               op == "ListTagsForResource";
  if (!known) return UnknownOperationReply(ctx.call, ctx.request_id);
  if (ctx.account != 0) return Denied(ctx);
  if (op == "ListAccounts") return ListAccounts(ctx);
  return PerAccount(ctx, op == "DescribeAccount" ? "AccountId"
                         : op == "ListParents"   ? "ChildId"
                                                 : "ResourceId");
}

Reply HandleAccount(const ServiceContext& ctx) {
  if (ctx.call.operation == "ListRegions") return ListRegions(ctx);
  if (ctx.call.operation == "GetRegionOptStatus") return GetRegionOptStatus(ctx);
  return UnknownOperationReply(ctx.call, ctx.request_id);
}

}  // namespace fakeaws
