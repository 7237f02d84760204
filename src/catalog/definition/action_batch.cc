// The `batch` action of interpreted kinds (action_parts.h: RunBatch; actions.h: MakeWholeCalls):
// one call for up to `max` resources (per groupBy value), its answer's items matched back to
// the resources by key, a declared failures list logged and counted, a whole-call NotFound
// retried id by id when per-id fallback is on. The calls of one batch run concurrently (up to
// `concurrency`) and are merged in order; the first failing chunk decides the action's error.
//
// Thread-safety: coroutines on the resync's loop; `def`, `svc` and `op` must outlive them.
#include <algorithm>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "catalog/definition/action_parts.h"
#include "catalog/definition/actions.h"
#include "catalog/definition/calls.h"
#include "core/concurrency.h"
#include "core/log.h"

namespace catalog::definition {

namespace asio = boost::asio;
using core::Result;
using core::Status;

namespace {

// What resource `r` contributes to the batch's ids.
std::string BatchId(const ActionDef& def, ActionContext& ctx, const Resource& r) {
  if (def.batch.id == "{id}") return r.id;
  json::value v = Render(json::string(def.batch.id), ResourceVars(ctx, r));
  return v.is_string() ? std::string(v.get_string()) : core::WriteJson(v);
}

// One batch call (every page) for `chunk`, appending what came back keyed by identity. With a
// failures list declared, a resource missing from the answer is logged and counted.
asio::awaitable<Status> BatchChunk(const ActionDef* def, const aws::model::ServiceModel* svc,
                                   const aws::model::Operation* op, ActionContext& ctx,
                                   std::span<const Resource> chunk, Enrichments& out) {
  // Every resource of a chunk renders the params alike (one group): the first one renders them.
  json::object params = chunk.empty() ? json::object()
                                      : RenderObject(def->params, ResourceVars(ctx, chunk.front()));
  json::array ids;
  ids.reserve(chunk.size());
  // What each resource sent (its identity unless `id` says otherwise) -> its identity.
  std::unordered_map<std::string, std::string> wanted;
  for (const Resource& r : chunk) {
    std::string sent = BatchId(*def, ctx, r);
    if (!wanted.emplace(sent, r.id).second) continue;
    ids.push_back(json::string(sent));
  }
  params[def->batch.ids_param] = std::move(ids);
  std::unordered_set<std::string> described;
  std::unordered_map<std::string, std::string> reasons;  // identity -> "reason: detail"
  const BatchDef& b = def->batch;
  std::function<asio::awaitable<Status>(json::value)> on_page =
      [&](json::value page) -> asio::awaitable<Status> {
        // The page is ours: each described item is moved into its properties (shaped once).
        if (auto* items = const_cast<json::value*>(Lookup(page, b.items)); items && items->is_array()) {
          for (json::value& item : items->get_array()) {
            const json::value* key = Lookup(item, b.key);
            for (std::size_t k = 0; (!key || !key->is_string()) && k < b.other_keys.size(); ++k) {
              key = Lookup(item, b.other_keys[k]);
            }
            if (!key || !key->is_string()) continue;
            auto want = wanted.find(std::string(key->get_string()));
            if (want == wanted.end() || described.contains(want->second)) continue;
            described.emplace(want->second);
            json::object props;
            ShapeAnswer(*def, std::move(item), props);
            out.emplace_back(want->second, std::move(props));
          }
        }
        if (b.failures.empty()) co_return Status::Ok();
        if (const json::value* fails = Lookup(page, b.failures); fails && fails->is_array()) {
          for (const json::value& f : fails->get_array()) {
            const json::value* key = Lookup(f, b.failure_key);
            if (!key || !key->is_string()) continue;
            const json::value* reason = b.failure_reason.empty() ? nullptr : Lookup(f, b.failure_reason);
            const json::value* detail = b.failure_detail.empty() ? nullptr : Lookup(f, b.failure_detail);
            std::string text = reason && reason->is_string() ? std::string(reason->get_string())
                                                             : std::string("unknown reason");
            if (detail && detail->is_string() && !detail->get_string().empty()) {
              text += ": " + std::string(detail->get_string());
            }
            auto want = wanted.find(std::string(key->get_string()));
            if (want != wanted.end()) reasons.emplace(want->second, std::move(text));
          }
        }
        co_return Status::Ok();
      };
  Status st = co_await ForEachPage(ctx.client, ctx.target, *svc, *op, std::move(params), on_page);
  if (!st.ok()) co_return st;
  if (b.failures.empty()) co_return Status::Ok();
  for (const Resource& r : chunk) {
    if (described.contains(r.id)) continue;
    if (ctx.enrichment_errors) ++*ctx.enrichment_errors;
    auto it = reasons.find(r.id);
    LOG_WARN("{} failed for {}: {}", def->name, r.id,
             it != reasons.end() ? it->second : op->name + std::string(": not in the answer"));
  }
  co_return Status::Ok();
}

}  // namespace

asio::awaitable<Result<Enrichments>> RunBatch(const ActionDef* def,
                                              const aws::model::ServiceModel* svc,
                                              const aws::model::Operation* op, ActionContext& ctx,
                                              std::span<const Resource> rs) {
  Enrichments out;
  // Resources of one group value are called together, groups in order of first appearance.
  std::vector<Resource> grouped;
  std::vector<std::size_t> starts{0};  // where each group begins in `rs`
  if (!def->batch.group_by.empty()) {
    starts.clear();
    std::vector<std::pair<std::string, std::vector<std::size_t>>> groups;
    std::unordered_map<std::string, std::size_t> group_of;
    for (std::size_t i = 0; i < rs.size(); ++i) {
      json::value g = Render(json::string(def->batch.group_by), ResourceVars(ctx, rs[i]));
      std::string key = g.is_string() ? std::string(g.get_string()) : core::WriteJson(g);
      auto [it, fresh] = group_of.emplace(key, groups.size());
      if (fresh) groups.emplace_back(key, std::vector<std::size_t>());
      groups[it->second].second.push_back(i);
    }
    grouped.reserve(rs.size());
    for (const auto& [key, members] : groups) {
      starts.push_back(grouped.size());
      for (std::size_t i : members) grouped.push_back(rs[i]);
    }
    rs = grouped;
  }
  starts.push_back(rs.size());
  std::vector<std::span<const Resource>> chunks;
  for (std::size_t g = 0; g + 1 < starts.size(); ++g) {
    for (std::size_t i = starts[g]; i < starts[g + 1]; i += def->batch.max) {
      chunks.push_back(rs.subspan(i, std::min(def->batch.max, starts[g + 1] - i)));
    }
  }
  // The calls of one batch are independent: up to `concurrency` of them are in flight at once
  // (the client's per-key limiter paces them), their answers merged in chunk order. One after
  // another, a batch of 100 ECS services in 100 clusters cost 100 round trips end to end, which
  // bounded the kind's enrichment below its API's rate (issue 13.3). As before, the first
  // chunk (in order) that fails the whole action decides its error; no chunk after it is
  // started once it is known (chunks already in flight finish).
  std::vector<Enrichments> got(chunks.size());
  std::vector<Status> fatal(chunks.size());
  // Grouped calls that failed alone: counted and logged at the end, only for chunks before the
  // first fatal one, as when the chunks ran one after another (a chunk in flight when a fatal
  // one is known still finishes, but its outcome no longer counts).
  std::vector<Status> group_failed(chunks.size());
  std::size_t first_fatal = chunks.size();
  auto one_chunk = [&](std::size_t c) -> asio::awaitable<void> {
    if (c > first_fatal) co_return;
    std::span<const Resource> chunk = chunks[c];
    Status st = co_await BatchChunk(def, svc, op, ctx, chunk, got[c]);
    if (st.ok() || c > first_fatal) co_return;
    got[c].clear();
    bool not_found = st.code() == core::StatusCode::kNotFound;
    if (st.code() == core::StatusCode::kPermissionDenied || (not_found && !def->batch.per_id_fallback)) {
      LOG_WARN("{} skipped for {} resources: {}", def->name, chunk.size(), st.message());
      co_return;
    }
    if (!not_found && !def->batch.group_by.empty()) {
      // Grouped calls are independent (one parent each): a failing group costs only its own
      // resources, counted once per call.
      group_failed[c] = st;
      co_return;
    }
    if (!not_found) {
      fatal[c] = st;
      first_fatal = std::min(first_fatal, c);
      co_return;
    }
    // A resource of the chunk is gone and failed the whole call: ask one by one, so the others
    // keep their data.
    Result<Enrichments> each = co_await EnrichEach(
        ctx, chunk, def->name,
        [&ctx, def, svc, op](const Resource& r) -> asio::awaitable<Result<json::object>> {
          Enrichments one;
          std::span<const Resource> single(&r, 1);
          Status s = co_await BatchChunk(def, svc, op, ctx, single, one);
          if (!s.ok()) co_return s;
          json::object props;
          for (auto& [id, p] : one) {
            if (id == r.id) props = std::move(p);
          }
          co_return props;
        },
        def->concurrency);
    if (!each.ok()) {
      fatal[c] = each.status();
      first_fatal = std::min(first_fatal, c);
      co_return;
    }
    for (auto& e : *each) {
      if (!e.second.empty()) got[c].push_back(std::move(e));
    }
  };
  co_await core::ForEachBounded(chunks.size(), std::max<std::size_t>(def->concurrency, 1),
                                one_chunk);
  for (std::size_t c = 0; c < first_fatal && c < chunks.size(); ++c) {
    if (group_failed[c].ok()) continue;
    if (ctx.enrichment_errors) ++*ctx.enrichment_errors;
    LOG_WARN("{} failed for {} resources: {}", def->name, chunks[c].size(),
             group_failed[c].message());
  }
  if (first_fatal < chunks.size()) co_return fatal[first_fatal];
  for (Enrichments& g : got) {
    for (auto& e : g) out.push_back(std::move(e));
  }
  co_return out;
}

WholeCallsFn MakeWholeCalls(const ActionDef& def) {
  if (def.type != ActionType::kBatch) return nullptr;
  const ActionDef* d = &def;
  return [d](ActionContext& ctx, std::span<const Resource> listed, std::size_t at_most) {
    const BatchDef& b = d->batch;
    std::size_t k = std::min(at_most, listed.size());
    if (b.group_by.empty()) return b.max == 0 ? std::size_t{0} : k / b.max * b.max;
    // A boundary between two groups, before the last resource's group (it may grow). The
    // groups before it count as closed (a parent's children arrive together); their calls are
    // then `max` at a time, the last one the group's remainder, as in a batch holding each
    // whole group.
    if (listed.empty()) return std::size_t{0};
    k = std::min(k, listed.size() - 1);
    auto key = [&](const Resource& r) {
      json::value g = Render(json::string(b.group_by), ResourceVars(ctx, r));
      return g.is_string() ? std::string(g.get_string()) : core::WriteJson(g);
    };
    if (k == 0) return k;
    // The start of listed[k]'s group. A group's resources arrive together (a parent's
    // children, in parent order), so the resources sharing its key are a run ending at k:
    // found by bisection, a few renders per call instead of one per resource of the group
    // (ready() asks after every page, and one large cluster made that quadratic). Were a key
    // to come back after another, the run's start is still a boundary; only fewer resources
    // are taken now.
    const std::string last = key(listed[k]);
    if (key(listed[0]) == last) return std::size_t{0};
    std::size_t lo = 1, hi = k;  // key(listed[0]) != last == key(listed[k])
    while (lo < hi) {
      std::size_t mid = lo + (hi - lo) / 2;
      if (key(listed[mid]) == last) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  };
}

}  // namespace catalog::definition
