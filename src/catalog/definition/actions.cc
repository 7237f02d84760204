// The `set`, `call` and `pagedCall` actions of interpreted kinds, and MakeAction choosing an
// action's runner by type (actions.h). Shaping answers lives in action_shape.cc, batch calls in
// action_batch.cc.
//
// Thread-safety: the actions run as coroutines on the resync's loop; `def`, `svc` and `op`
// must outlive them.
#include "catalog/definition/actions.h"

#include <algorithm>

#include "catalog/definition/action_parts.h"
#include "catalog/definition/calls.h"
#include "catalog/definition/shared_responses.h"

namespace catalog::definition {

namespace asio = boost::asio;
using core::Result;
using core::Status;

namespace {

// The value `tolerate` gives this error, if any.
const json::value* Tolerated(const ActionDef& def, const Status& st) {
  if (def.tolerate.empty()) return nullptr;
  if (auto it = def.tolerate.find(st.remote_code()); it != def.tolerate.end() && !st.remote_code().empty()) {
    return &it->second;
  }
  if (st.code() == core::StatusCode::kNotFound) {
    if (auto it = def.tolerate.find("NotFound"); it != def.tolerate.end()) return &it->second;
  }
  if (st.code() == core::StatusCode::kPermissionDenied) {
    if (auto it = def.tolerate.find("AccessDenied"); it != def.tolerate.end()) return &it->second;
  }
  return nullptr;
}

bool IsAbsent(const ActionDef& def, const Status& st) {
  for (const std::string& code : def.absent) {
    if (code == st.remote_code()) return true;
  }
  return false;
}

}  // namespace

TemplateVars ResourceVars(const ActionContext& ctx, const Resource& r) {
  TemplateVars v = ScopeVars(ctx.target, ctx.account.partition);
  v.id = r.id;
  v.props = &r.properties;
  v.extra = &r.extra_context;
  v.parent = r.origin.if_contains("parent");
  v.item = r.origin.if_contains("item");
  return v;
}

namespace {

asio::awaitable<Result<Enrichments>> RunSet(const ActionDef* def, ActionContext& ctx,
                                            std::span<const Resource> rs) {
  Enrichments out;
  if (def->set.empty()) co_return out;  // upstream's pass-through actions: nothing to merge
  out.reserve(rs.size());
  for (const Resource& r : rs) out.emplace_back(r.id, RenderObject(def->set, ResourceVars(ctx, r)));
  co_return out;
}

asio::awaitable<Result<Enrichments>> RunCall(const ActionDef* def,
                                             const aws::model::ServiceModel* svc,
                                             const aws::model::Operation* op, ActionContext& ctx,
                                             std::span<const Resource> rs) {
  bool paged = def->type == ActionType::kPagedCall;
  co_return co_await EnrichEach(
      ctx, rs, def->name,
      [&ctx, def, svc, op, paged](const Resource& r) -> asio::awaitable<Result<json::object>> {
        json::object params = RenderObject(def->params, ResourceVars(ctx, r));
        Result<json::value> res = json::value();
        if (paged) {
          res = co_await CallAllPagesOf(ctx.client, ctx.target, *svc, *op, std::move(params));
        } else if (def->shared && ctx.account.shared_responses) {
          res = co_await CallShared(ctx.client, ctx.target, *svc, *op, std::move(params),
                                    *ctx.account.shared_responses);
        } else {
          res = co_await CallOnce(ctx.client, ctx.target, *svc, *op, std::move(params));
        }
        json::object props;
        if (!res.ok()) {
          if (const json::value* v = Tolerated(*def, res.status())) {
            Place(*def, *v, props);
            co_return props;
          }
          if (ctx.absent_ids && !res.status().remote_code().empty() &&
              std::find(def->absent_on.begin(), def->absent_on.end(),
                        res.status().remote_code()) != def->absent_on.end()) {
            ctx.absent_ids->push_back(r.id);  // the resource is gone: the live event deletes it
          }
          if (IsAbsent(*def, res.status())) {
            co_return Status::NotFound(def->operation + ": " + r.id + " has none (" +
                                       std::string(res.status().remote_code()) + ")");
          }
          co_return res.status();
        }
        ShapeAnswer(*def, std::move(*res), props);
        co_return props;
      },
      def->concurrency);
}

}  // namespace

ActionFn MakeAction(const ActionDef& def, const aws::model::ServiceModel* svc,
                    const aws::model::Operation* op) {
  const ActionDef* d = &def;
  switch (def.type) {
    case ActionType::kSet:
      return [d](ActionContext& ctx, std::span<const Resource> rs) { return RunSet(d, ctx, rs); };
    case ActionType::kCall:
    case ActionType::kPagedCall:
      return [d, svc, op](ActionContext& ctx, std::span<const Resource> rs) {
        return RunCall(d, svc, op, ctx, rs);
      };
    case ActionType::kBatch:
      return [d, svc, op](ActionContext& ctx, std::span<const Resource> rs) {
        return RunBatch(d, svc, op, ctx, rs);
      };
    case ActionType::kHook:
      break;
  }
  return nullptr;
}

}  // namespace catalog::definition
