#include "catalog/definition/actions.h"

#include <algorithm>
#include <charconv>
#include <unordered_map>
#include <unordered_set>

#include "catalog/definition/calls.h"
#include "catalog/definition/shared_responses.h"
#include "core/concurrency.h"
#include "core/log.h"

namespace catalog::definition {

namespace asio = boost::asio;
using core::Result;
using core::Status;

json::value Coerce(const json::value& v, std::string_view type) {
  if (type == "string") return v.is_string() ? v : json::value(json::string(core::WriteJson(v)));
  if (!v.is_string()) return v;
  std::string_view text = v.get_string();
  const char* b = text.data();
  const char* e = b + text.size();
  if (type == "integer") {
    std::int64_t i;
    if (auto r = std::from_chars(b, e, i); r.ec == std::errc() && r.ptr == e) return i;
  } else if (type == "number") {
    double d;
    if (auto r = std::from_chars(b, e, d); r.ec == std::errc() && r.ptr == e) return d;
  } else if (type == "boolean") {
    if (text == "true" || text == "True") return true;
    if (text == "false" || text == "False") return false;
  }
  return v;
}

namespace {

json::value CoerceMember(const ActionDef& def, std::string_view member, const json::value& v) {
  if (def.coerce.empty()) return v;
  auto it = def.coerce.find(member);
  return it == def.coerce.end() ? v : Coerce(v, it->second);
}

bool Kept(const ActionDef& def, std::string_view member) {
  return std::find(def.keep.begin(), def.keep.end(), member) != def.keep.end();
}

// `v` moved out when `owned` (the caller's answer, read once) and not coerced, else copied.
json::value TakeMember(const ActionDef& def, std::string_view member, const json::value& v,
                       bool owned) {
  if (owned && (def.coerce.empty() || def.coerce.find(member) == def.coerce.end())) {
    return std::move(const_cast<json::value&>(v));
  }
  return CoerceMember(def, member, v);
}

// Puts `value` under `into`, or merges its members when into is "*". With `owned`, `value`
// belongs to the caller, who gives it up: its members are moved, not copied.
void PlaceInto(const ActionDef& def, const std::string& into, const json::value& value,
               json::object& props, bool owned = false) {
  if (into != "*") {
    props[into] = TakeMember(def, into, value, owned);
    return;
  }
  const json::object* o = value.if_object();
  if (!o) return;
  props.reserve(props.size() + o->size());
  for (const auto& kv : *o) {
    std::string_view name = kv.key();
    bool renamed = false;
    for (const auto& [from, to] : def.rename) {
      if (from == kv.key()) {
        name = to;
        renamed = true;
        break;
      }
    }
    if (!renamed && (!def.keep_others || (!def.keep.empty() && !Kept(def, kv.key())))) continue;
    props[name] = TakeMember(def, kv.key(), kv.value(), owned);
  }
}

void Place(const ActionDef& def, const json::value& value, json::object& props,
           bool owned = false) {
  PlaceInto(def, def.into, value, props, owned);
}

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

TemplateVars ResourceVars(const ActionContext& ctx, const Resource& r) {
  TemplateVars v = ScopeVars(ctx.target, ctx.account.partition);
  v.id = r.id;
  v.props = &r.properties;
  v.extra = &r.extra_context;
  v.parent = r.origin.if_contains("parent");
  v.item = r.origin.if_contains("item");
  return v;
}

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

}  // namespace

namespace {

// `owned`: `raw` is the caller's, given up; with a single `take` (nothing else reads the
// answer after it) the taken value is moved into the properties instead of copied.
void ShapeAnswerImpl(const ActionDef& def, const json::value& raw, json::object& props,
                     bool owned) {
  owned = owned && def.take_all.empty() && def.also.empty();
  json::value parsed;
  const json::value* answer_ptr = &raw;
  if (owned && !def.parse_json.empty()) {
    std::string bad = ParseJsonMembers(const_cast<json::value&>(raw), def.parse_json);
    if (!bad.empty()) LOG_WARN("{}: the answer's {} is not JSON; kept as text", def.name, bad);
  } else if (!def.parse_json.empty()) {
    parsed = raw;
    std::string bad = ParseJsonMembers(parsed, def.parse_json);
    if (!bad.empty()) LOG_WARN("{}: the answer's {} is not JSON; kept as text", def.name, bad);
    answer_ptr = &parsed;
  }
  const json::value& answer = *answer_ptr;
  if (!def.take_all.empty()) {
    // take: [a, b]: the members of each object found, later paths winning.
    json::object merged;
    bool any = false;
    for (const std::string& path : def.take_all) {
      const json::value* v = Lookup(answer, path);
      if (!v || !v->is_object()) continue;
      any = true;
      for (const auto& kv : v->get_object()) merged[kv.key()] = kv.value();
    }
    if (any) {
      Place(def, json::value(std::move(merged)), props);
    } else if (def.missing) {
      Place(def, *def.missing, props);
    }
    return;
  }
  const json::value* taken = Lookup(answer, def.take);
  if (taken && !taken->is_null()) {
    Place(def, *taken, props, owned);
  } else if (def.missing) {
    Place(def, *def.missing, props);
  }
  for (const TakeDef& t : def.also) {
    const json::value* more = Lookup(answer, t.take);
    if (more && !more->is_null()) {
      PlaceInto(def, t.into, *more, props);
    } else if (t.missing) {
      PlaceInto(def, t.into, *t.missing, props);
    }
  }
}

}  // namespace

void ShapeAnswer(const ActionDef& def, const json::value& raw, json::object& props) {
  ShapeAnswerImpl(def, raw, props, false);
}

void ShapeAnswer(const ActionDef& def, json::value&& raw, json::object& props) {
  ShapeAnswerImpl(def, raw, props, true);
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
