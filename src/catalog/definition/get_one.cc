// The single-resource get of interpreted kinds (listing.h's MakeGet): `get` calls the kind's
// describe operation for one identity (a live event, `ocean-aws get`), reading the answer as
// the listing would (`listed`), like a child listing under its parent, or by name (`byName`).
// An answer without the resource means absent, never an error.
#include <algorithm>

#include "catalog/definition/calls.h"
#include "catalog/definition/listing.h"
#include "catalog/definition/shared_responses.h"
#include "core/log.h"

namespace catalog::definition {

namespace asio = boost::asio;
using core::Result;
using core::Status;

namespace {

// The candidate resources of a get answer.
Status GetCandidates(const KindDef& def, const GetDef& g, std::string_view id,
                     const json::value& answer, const json::object& base_extra,
                     std::vector<Resource>& out, const json::value* parent = nullptr) {
  if (g.use_list_shape) {
    const json::value* items = Lookup(answer, def.list->items);
    if (!items || !items->is_array()) return Status::Ok();
    ListedAt at{&answer, parent, 0};
    for (const json::value& item : items->get_array()) {
      ++at.position;
      Status st = ItemToResources(*def.list, item, base_extra, out, at);
      if (!st.ok()) return st;
    }
    return Status::Ok();
  }
  const json::value* found = g.items.empty() ? &answer : Lookup(answer, g.items);
  if (!found) return Status::Ok();
  auto one = [&](const json::value& item) {
    std::string identity(id);
    if (!g.identity.empty()) {
      const json::value* v = Lookup(item, g.identity);
      if (!v || !v->is_string()) return;
      identity = std::string(v->get_string());
    }
    Resource r{std::move(identity), {}, base_extra};
    if (g.properties_mode == "item") {
      if (const json::object* o = item.if_object()) r.properties = *o;
    }
    out.push_back(std::move(r));
  };
  if (const json::array* a = found->if_array()) {
    for (const json::value& item : *a) one(item);
  } else {
    one(*found);
  }
  return Status::Ok();
}

// Whether resource `r` is the one asked for by `name`: its identity ends with the name after a
// '/' or ':' (an ARN's or URL's last segment), or one of its top-level properties is the name.
bool CarriesName(const Resource& r, std::string_view name) {
  if (name.empty()) return false;
  if (r.id.size() > name.size() && r.id.ends_with(name)) {
    char before = r.id[r.id.size() - name.size() - 1];
    if (before == '/' || before == ':') return true;
  }
  for (const auto& kv : r.properties) {
    if (const json::string* s = kv.value().if_string(); s && *s == name) return true;
  }
  return false;
}

bool AbsentOn(const GetDef& g, const Status& st) {
  return !st.remote_code().empty() &&
         std::find(g.absent_on.begin(), g.absent_on.end(), st.remote_code()) != g.absent_on.end();
}

// get with `listed`: the call (if any) must find something; the resource is then made from the
// rendered item and parent exactly as the listing makes it.
asio::awaitable<Result<std::optional<Resource>>> GetListed(const KindDef* def,
                                                           const aws::model::ServiceModel* svc,
                                                           const aws::model::Operation* op,
                                                           ListContext& ctx, const std::string& id,
                                                           const json::object& parts,
                                                           json::object extra) {
  const GetDef& g = *def->get;
  TemplateVars vars = ScopeVars(ctx.target, ctx.account.partition);
  vars.id = id;
  vars.id_parts = &parts;
  if (op) {
    json::object params = RenderObject(g.params, vars);
    Result<json::value> res = co_await CallOnce(ctx.client, ctx.target, *svc, *op, std::move(params));
    if (!res.ok()) {
      if (res.status().code() == core::StatusCode::kNotFound || AbsentOn(g, res.status())) {
        co_return std::optional<Resource>();
      }
      co_return res.status();
    }
    if (!g.items.empty()) {
      const json::value* found = Lookup(*res, g.items);
      if (!found || found->is_null() || (found->is_array() && found->get_array().empty())) {
        co_return std::optional<Resource>();
      }
    }
  }
  json::value item = Render(*g.listed_item, vars);
  json::value parent;
  const json::value* parent_ptr = nullptr;
  if (g.listed_parent) {
    parent = Render(*g.listed_parent, vars);
    parent_ptr = &parent;
    if (def->parent) {
      for (const auto& [key, path] : def->parent->carry) {
        if (const json::value* v = Lookup(parent, path)) extra[key] = *v;
      }
    }
  }
  std::vector<Resource> out;
  Status st = ItemToResources(*def->list, item, extra, out, parent_ptr);
  if (!st.ok()) co_return st;
  if (out.empty()) co_return std::optional<Resource>();
  co_return std::optional<Resource>(std::move(out.front()));
}

// A get that reads its answer like the listing under `parent`: every page (or the shared single
// answer) until a resource with identity `id` shows up; none means absent.
asio::awaitable<Result<std::optional<Resource>>> GetChild(const KindDef* def,
                                                          const aws::model::ServiceModel* svc,
                                                          const aws::model::Operation* op,
                                                          ListContext& ctx, const std::string& id,
                                                          const json::object& base_extra,
                                                          json::value parent, json::object params) {
  std::optional<Resource> found;
  std::function<asio::awaitable<Status>(json::value)> on_page =
      [&](json::value page) -> asio::awaitable<Status> {
        if (found) co_return Status::Ok();
        std::vector<Resource> rs;
        Status st = GetCandidates(*def, *def->get, id, page, base_extra, rs, &parent);
        if (!st.ok()) co_return st;
        for (Resource& r : rs) {
          if (r.id == id) {
            found = std::move(r);
            // Stops the paging; the caller sees `found` first.
            co_return Status(core::StatusCode::kAborted, "found");
          }
        }
        co_return Status::Ok();
      };
  Status st;
  if (def->list->shared && !op->paginator && ctx.account.shared_responses) {
    SharedResponses& shared = *ctx.account.shared_responses;
    Result<json::value> answer =
        co_await CallShared(ctx.client, ctx.target, *svc, *op, std::move(params), shared);
    if (answer.ok()) {
      st = co_await on_page(std::move(*answer));
    } else {
      st = answer.status();
    }
  } else {
    st = co_await ForEachPage(ctx.client, ctx.target, *svc, *op, std::move(params), on_page);
  }
  if (found) co_return found;
  if (!st.ok()) {
    if (st.code() == core::StatusCode::kNotFound || AbsentOn(*def->get, st)) {
      co_return std::optional<Resource>();
    }
    co_return st;
  }
  co_return found;
}

// get.byName: the get's call asked by a name (params from byName, {id} = the name). Only a
// resource whose `match` property is exactly the name stands for it; two such are ambiguous.
asio::awaitable<Result<std::optional<Resource>>> GetByName(const KindDef* def,
                                                           const aws::model::ServiceModel* svc,
                                                           const aws::model::Operation* op,
                                                           ListContext& ctx, std::string name,
                                                           json::object base_extra) {
  const GetDef& g = *def->get;
  if (name.empty() || !op) co_return std::optional<Resource>();
  TemplateVars vars = ScopeVars(ctx.target, ctx.account.partition);
  vars.id = name;
  json::object params = RenderObject(g.by_name->params, vars);
  Result<json::value> res = co_await CallOnce(ctx.client, ctx.target, *svc, *op, std::move(params));
  if (!res.ok()) {
    if (res.status().code() == core::StatusCode::kNotFound || AbsentOn(g, res.status())) {
      co_return std::optional<Resource>();
    }
    co_return res.status();
  }
  std::vector<Resource> found;
  Status st = GetCandidates(*def, g, name, *res, base_extra, found);
  if (!st.ok()) co_return st;
  std::optional<Resource> named;
  for (Resource& r : found) {
    const json::value props(r.properties);
    const json::value* v = Lookup(props, g.by_name->match);
    if (!v || !v->is_string() || v->get_string() != name) continue;
    if (named) {
      co_return Status::InvalidArgument(def->name + ": the name '" + name + "' names more than one " +
                                        "resource ('" + named->id + "', '" + r.id + "')");
    }
    named = std::move(r);
  }
  co_return named;
}

asio::awaitable<Result<std::optional<Resource>>> Get(const KindDef* def,
                                                     const aws::model::ServiceModel* svc,
                                                     const aws::model::Operation* op,
                                                     ListContext& ctx, std::string id,
                                                     json::object base_extra) {
  const GetDef& g = *def->get;
  for (const std::string& prefix : g.identity_prefixes) {
    if (id.starts_with(prefix)) co_return std::optional<Resource>(Resource{id, {}, base_extra});
  }
  if (g.by_name && id.starts_with(kByNamePrefix)) {
    co_return co_await GetByName(def, svc, op, ctx, id.substr(kByNamePrefix.size()),
                                 std::move(base_extra));
  }
  json::object parts;
  if (!g.id_patterns.empty()) {
    bool matched = false;
    for (const std::string& pattern : g.id_patterns) matched = matched || MatchPattern(pattern, id, parts);
    if (!matched) {
      std::string shapes;
      for (const std::string& pattern : g.id_patterns) shapes += (shapes.empty() ? "" : ", ") + pattern;
      LOG_WARN("{}: '{}' is not an id of this kind (its ids look like {})", def->name, id, shapes);
      co_return std::optional<Resource>();
    }
  }
  if (g.listed_item) co_return co_await GetListed(def, svc, op, ctx, id, parts, base_extra);
  if (!op) co_return std::optional<Resource>(Resource{id, {}, base_extra});
  TemplateVars vars = ScopeVars(ctx.target, ctx.account.partition);
  vars.id = id;
  vars.id_parts = &parts;
  json::object params = RenderObject(g.params, vars);
  if (g.parent) {
    // A child of a parent listing (CodePipeline's stages, executions): the parent item the id
    // names, read page by page until the resource turns up.
    json::value parent = Render(*g.parent, vars);
    co_return co_await GetChild(def, svc, op, ctx, id, base_extra, std::move(parent),
                                std::move(params));
  }
  Result<json::value> res = co_await CallOnce(ctx.client, ctx.target, *svc, *op, std::move(params));
  if (!res.ok()) {
    if (res.status().code() == core::StatusCode::kNotFound || AbsentOn(g, res.status())) {
      co_return std::optional<Resource>();
    }
    for (const std::string& code : g.exists_on) {
      if (code == res.status().remote_code()) {
        co_return std::optional<Resource>(Resource{id, {}, base_extra});
      }
    }
    co_return res.status();
  }
  std::vector<Resource> found;
  Status st = GetCandidates(*def, g, id, *res, base_extra, found);
  if (!st.ok()) co_return st;
  for (Resource& r : found) {
    if (r.id == id) co_return std::optional<Resource>(std::move(r));
  }
  // Asked by a name whose resource's identity is longer (an ARN, a URL): only an answer that
  // carries that name. A service that ignores the name filter (moto's DescribeApplications)
  // answers other resources, which must never stand for the one asked for.
  for (Resource& r : found) {
    if (CarriesName(r, id)) co_return std::optional<Resource>(std::move(r));
  }
  if (!found.empty()) {
    LOG_DEBUG("{}: get '{}' answered only other resources ('{}', ...): absent", def->name, id,
              found.front().id);
  }
  co_return std::optional<Resource>();
}

}  // namespace

GetOneFn MakeGet(const KindDef& def, const aws::model::ServiceModel* svc,
                 const aws::model::Operation* get_op) {
  const KindDef* d = &def;
  return [d, svc, get_op](ListContext& ctx, std::string_view id, const json::object& base_extra) {
    return Get(d, svc, get_op, ctx, std::string(id), base_extra);
  };
}

}  // namespace catalog::definition
