// The generic, model-driven responder (services.h HandleModel): every kind of the kind table that
// no hand-written service lists, answered from its KindDef and its botocore model. This file
// decides what a request is and holds the helpers every part shares (model_request.h):
//
//   batch    an id list naming resources of a kind's batch action (model_detail.cc);
//   children a call naming a parent item that kinds list children from: the parent's details
//            with every such kind's items (model_listing.cc ComposeChildren);
//   call     (call, pagedCall, get) a resource named anywhere in the parameters: its details, or
//            for a get `asListing` the listing of just the resources named;
//   list     otherwise the listing whose fixed parameters the request carries (model_listing.cc).
//
// Thread-safety: pure functions of the request and the immutable configuration.
#include "model_request.h"

namespace fakeaws {

namespace am = aws::model;

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

Naming NameOf(const Req& r, int k, uint64_t idx) {
  const ModelKind& kind = r.kinds.kinds()[k];
  Naming n;
  n.marker = r.kinds.Marker(k, idx);
  n.identity = r.kinds.Identity(k, idx, r.ctx.call.account, r.ctx.call.region);
  n.kind = &kind;
  n.account = r.ctx.call.account;
  n.region = kind.regional ? std::string_view(r.ctx.call.region) : std::string_view();
  return n;
}

std::string_view LastPart(std::string_view kind) {
  size_t at = kind.rfind("::");
  return at == kind.npos ? kind : kind.substr(at + 2);
}

bool Failing(const Req& r, std::string_view id) {
  for (const std::string& f : r.ctx.universe.config().failing_ids) {
    if (id.find(f) != id.npos) return true;
  }
  return false;
}

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
  if (std::optional<Reply> composed = ComposeChildren(r, uses)) return std::move(*composed);
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
        json::value out = json::object();
        Reply error;
        if (!FillListing(r, u.kind, &only, out, error)) return error;
        return RenderOutput(*model, *op, out, ctx.request_id);
      }
      if (!Exists(r, u.kind, *idx)) {
        return ModelNotFound(*model, LastPart(kinds.kinds()[u.kind].def->name),
                             std::string(s) + " does not exist", ctx.request_id);
      }
      return Detail(r, u, *idx);
    }
  }
  if (const OpUse* list = PickListing(r, uses)) {
    json::value out = json::object();
    Reply error;
    if (!FillListing(r, list->kind, nullptr, out, error)) return error;
    return RenderOutput(*model, *op, out, ctx.request_id);
  }
  const OpUse& any = uses.front();
  return ModelNotFound(*model, LastPart(kinds.kinds()[any.kind].def->name),
                       "The requested resource does not exist.", ctx.request_id);
}

}  // namespace fakeaws
