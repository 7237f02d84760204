// Fake Cloud Control (json 1.0, target CloudApiService): ListResources and GetResource over the
// configured types (FakeConfig::cloudcontrol_types), what the Cloud Control kind family
// (data/kinds/cloudcontrol_any.yaml) exports.
//
// Resource `i` of a type has the Identifier "<slug>-<i, 7 digits>" (slug: the type name without
// "AWS" and separators, lower case: "imagebuilderimage") and Properties, a JSON text, holding
// that identifier, an ARN and tags; GetResource's model adds the members a list handler leaves
// out (Detail, LastUpdated), so that a test sees which answer an export took. A type of
// `cloudcontrol_identifier_only` lists Properties {"Id": identifier} only, as many real list
// handlers do (the kind family then reads each model with GetResource by itself).
// ListResources pages with MaxResults 1..100 (default 20, capped by page_cap) and a NextToken
// bound to (account, region, type). A type not configured answers TypeNotFoundException; a
// removed identifier is left out of listings and answers ResourceNotFoundException.
// Throttling (ThrottlingException) and denied regions are answered before this handler
// (fake_aws.cc) from the cloudcontrol model, as for every model-driven service.
//
// Thread-safety: reads the immutable Universe only (its removed set is locked inside).
#include <algorithm>
#include <cctype>
#include <charconv>
#include <utility>

#include "ids.h"
#include "model_wire.h"
#include "services.h"

