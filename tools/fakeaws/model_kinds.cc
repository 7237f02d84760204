// ModelKinds construction and lookups (model_kinds.h): every kind of the kind table with its
// model, slug, per-scope count and regions; which kinds use each (service, operation) and how;
// which service a SigV4 signing name stands for (several services may share one: apigateway and
// apigatewayv2), and resource counts per scope. Naming lives in model_naming.cc.
//
// Thread-safety: immutable after construction; const members are safe from any thread.
#include "model_kinds.h"

#include <algorithm>
#include <cctype>

#include "catalog/kind_table.h"
#include "ids.h"
#include "model_wire.h"

namespace fakeaws {

namespace cdef = catalog::definition;

namespace {

const std::vector<OpUse> kNoUses;

std::string Lower(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  return out;
}

std::string_view LastSegment(std::string_view path) {
  size_t dot = path.rfind('.');
  return dot == path.npos ? path : path.substr(dot + 1);
}

// The `{item.P}` placeholders of a template string, as paths ("name", "a.b").
void ItemPaths(std::string_view t, std::vector<std::string>& out) {
  size_t at = 0;
  while ((at = t.find("{item.", at)) != t.npos) {
    size_t end = t.find('}', at);
    if (end == t.npos) return;
    out.emplace_back(t.substr(at + 6, end - at - 6));
    at = end;
  }
}

// Where the listed item holds the identity when the listing's identity is a template, or an
// annotated member built from one (CodePipeline's stageKey "{parent.name}/{item.name}").
std::vector<std::string> IdentityPaths(const cdef::ListingDef& list) {
  std::vector<std::string> out;
  if (list.identity.find('{') != std::string::npos) {
    ItemPaths(list.identity, out);
  } else if (const json::value* a = list.annotate.if_contains(list.identity);
             a && a->is_string()) {
    ItemPaths(a->get_string(), out);
  }
  return out;
}

}  // namespace

bool ModelKinds::HandWritten(std::string_view service, std::string_view op) {
  if (service == "s3" || service == "sts" || service == "account") return true;
  auto in = [&](std::initializer_list<std::string_view> ops) {
    return std::find(ops.begin(), ops.end(), op) != ops.end();
  };
  if (service == "ec2") return in({"DescribeInstances", "DescribeInstanceStatus", "DescribeRegions"});
  if (service == "sqs") return in({"ListQueues", "GetQueueAttributes", "ListQueueTags", "GetQueueUrl"});
  if (service == "ecs") return in({"ListClusters", "DescribeClusters"});
  if (service == "organizations") {
    return in({"ListAccounts", "DescribeAccount", "ListParents", "ListTagsForResource"});
  }
  return false;
}

ModelKinds::ModelKinds(const FakeConfig& config) : config_(&config) {
  for (const std::string& name : aws::model::EmbeddedServiceNames()) {
    core::Result<const aws::model::ServiceModel*> m = aws::model::GetService(name);
    if (!m.ok()) continue;
    const auto& md = (*m)->metadata();
    std::string signing = md.signing_name.empty() ? md.endpoint_prefix : md.signing_name;
    signing_.emplace(signing, name);  // the first service of a signing name wins ...
  }
  for (const catalog::KindSpec* spec : catalog::AllKinds()) {
    const cdef::KindDef* def = catalog::FindKindDefinition(spec->name);
    if (!def) continue;
    core::Result<const aws::model::ServiceModel*> m = aws::model::GetService(def->service);
    if (!m.ok()) continue;
    ModelKind k;
    k.def = def;
    k.model = *m;
    std::string_view name = def->name;
    if (name.starts_with("AWS::")) name.remove_prefix(5);
    k.slug = Lower(name);
    k.salt = HashString(def->name);
    k.regional = def->scope == catalog::KindScope::kRegional;
    k.hand_written = !def->hook.empty() ||
                     (def->list && HandWritten(def->service, def->list->operation));
    auto count = config.kind_counts.find(def->name);
    k.per_scope = count != config.kind_counts.end() ? count->second : config.kind_resources;
    const std::vector<std::string>& regions =
        config.regions.empty() ? DefaultRegions() : config.regions;
    for (const std::string& region : regions) {
      k.in_region.push_back(def->regions.empty() ||
                            std::find(def->regions.begin(), def->regions.end(), region) !=
                                def->regions.end());
    }
    const auto& md = k.model->metadata();
    // ... except that a service some kind uses wins its signing name.
    std::string signing = md.signing_name.empty() ? md.endpoint_prefix : md.signing_name;
    signing_[signing] = def->service;
    std::vector<std::string>& services = kind_services_[signing];
    if (std::find(services.begin(), services.end(), def->service) == services.end()) {
      services.push_back(def->service);
    }

    if (def->list) {
      k.identity_paths = IdentityPaths(*def->list);
      for (const std::string& p : k.identity_paths) {
        k.identity_members.emplace_back(LastSegment(p));
      }
    }
    std::string member;
    if (def->list) {
      member = def->list->identity == "@" ? std::string(LastSegment(def->list->items))
                                          : std::string(LastSegment(def->list->identity));
    }
    std::string lower = Lower(member);
    identity_style_.push_back(lower.find("arn") != std::string::npos   ? "arn"
                              : lower.find("url") != std::string::npos ? "url"
                                                                       : "");
    int index = static_cast<int>(kinds_.size());
    auto use = [&](std::string_view op, OpUse u) {
      if (op.empty()) return;
      u.kind = index;
      uses_[def->service + ":" + std::string(op)].push_back(u);
    };
    if (def->list) use(def->list->operation, {index, OpRole::kList, nullptr, nullptr});
    if (def->get) use(def->get->operation, {index, OpRole::kGet, nullptr, &*def->get});
    for (const cdef::ActionDef& a : def->actions) {
      if (a.type == cdef::ActionType::kCall || a.type == cdef::ActionType::kPagedCall) {
        use(a.operation, {index, OpRole::kCall, &a, nullptr});
      } else if (a.type == cdef::ActionType::kBatch) {
        use(a.operation, {index, OpRole::kBatch, &a, nullptr});
      }
    }
    kinds_.push_back(std::move(k));
  }
}

int ModelKinds::Find(std::string_view kind_name) const {
  for (size_t i = 0; i < kinds_.size(); ++i) {
    if (kinds_[i].def->name == kind_name) return static_cast<int>(i);
  }
  return -1;
}

int ModelKinds::ParentOf(int k) const {
  const cdef::KindDef& def = *kinds_[k].def;
  if (!def.parent) return -1;
  for (size_t i = 0; i < kinds_.size(); ++i) {
    const cdef::KindDef& d = *kinds_[i].def;
    if (!kinds_[i].hand_written && d.list && d.service == def.service &&
        d.list->operation == def.parent->listing.operation) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

const std::vector<OpUse>& ModelKinds::Uses(std::string_view service, std::string_view op) const {
  std::string key = std::string(service) + ":" + std::string(op);
  auto it = uses_.find(key);
  return it == uses_.end() ? kNoUses : it->second;
}

std::string_view ModelKinds::ServiceOfSigningName(std::string_view signing_name) const {
  auto it = signing_.find(signing_name);
  return it == signing_.end() ? std::string_view() : std::string_view(it->second);
}

core::Status ModelKinds::IdentifyCall(std::string_view signing_name, const HttpIn& in,
                                      Call& call) const {
  std::vector<std::string> candidates;
  if (auto it = kind_services_.find(signing_name); it != kind_services_.end()) {
    candidates = it->second;
  }
  std::string_view fallback = ServiceOfSigningName(signing_name);
  if (candidates.empty() && !fallback.empty()) candidates.emplace_back(fallback);
  std::optional<Call> known;  // the first decoding whose model knows the operation
  core::Status first_error = core::Status::Ok();
  for (const std::string& service : candidates) {
    const aws::model::ServiceModel* model = Model(service);
    if (!model) continue;
    Call attempt = call;
    attempt.service = service;
    core::Status st = IdentifyModelCall(*model, in, attempt);
    if (!st.ok()) {
      if (first_error.ok()) first_error = st;
      continue;
    }
    if (attempt.operation.empty()) continue;
    if (!Uses(service, attempt.operation).empty()) {
      call = std::move(attempt);
      return core::Status::Ok();
    }
    if (!known) known = std::move(attempt);
  }
  if (known) {
    call = std::move(*known);
    return core::Status::Ok();
  }
  if (!first_error.ok()) return first_error;
  call.service = candidates.empty() ? std::string(signing_name) : candidates.front();
  return core::Status::Ok();  // no operation: the caller reports it
}

const aws::model::ServiceModel* ModelKinds::Model(std::string_view service) const {
  core::Result<const aws::model::ServiceModel*> m = aws::model::GetService(service);
  return m.ok() ? *m : nullptr;
}

uint64_t ModelKinds::Count(int k, int account, int region, int region_count) const {
  if (k < 0 || account < 0 || account >= config_->accounts) return 0;
  const ModelKind& kind = kinds_[k];
  if (kind.per_scope == 0) return 0;
  if (!kind.regional) {
    region = 0;
  } else if (region < 0 || region >= region_count ||
             (static_cast<size_t>(region) < kind.in_region.size() && !kind.in_region[region])) {
    return 0;
  }
  if (config_->populated >= 1.0) return kind.per_scope;
  double u = Unit(Mix(config_->seed, static_cast<uint64_t>(account), static_cast<uint64_t>(region),
                      kind.salt, 0xC0FFEE));
  return u < config_->populated ? kind.per_scope : 0;
}

}  // namespace fakeaws
