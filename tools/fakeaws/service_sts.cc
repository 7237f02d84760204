// Fake STS (query protocol): AssumeRole into any 12-digit account (the returned access key
// encodes that account, request.h), GetCallerIdentity (the key's account).
#include <charconv>
#include <chrono>

#include "services.h"

namespace fakeaws {

namespace {

constexpr std::string_view kNs = " xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">";

struct RoleArn {
  std::string account;
  std::string name;
};

std::optional<RoleArn> ParseRoleArn(std::string_view arn) {
  // arn:<partition>:iam::<account>:role/<path/>name
  if (!arn.starts_with("arn:")) return std::nullopt;
  size_t p = arn.find(':', 4);
  if (p == arn.npos || arn.substr(p, 6) != ":iam::") return std::nullopt;
  std::string_view rest = arn.substr(p + 6);
  if (rest.size() < 18 || rest[12] != ':' || rest.substr(13, 5) != "role/") return std::nullopt;
  for (char c : rest.substr(0, 12)) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  std::string_view name = rest.substr(18);
  if (name.empty()) return std::nullopt;
  if (size_t slash = name.rfind('/'); slash != name.npos) name = name.substr(slash + 1);
  return RoleArn{std::string(rest.substr(0, 12)), std::string(name)};
}

Reply AssumeRole(const ServiceContext& ctx) {
  const Params& p = ctx.call.params;
  std::string_view arn = Param(p, "RoleArn");
  std::string_view session = Param(p, "RoleSessionName");
  std::optional<RoleArn> role = ParseRoleArn(arn);
  if (!role || session.empty()) {
    return QueryError(
        400, "ValidationError",
        role ? "RoleSessionName is required" : "'" + std::string(arn) + "' is not a valid role ARN",
        ctx.request_id);
  }
  int64_t duration = 3600;
  if (std::string_view d = Param(p, "DurationSeconds"); !d.empty()) {
    auto r = std::from_chars(d.data(), d.data() + d.size(), duration);
    if (r.ec != std::errc() || r.ptr != d.data() + d.size() || duration < 900 || duration > 43200) {
      return QueryError(400, "ValidationError", "DurationSeconds must be between 900 and 43200",
                        ctx.request_id);
    }
  }
  int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  uint64_t h = Mix(ctx.universe.seed(), HashString(role->account), HashString(session));
  std::string o = "<AssumeRoleResponse";
  o.append(kNs).append("<AssumeRoleResult><AssumedRoleUser><AssumedRoleId>AROA");
  AppendHex(o, Mix(h, 1), 16);
  o.append(":")
      .append(session)
      .append("</AssumedRoleId><Arn>arn:aws:sts::")
      .append(role->account)
      .append(":assumed-role/")
      .append(role->name)
      .append("/")
      .append(session)
      .append("</Arn></AssumedRoleUser><Credentials><AccessKeyId>")
      .append(AccessKeyFor(role->account, ctx.universe.seed()))
      .append("</AccessKeyId><SecretAccessKey>fake");
  AppendHex(o, Mix(h, 2), 16);
  AppendHex(o, Mix(h, 3), 16);
  o.append("</SecretAccessKey><SessionToken>FwoGZXIvYXdzE");
  for (int i = 0; i < 6; ++i) AppendHex(o, Mix(h, 10 + i), 16);
  o.append("</SessionToken><Expiration>");
  AppendIsoTime(o, now + duration, false);
  o.append(
       "</Expiration></Credentials><PackedPolicySize>6</PackedPolicySize></AssumeRoleResult>"
       "<ResponseMetadata><RequestId>")
      .append(ctx.request_id)
      .append("</RequestId></ResponseMetadata></AssumeRoleResponse>");
  return XmlReply(std::move(o), ctx.request_id);
}

Reply GetCallerIdentity(const ServiceContext& ctx) {
  const std::string& acct = ctx.call.account;
  bool assumed =
      ctx.call.access_key.starts_with("ASIA") && acct == ctx.call.access_key.substr(4, 12);
  std::string o = "<GetCallerIdentityResponse";
  o.append(kNs).append("<GetCallerIdentityResult><Arn>");
  if (assumed) {
    o.append("arn:aws:sts::").append(acct).append(":assumed-role/ocean/ocean-aws");
  } else {
    o.append("arn:aws:iam::").append(acct).append(":user/bench");
  }
  o.append("</Arn><UserId>").append(assumed ? "AROA" : "AIDA");
  AppendHex(o, HashString(acct), 16);
  o.append("</UserId><Account>")
      .append(acct)
      .append("</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>")
      .append(ctx.request_id)
      .append("</RequestId></ResponseMetadata></GetCallerIdentityResponse>");
  return XmlReply(std::move(o), ctx.request_id);
}

}  // namespace

Reply HandleSts(const ServiceContext& ctx) {
  if (ctx.call.operation == "AssumeRole") return AssumeRole(ctx);
  if (ctx.call.operation == "GetCallerIdentity") return GetCallerIdentity(ctx);
  return UnknownOperationReply(ctx.call, ctx.request_id);
}

}  // namespace fakeaws
