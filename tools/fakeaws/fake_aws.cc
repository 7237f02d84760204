#include "fake_aws.h"

#include <algorithm>

#include "model_wire.h"
#include "services.h"

namespace fakeaws {

namespace {

// EC2 charges unfiltered, unpaginated describes to a smaller bucket.
bool IsUnfiltered(const Call& call) {
  if (call.service != "ec2") return false;
  bool found = false;
  for (std::string_view key : {"MaxResults", "InstanceId.1", "Filter.1.Name"}) {
    Param(call.params, key, &found);
    if (found) return false;
  }
  return true;
}

Reply PlainJson(int status, json::object o) {
  Reply r;
  r.status = status;
  r.content_type = "application/json";
  r.body = core::WriteJson(o);
  return r;
}

bool IsHandWrittenService(std::string_view s) {
  return s == "ec2" || s == "s3" || s == "sqs" || s == "ecs" || s == "organizations" ||
         s == "account" || s == "sts";
}

}  // namespace

FakeAws::FakeAws(const FakeConfig& config)
    : universe_(config), kinds_(universe_.config()), throttler_(config), faults_(config) {}

uint64_t FakeAws::ScopeCount(std::string_view kind, int account, int region) const {
  if (kind == "AWS::EC2::Instance") return universe_.Count(Kind::kEc2Instance, account, region);
  if (kind == "AWS::S3::Bucket") return universe_.Count(Kind::kS3Bucket, account, 0);
  if (kind == "AWS::SQS::Queue") return universe_.Count(Kind::kSqsQueue, account, region);
  if (kind == "AWS::ECS::Cluster") return universe_.Count(Kind::kEcsCluster, account, region);
  if (kind == "AWS::Organizations::Account") {
    return account == 0 ? static_cast<uint64_t>(universe_.account_count()) : 0;
  }
  if (kind == "AWS::Account::Info") return account >= 0 ? 1 : 0;
  const auto& cc = universe_.config().cloudcontrol_types;
  if (std::find(cc.begin(), cc.end(), kind) != cc.end()) {
    return CloudControlCount(universe_, kind, account, region);
  }
  return kinds_.Count(kinds_.Find(kind), account, region,
                      static_cast<int>(universe_.regions().size()));
}

void FakeAws::AddTotals(json::object& totals, json::object* scopes) const {
  int regions = static_cast<int>(universe_.regions().size());
  for (size_t k = 0; k < kinds_.kinds().size(); ++k) {
    const ModelKind& kind = kinds_.kinds()[k];
    if (kind.hand_written) continue;
    uint64_t total = 0, populated = 0;
    for (int a = 0; a < universe_.account_count(); ++a) {
      for (int r = 0; r < (kind.regional ? regions : 1); ++r) {
        uint64_t n = kinds_.Count(static_cast<int>(k), a, r, regions);
        total += n;
        populated += n > 0 ? 1 : 0;
      }
    }
    totals[kind.def->name] = total;
    if (scopes) (*scopes)[kind.def->name] = populated;
  }
  // Cloud Control types (service_cloudcontrol.cc), exported through the kind family.
  for (const std::string& type : universe_.config().cloudcontrol_types) {
    uint64_t total = 0, populated = 0;
    for (int a = 0; a < universe_.account_count(); ++a) {
      for (int r = 0; r < (CloudControlGlobal(type) ? 1 : regions); ++r) {
        uint64_t n = CloudControlCount(universe_, type, a, r);
        total += n;
        populated += n > 0 ? 1 : 0;
      }
    }
    totals[type] = total;
    if (scopes) (*scopes)[type] = populated;
  }
}

bool FakeAws::FailsHere(const Call& call, const HttpIn& in) const {
  bool detail = false;
  for (const OpUse& u : kinds_.Uses(call.service, call.operation)) {
    // A batch API with a failures list reports the failing id there (its handler's job).
    if (u.role == OpRole::kBatch && !u.action->batch.failures.empty()) return false;
    if (u.role == OpRole::kCall || u.role == OpRole::kGet || u.role == OpRole::kBatch) {
      detail = true;
    }
  }
  if (!detail) return false;
  std::string target = UrlDecode(in.target);
  for (const std::string& id : universe_.config().failing_ids) {
    if (in.body.find(id) != std::string_view::npos || target.find(id) != std::string::npos) {
      return true;
    }
    for (const auto& [k, v] : call.params) {
      if (v.find(id) != std::string::npos) return true;
    }
  }
  return false;
}

json::object FakeAws::StatsJson(bool with_keys) const {
  json::object o = stats_.ToJson();
  json::object totals;
  for (int k = 0; k < kKindCount; ++k) {
    totals[KindName(static_cast<Kind>(k))] = universe_.Total(static_cast<Kind>(k));
  }
  AddTotals(totals, nullptr);
  o["resources"] = std::move(totals);
  o["accounts"] = universe_.account_count();
  o["regions"] = universe_.regions().size();
  if (with_keys) {
    json::array keys;
    for (const Throttler::KeyStats& k : const_cast<Throttler&>(throttler_).Keys()) {
      json::object e;
      e["account"] = k.account;
      e["region"] = k.region;
      e["api"] = k.api;
      e["admitted"] = k.admitted;
      e["throttled"] = k.throttled;
      e["burst"] = k.limit.burst;
      e["refill"] = k.limit.refill;
      keys.push_back(std::move(e));
    }
    o["keys"] = std::move(keys);
  }
  return o;
}

Outcome FakeAws::HandleAdmin(const HttpIn& in) {
  Outcome out;
  std::string_view path = in.target.substr(0, in.target.find('?'));
  Params query;
  if (in.target.find('?') != in.target.npos)
    query = ParseForm(in.target.substr(in.target.find('?') + 1));
  if (path == "/_fake/stats") {
    out.reply = PlainJson(200, StatsJson(Param(query, "keys") == "1"));
  } else if (path == "/_fake/reset-stats" && in.method == "POST") {
    stats_.Reset();
    out.reply = PlainJson(200, json::object{{"ok", true}});
  } else if (path == "/_fake/remove" && in.method == "POST" && !Param(query, "id").empty()) {
    universe_.Remove(std::string(Param(query, "id")));
    out.reply = PlainJson(200, json::object{{"removed", Param(query, "id")}});
  } else if (path == "/_fake/kinds") {
    json::array kinds = kinds_.KindsJson();
    // Cloud Control types: kinds of the kind family, served by service_cloudcontrol.cc.
    for (const std::string& type : universe_.config().cloudcontrol_types) {
      json::object o;
      o["kind"] = type;
      o["service"] = "cloudcontrol";
      o["list_api"] = "cloudcontrol:ListResources";
      o["identity_property"] = "Id";
      o["hand_written"] = true;
      o["regional"] = !CloudControlGlobal(type);
      o["enriches"] = false;  // GetResourceAction is not a default action
      o["family"] = "AWS::*::*";
      o["parent"] = nullptr;
      kinds.push_back(std::move(o));
    }
    out.reply = PlainJson(200, json::object{{"kinds", std::move(kinds)}});
  } else if (path == "/_fake/universe") {
    json::object o;
    json::array accounts;
    for (int i = 0; i < universe_.account_count(); ++i)
      accounts.push_back(json::string(universe_.account_id(i)));
    o["accounts"] = std::move(accounts);
    json::array regions;
    for (const std::string& r : universe_.regions()) regions.push_back(json::string(r));
    o["regions"] = std::move(regions);
    json::object totals, scopes;
    for (int k = 0; k < kKindCount; ++k) {
      totals[KindName(static_cast<Kind>(k))] = universe_.Total(static_cast<Kind>(k));
      scopes[KindName(static_cast<Kind>(k))] = universe_.PopulatedScopes(static_cast<Kind>(k));
    }
    AddTotals(totals, &scopes);
    o["resources"] = std::move(totals);
    o["populated_scopes"] = std::move(scopes);
    out.reply = PlainJson(200, std::move(o));
  } else {
    out.reply = PlainJson(404, json::object{{"error", "unknown admin path " + std::string(path)}});
  }
  return out;
}

Reply FakeAws::Dispatch(const Call& call, std::string rid) {
  ServiceContext ctx{universe_, call, universe_.AccountIndex(call.account),
                     universe_.RegionIndex(call.region), std::move(rid)};
  const std::string& s = call.service;
  if (s == "cloudcontrol") return HandleCloudControl(ctx);
  if (!IsHandWrittenService(s) ||
      (!ModelKinds::HandWritten(s, call.operation) && !kinds_.Uses(s, call.operation).empty())) {
    return HandleModel(ctx, kinds_);
  }
  if (s == "ec2") return HandleEc2(ctx);
  if (s == "s3") return HandleS3(ctx);
  if (s == "sqs") return HandleSqs(ctx);
  if (s == "ecs") return HandleEcs(ctx);
  if (s == "organizations") return HandleOrganizations(ctx);
  if (s == "account") return HandleAccount(ctx);
  return HandleSts(ctx);
}

Outcome FakeAws::Handle(const HttpIn& in) {
  if (in.target.starts_with("/_fake/")) return HandleAdmin(in);
  Outcome out;
  out.aws = true;
  core::Result<Call> call = IdentifyCall(in, universe_.config().default_account(), &kinds_);
  if (!call.ok()) {
    out.reply = QueryError(400, "InvalidRequest", call.status().message(),
                           "00000000-0000-0000-0000-000000000000");
    stats_.Record("unknown", false, std::nullopt);
    return out;
  }
  std::string rid =
      RequestId(Mix(universe_.seed(), HashString(call->account), HashString(call->region),
                    HashString(call->operation), HashString(in.body) ^ HashString(in.target)));
  std::string api = call->service + ":" + call->operation;
  std::optional<FaultType> fault = faults_.Decide(stats_.NextSequence());
  if (fault == FaultType::kError500 || fault == FaultType::kError503) {
    out.reply = ServerErrorReply(*call, fault == FaultType::kError500 ? 500 : 503, rid);
    out.reply.head = call->head;
    stats_.Record(api, false, fault);
    return out;
  }
  if (fault == FaultType::kReset) {
    out.fault = fault;
    stats_.Record(api, false, fault);
    return out;
  }
  if (!throttler_.Admit(call->account, call->region, call->service, call->operation,
                        IsUnfiltered(*call))) {
    const aws::model::ServiceModel* model = kinds_.Model(call->service);
    out.reply = IsHandWrittenService(call->service) || !model ? ThrottleReply(*call, rid)
                                                              : ModelThrottle(*model, rid);
    out.reply.head = call->head;
    stats_.Record(api, true, std::nullopt);
    return out;
  }
  const auto& denied = universe_.config().denied_regions;
  if (call->service != "sts" &&
      std::find(denied.begin(), denied.end(), call->region) != denied.end()) {
    const aws::model::ServiceModel* model = kinds_.Model(call->service);
    out.reply = model ? ModelAccessDenied(*model, rid)
                      : QueryError(403, "AccessDenied", "access denied", rid);
    out.reply.head = call->head;
    stats_.Record(api, false, std::nullopt);
    return out;
  }
  if (!universe_.config().failing_ids.empty() && FailsHere(*call, in)) {
    out.reply = ServerErrorReply(*call, 500, rid);
    out.reply.head = call->head;
    stats_.Record(api, false, std::nullopt);
    return out;
  }
  out.reply = Dispatch(*call, std::move(rid));
  if (fault == FaultType::kMalformed && !out.reply.body.empty()) {
    out.reply.status = 200;
    out.reply.body.resize(out.reply.body.size() / 2);
  }
  out.fault = fault;
  stats_.Record(api, false, fault);
  return out;
}

}  // namespace fakeaws