namespace fakeaws {

namespace {

constexpr uint64_t kMaxResults = 100;
constexpr uint64_t kDefaultResults = 20;

// The family's global services (cloudcontrol_any.yaml globalServices).
bool IsGlobalType(std::string_view type) {
  std::string service;
  size_t a = type.find("::");
  size_t b = a == type.npos ? type.npos : type.find("::", a + 2);
  if (b == type.npos) return false;
  for (char c : type.substr(a + 2, b - a - 2)) {
    service.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  for (std::string_view g : {"cloudfront", "route53", "waf", "iam", "organizations", "s3"}) {
    if (service == g) return true;
  }
  return false;
}

std::string Slug(std::string_view type) {
  if (type.starts_with("AWS::")) type.remove_prefix(5);
  std::string out;
  for (char c : type) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  return out;
}

std::string Identifier(std::string_view type, uint64_t i) {
  std::string id = Slug(type) + "-";
  std::string n = std::to_string(i);
  id.append(n.size() < 7 ? 7 - n.size() : 0, '0').append(n);
  return id;
}

const aws::model::ServiceModel& Model() {
  static const aws::model::ServiceModel* m = *aws::model::GetService("cloudcontrol");
  return *m;
}

std::string Partition(std::string_view region) {
  if (region.starts_with("cn-")) return "aws-cn";
  if (region.starts_with("us-gov-")) return "aws-us-gov";
  return "aws";
}

// "AWS::ImageBuilder::Image" -> {"imagebuilder", "image"} (the ARN's service and resource type).
std::pair<std::string, std::string> ArnParts(std::string_view type) {
  if (type.starts_with("AWS::")) type.remove_prefix(5);
  size_t sep = type.find("::");
  auto lower = [](std::string_view s) {
    std::string out;
    for (char c : s) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return out;
  };
  return {lower(type.substr(0, sep)), sep == type.npos ? "" : lower(type.substr(sep + 2))};
}

// The resource's model as Cloud Control's Properties JSON text.
std::string PropertiesText(const ServiceContext& ctx, std::string_view type, const std::string& id,
                           uint64_t i, bool full) {
  auto [service, resource] = ArnParts(type);
  std::string o = "{\"Id\":\"" + id + "\",\"Name\":\"" + id + "\",\"Arn\":\"arn:" +
                  Partition(ctx.call.region) + ":" + service + ":" +
                  (IsGlobalType(type) ? "" : ctx.call.region) + ":" + ctx.call.account + ":" +
                  resource + "/" + id + "\",\"Tags\":[{\"Key\":\"fake:index\",\"Value\":\"" +
                  std::to_string(i) + "\"}]";
  if (full) {
    o += ",\"Detail\":\"full model of " + id + "\",\"LastUpdated\":\"2026-01-";
    o += std::to_string(1 + i % 28) + "T00:00:00Z\"";
  }
  return o + "}";
}

Reply Error(const ServiceContext& ctx, std::string_view code, std::string_view message) {
  return ModelError(Model(), 400, code, message, ctx.request_id);
}

Reply TypeNotFound(const ServiceContext& ctx, std::string_view type) {
  return Error(ctx, "TypeNotFoundException",
               "The type '" + std::string(type) + "' cannot be found.");
}

std::string StringMember(const ServiceContext& ctx, std::string_view key) {
  const json::object* o = ctx.call.json.if_object();
  const json::value* v = o ? o->if_contains(key) : nullptr;
  return v && v->is_string() ? std::string(v->get_string()) : "";
}

Reply ListResources(const ServiceContext& ctx, const std::string& type) {
  const json::object* body = ctx.call.json.if_object();
  uint64_t size = kDefaultResults;
  if (const json::value* m = body ? body->if_contains("MaxResults") : nullptr) {
    if (!m->is_int64() || m->get_int64() < 1 || m->get_int64() > static_cast<int64_t>(kMaxResults)) {
      return Error(ctx, "InvalidRequestException", "MaxResults must be between 1 and 100");
    }
    size = static_cast<uint64_t>(m->get_int64());
  }
  uint64_t cap = ctx.universe.config().page_cap;
  if (cap > 0 && size > cap) size = cap;
  uint64_t scope = TokenScope(ctx, "ListResources:" + type);
  uint64_t start = 0;
  if (std::string token = StringMember(ctx, "NextToken"); !token.empty()) {
    std::optional<uint64_t> at = ReadToken(token, scope);
    if (!at) return Error(ctx, "InvalidRequestException", "The NextToken is invalid or expired.");
    start = *at;
  }
  uint64_t total = CloudControlCount(ctx.universe, type, ctx.account, ctx.region);
  std::string o = "{\"TypeName\":\"";
  AppendJsonEscaped(o, type);
  o += "\",\"ResourceDescriptions\":[";
  uint64_t i = start, sent = 0;
  bool any_removed = ctx.universe.any_removed();
  const auto& bare_types = ctx.universe.config().cloudcontrol_identifier_only;
  bool bare = std::find(bare_types.begin(), bare_types.end(), type) != bare_types.end();
  for (; i < total && sent < size; ++i) {
    std::string id = Identifier(type, i);
    if (any_removed && ctx.universe.IsRemoved(id)) continue;
    if (sent++ > 0) o += ",";
    o += "{\"Identifier\":\"" + id + "\",\"Properties\":\"";
    AppendJsonEscaped(o, bare ? "{\"Id\":\"" + id + "\"}"
                              : PropertiesText(ctx, type, id, i, false));
    o += "\"}";
  }
  o += "]";
  if (i < total) o += ",\"NextToken\":\"" + MakeToken(i, scope) + "\"";
  o += "}";
  return JsonReply(std::move(o), ctx.request_id, true);
}

Reply GetResource(const ServiceContext& ctx, const std::string& type) {
  std::string id = StringMember(ctx, "Identifier");
  std::string prefix = Slug(type) + "-";
  uint64_t i = 0;
  bool parsed = false;
  if (id.starts_with(prefix) && id.size() == prefix.size() + 7) {
    auto r = std::from_chars(id.data() + prefix.size(), id.data() + id.size(), i);
    parsed = r.ec == std::errc() && r.ptr == id.data() + id.size();
  }
  uint64_t total = CloudControlCount(ctx.universe, type, ctx.account, ctx.region);
  if (!parsed || i >= total || ctx.universe.IsRemoved(id)) {
    return Error(ctx, "ResourceNotFoundException",
                 "Resource of type '" + type + "' with identifier '" + id + "' was not found.");
  }
  std::string o = "{\"TypeName\":\"";
  AppendJsonEscaped(o, type);
  o += "\",\"ResourceDescription\":{\"Identifier\":\"" + id + "\",\"Properties\":\"";
  AppendJsonEscaped(o, PropertiesText(ctx, type, id, i, true));
  o += "\"}}";
  return JsonReply(std::move(o), ctx.request_id, true);
}

}  // namespace

bool CloudControlGlobal(std::string_view type) { return IsGlobalType(type); }

uint64_t CloudControlCount(const Universe& universe, std::string_view type, int account,
                           int region) {
  const FakeConfig& c = universe.config();
  if (std::find(c.cloudcontrol_types.begin(), c.cloudcontrol_types.end(), type) ==
      c.cloudcontrol_types.end()) {
    return 0;
  }
  if (account < 0 || account >= universe.account_count() || region < 0) return 0;
  if (IsGlobalType(type)) region = 0;
  auto it = c.kind_counts.find(std::string(type));
  uint64_t n = it != c.kind_counts.end() ? it->second : c.kind_resources;
  if (n == 0 || c.populated >= 1.0) return n;
  double u = Unit(Mix(c.seed, static_cast<uint64_t>(account), static_cast<uint64_t>(region),
                      HashString(type), 0xC0FFEE));
  return u < c.populated ? n : 0;
}

Reply HandleCloudControl(const ServiceContext& ctx) {
  const std::string& op = ctx.call.operation;
  if (op != "ListResources" && op != "GetResource") {
    return UnknownOperationReply(ctx.call, ctx.request_id);
  }
  std::string type = StringMember(ctx, "TypeName");
  if (type.empty()) return Error(ctx, "InvalidRequestException", "TypeName is required");
  const auto& types = ctx.universe.config().cloudcontrol_types;
  if (std::find(types.begin(), types.end(), type) == types.end()) return TypeNotFound(ctx, type);
  return op == "ListResources" ? ListResources(ctx, type) : GetResource(ctx, type);
}

}  // namespace fakeaws
