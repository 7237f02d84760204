// The generic, model-driven responder (services.h HandleModel): every kind of the kind table that
// no hand-written service lists, answered from its KindDef and its botocore model.
//
//   list     the kind's listing, paged with the paginator's own token and limit names (the
//            model's, or the kind's declared paginator): default page = the limit member's max
//            (else 100), capped by page_cap; items synthesized from the item shape with the
//            identity at the kind's identity path; a listing that names identities (EC2's
//            VolumeIds, a get `asListing`) answers just those;
//   call     (call, pagedCall, get) the operation's whole output for the named resource, the
//            get's identity set where the kind reads it; an unknown resource is the service's
//            not-found error;
//   batch    one result per requested identity (key path = the identity as asked), unknown or
//            failing ones in the failures list where the kind declares one.
#include <charconv>

#include "model_kinds.h"
#include "model_synth.h"
#include "model_wire.h"
#include "services.h"

namespace fakeaws {

namespace am = aws::model;
namespace cdef = catalog::definition;

namespace {

struct Req {
  const ServiceContext& ctx;
  const ModelKinds& kinds;
  const am::ServiceModel& model;
  const am::Operation& op;
  const ModelParams& params;
};

// The element shape of the list at `path` inside `shape` ("" / "@" : shape itself is the list).
const am::Shape* ElementAt(const am::Shape* shape, std::string_view path) {
  while (shape && !path.empty() && path != "@") {
    size_t dot = path.find('.');
    std::string_view key = path.substr(0, dot);
    const am::Member* m = shape->type == am::ShapeType::kStructure ? shape->FindMember(key) : nullptr;
    shape = m ? m->shape : nullptr;
    path = dot == path.npos ? std::string_view() : path.substr(dot + 1);
  }
  return shape && shape->type == am::ShapeType::kList ? shape->member.shape : nullptr;
}

// Kinds listed per parent item (`parent`): the children of one parent are indexes
// bucket * kPerParent + j (j < the per-scope count), the bucket a hash of the parent value the
// request names, so children of different parents never share an identity.
constexpr uint64_t kPerParent = 10000;

uint64_t ParentBase(const Req& r, int k) {
  const cdef::KindDef& def = *r.kinds.kinds()[k].def;
  if (!def.parent) return 0;
  for (const auto& p : def.list->params) {
    if (p.value().is_string() && p.value().get_string().find("{parent.") != json::string::npos) {
      return (HashString(r.params.Scalar(p.key())) % 999 + 1) * kPerParent;
    }
  }
  return 0;
}

bool Exists(const Req& r, int k, uint64_t idx) {
  if (r.kinds.kinds()[k].def->parent) idx %= kPerParent;
  if (idx >= r.kinds.Count(k, r.ctx.account, r.ctx.region,
                           static_cast<int>(r.ctx.universe.regions().size()))) {
    return false;
  }
  return !r.ctx.universe.IsRemoved(r.kinds.Identity(k, idx, r.ctx.call.account, r.ctx.call.region));
}

uint64_t Seed(const Req& r, int k, uint64_t idx, std::string_view what) {
  return Mix(r.ctx.universe.seed(), r.kinds.kinds()[k].salt,
             static_cast<uint64_t>(r.ctx.account) << 8 | static_cast<uint64_t>(r.ctx.region & 0xff),
             idx, HashString(what));
}

// The listed item of resource `idx`.
json::value Item(const Req& r, int k, uint64_t idx, const am::Shape* shape) {
  const ModelKind& kind = r.kinds.kinds()[k];
  std::string identity = r.kinds.Identity(k, idx, r.ctx.call.account, r.ctx.call.region);
  if (!shape || shape->type != am::ShapeType::kStructure) return json::string(identity);
  std::string marker = r.kinds.Marker(k, idx);
  SynthScope sc{kind.def->service, r.ctx.call.account, kind.regional ? r.ctx.call.region : "",
                kind.slug, marker};
  json::value item = Synthesize(shape, "", Seed(r, k, idx, "item"), sc);
  SetPath(item, kind.def->list->identity, json::string(identity));
  return item;
}

std::string_view LastPart(std::string_view kind) {
  size_t at = kind.rfind("::");
  return at == kind.npos ? kind : kind.substr(at + 2);
}

std::string_view First(const std::vector<std::string>& v) {
  return v.empty() ? std::string_view() : std::string_view(v.front());
}

Reply List(const Req& r, int k, const std::vector<uint64_t>* only) {
  const cdef::ListingDef& L = *r.kinds.kinds()[k].def->list;
  const am::Shape* item_shape = ElementAt(r.op.output, L.items);
  const am::Shape* child_shape =
      L.flatten ? ElementAt(item_shape, L.flatten->items) : item_shape;
  std::string in_token, out_token, limit_key, more;
  if (r.op.paginator) {
    in_token = First(r.op.paginator->input_token);
    out_token = First(r.op.paginator->output_token);
    limit_key = r.op.paginator->limit_key;
    more = r.op.paginator->more_results;
  } else if (L.paginator) {
    in_token = L.paginator->input_token;
    out_token = L.paginator->output_token;
    limit_key = L.paginator->limit_key;
  }
  json::array items;
  auto add = [&](uint64_t i) {
    json::value child = Item(r, k, i, child_shape);
    if (!L.flatten) {
      items.push_back(std::move(child));
      return;
    }
    json::value parent = json::object();
    json::array children;
    children.push_back(std::move(child));
    SetPath(parent, L.flatten->items, std::move(children));
    items.push_back(std::move(parent));
  };
  json::value out = json::object();
  if (only) {
    for (uint64_t i : *only) {
      if (Exists(r, k, i)) add(i);
    }
    if (items.empty()) {
      return ModelNotFound(r.model, LastPart(r.kinds.kinds()[k].def->name),
                           "The requested resource does not exist.", r.ctx.request_id);
    }
    SetPath(out, L.items, std::move(items));
    return RenderOutput(r.model, r.op, out, r.ctx.request_id);
  }
  uint64_t size = 100;
  const am::Member* lm = r.op.input && !limit_key.empty() ? r.op.input->FindMember(limit_key) : nullptr;
  if (lm && lm->shape && lm->shape->max > 0) size = static_cast<uint64_t>(lm->shape->max);
  std::string limit = limit_key.empty() ? "" : r.params.Scalar(limit_key);
  uint64_t asked = 0;
  if (!limit.empty() && std::from_chars(limit.data(), limit.data() + limit.size(), asked).ec ==
                            std::errc() && asked > 0) {
    size = asked;
  }
  uint64_t cap = r.ctx.universe.config().page_cap;
  if (cap > 0 && size > cap) size = cap;
  std::string token = in_token.empty() ? "" : r.params.Scalar(in_token);
  uint64_t scope = TokenScope(r.ctx, r.op.name + "/" + r.kinds.kinds()[k].slug);
  uint64_t start = 0;
  if (!token.empty()) {
    std::optional<uint64_t> s = ReadToken(token, scope);
    if (!s) {
      return ModelError(r.model, 400, r.model.metadata().protocol == "ec2" ? "InvalidParameterValue"
                                                                           : "InvalidNextTokenException",
                        "The token '" + token + "' is invalid or expired.", r.ctx.request_id);
    }
    start = *s;
  }
  uint64_t count = r.kinds.Count(k, r.ctx.account, r.ctx.region,
                                 static_cast<int>(r.ctx.universe.regions().size()));
  uint64_t base = ParentBase(r, k);
  uint64_t i = start, taken = 0;
  for (; i < count && taken < size; ++i) {
    if (r.ctx.universe.any_removed() &&
        r.ctx.universe.IsRemoved(
            r.kinds.Identity(k, base + i, r.ctx.call.account, r.ctx.call.region))) {
      continue;
    }
    add(base + i);
    ++taken;
  }
  SetPath(out, L.items, std::move(items));
  if (i < count && !out_token.empty()) SetPath(out, out_token, json::string(MakeToken(i, scope)));
  if (!more.empty()) SetPath(out, more, i < count);
  return RenderOutput(r.model, r.op, out, r.ctx.request_id);
}

// A string map the action takes (SNS/SQS-style attributes) gets an entry for every key the
// kind declares (rename, coerce), typed as the coercion expects, as the real service sends them.
void FillDeclaredKeys(const am::Shape* output, const cdef::ActionDef& a, json::value& out,
                      uint64_t h) {
  const am::Shape* shape = output;
  std::string_view path = a.take;
  while (shape && !path.empty() && path != "@") {
    size_t dot = path.find('.');
    const am::Member* m = shape->type == am::ShapeType::kStructure
                              ? shape->FindMember(path.substr(0, dot))
                              : nullptr;
    shape = m ? m->shape : nullptr;
    path = dot == path.npos ? std::string_view() : path.substr(dot + 1);
  }
  if (!shape || shape->type != am::ShapeType::kMap || !shape->value.shape ||
      shape->value.shape->type != am::ShapeType::kString) {
    return;
  }
  json::value fresh = json::object();
  json::object& map = (a.take.empty() || a.take == "@") ? out.as_object() : fresh.as_object();
  auto put = [&](std::string_view key) {
    auto c = a.coerce.find(key);
    uint64_t v = Mix(h, HashString(key));
    if (c != a.coerce.end() && c->second == "boolean") {
      map[key] = (v & 1) ? "true" : "false";
    } else if (c != a.coerce.end()) {
      map[key] = std::to_string(v % 1000);
    } else {
      std::string text(key);
      text += '-';
      AppendHex(text, v & 0xffffff, 6);
      map[key] = text;
    }
  };
  for (const auto& [from, to] : a.rename) put(from);
  for (const auto& [key, type] : a.coerce) put(key);
  if (a.take.empty() || a.take == "@") return;
  SetPath(out, a.take, std::move(fresh));
}

Reply Detail(const Req& r, const OpUse& u, uint64_t idx) {
  const ModelKind& kind = r.kinds.kinds()[u.kind];
  std::string marker = r.kinds.Marker(u.kind, idx);
  SynthScope sc{kind.def->service, r.ctx.call.account, kind.regional ? r.ctx.call.region : "",
                kind.slug, marker};
  json::value out = Synthesize(r.op.output, "", Seed(r, u.kind, idx, r.op.name), sc);
  if (!out.is_object()) out = json::object();
  if (u.role == OpRole::kGet && !u.get->identity.empty()) {
    std::string identity = r.kinds.Identity(u.kind, idx, r.ctx.call.account, r.ctx.call.region);
    std::string path = u.get->items.empty() ? u.get->identity : u.get->items + "." + u.get->identity;
    SetPath(out, path, json::string(identity));
  }
  if (u.role == OpRole::kCall) FillDeclaredKeys(r.op.output, *u.action, out, Seed(r, u.kind, idx, "keys"));
  return RenderOutput(r.model, r.op, out, r.ctx.request_id);
}

bool Failing(const Req& r, std::string_view id) {
  for (const std::string& f : r.ctx.universe.config().failing_ids) {
    if (id.find(f) != id.npos) return true;
  }
  return false;
}

Reply Batch(const Req& r, const OpUse& u, const std::vector<std::string>& ids) {
  const cdef::BatchDef& b = u.action->batch;
  const ModelKind& kind = r.kinds.kinds()[u.kind];
  const am::Shape* item_shape = ElementAt(r.op.output, b.items);
  json::array items, failures, not_found;
  for (const std::string& id : ids) {
    std::optional<uint64_t> idx = r.kinds.FindMarker(u.kind, id);
    bool failing = Failing(r, id);
    if (idx && Exists(r, u.kind, *idx) && !failing) {
      std::string marker = r.kinds.Marker(u.kind, *idx);
      SynthScope sc{kind.def->service, r.ctx.call.account, kind.regional ? r.ctx.call.region : "",
                    kind.slug, marker};
      json::value item = item_shape && item_shape->type == am::ShapeType::kStructure
                             ? Synthesize(item_shape, "", Seed(r, u.kind, *idx, r.op.name), sc)
                             : json::value(json::object());
      SetPath(item, b.key, json::string(id));
      items.push_back(std::move(item));
    } else if (b.failures.empty()) {
      if (!failing) not_found.push_back(json::string(id));
    } else {
      json::value f = json::object();
      SetPath(f, b.failure_key, json::string(id));
      if (!b.failure_reason.empty()) {
        SetPath(f, b.failure_reason, json::string(failing ? "INTERNAL_ERROR" : "MISSING"));
      }
      if (!b.failure_detail.empty()) {
        SetPath(f, b.failure_detail, json::string(failing ? "internal error" : "not found"));
      }
      failures.push_back(std::move(f));
    }
  }
  json::value out = json::object();
  SetPath(out, b.items, std::move(items));
  if (!b.failures.empty()) SetPath(out, b.failures, std::move(failures));
  // The model's own not-found list where the kind declares no failures (CodeBuild's
  // projectsNotFound / buildsNotFound: a list of the ids asked for that do not exist).
  if (b.failures.empty() && !not_found.empty() && r.op.output) {
    for (const am::Member& m : r.op.output->members) {
      if (m.name.ends_with("NotFound") && m.shape && m.shape->type == am::ShapeType::kList) {
        SetPath(out, m.name, not_found);
      }
    }
  }
  return RenderOutput(r.model, r.op, out, r.ctx.request_id);
}

// The listing use whose fixed parameters the request carries (MSK's ClusterTypeFilter, ...).
const OpUse* PickListing(const Req& r, const std::vector<OpUse>& uses) {
  const OpUse* first = nullptr;
  for (const OpUse& u : uses) {
    if (u.role != OpRole::kList) continue;
    if (!first) first = &u;
    bool match = true;
    for (const auto& p : r.kinds.kinds()[u.kind].def->list->params) {
      if (p.value().is_string() && p.value().get_string().find('{') == json::string::npos &&
          r.params.Scalar(p.key()) != p.value().get_string()) {
        match = false;
      }
    }
    if (match) return &u;
  }
  return first;
}

}  // namespace

Reply HandleModel(const ServiceContext& ctx, const ModelKinds& kinds) {
  const am::ServiceModel* model = kinds.Model(ctx.call.service);
  const am::Operation* op = model ? model->FindOperation(ctx.call.operation) : nullptr;
  const std::vector<OpUse>& uses = kinds.Uses(ctx.call.service, ctx.call.operation);
  if (!model || !op || uses.empty()) return UnknownOperationReply(ctx.call, ctx.request_id);
  ModelParams params = ReadParams(*model, *op, ctx.call);
  Req r{ctx, kinds, *model, *op, params};

  for (const OpUse& u : uses) {
    if (u.role != OpRole::kBatch) continue;
    std::vector<std::string> ids = params.List(u.action->batch.ids_param);
    for (const std::string& id : ids) {
      if (kinds.FindMarker(u.kind, id)) return Batch(r, u, ids);
    }
  }
  for (const OpUse& u : uses) {
    if (u.role != OpRole::kCall && u.role != OpRole::kGet) continue;
    for (std::string_view s : params.strings) {
      std::optional<uint64_t> idx = kinds.FindMarker(u.kind, s);
      if (!idx) continue;
      if (u.role == OpRole::kGet && u.get->use_list_shape) {
        std::vector<uint64_t> only;
        for (std::string_view t : params.strings) {
          if (auto i = kinds.FindMarker(u.kind, t)) only.push_back(*i);
        }
        return List(r, u.kind, &only);
      }
      if (!Exists(r, u.kind, *idx)) {
        return ModelNotFound(*model, LastPart(kinds.kinds()[u.kind].def->name),
                             std::string(s) + " does not exist", ctx.request_id);
      }
      return Detail(r, u, *idx);
    }
  }
  if (const OpUse* list = PickListing(r, uses)) return List(r, list->kind, nullptr);
  const OpUse& any = uses.front();
  return ModelNotFound(*model, LastPart(kinds.kinds()[any.kind].def->name),
                       "The requested resource does not exist.", ctx.request_id);
}

}  // namespace fakeaws
