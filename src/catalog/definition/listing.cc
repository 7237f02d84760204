#include "catalog/definition/listing.h"

#include <algorithm>
#include <exception>
#include <boost/asio/this_coro.hpp>
#include <functional>

#include "catalog/definition/calls.h"
#include "catalog/definition/parent_window.h"
#include "catalog/definition/shared_responses.h"
#include "core/log.h"

namespace catalog::definition {

namespace asio = boost::asio;
using core::Result;
using core::Status;

namespace {

bool IsTemplate(std::string_view s) { return s.find('{') != std::string_view::npos; }

// The item with the listing's `annotate` members added (templates over item, outer, page, parent
// and position); the item itself when there is nothing to add.
const json::value& Annotated(const ListingDef& l, const json::value& item, const json::value* outer,
                             const ListedAt& at, json::value& storage) {
  if (l.annotate.empty() || !item.is_object()) return item;
  TemplateVars vars;
  vars.item = &item;
  vars.outer = outer;
  vars.page = at.page;
  vars.parent = at.parent;
  vars.position = at.position;
  storage = item;
  json::object& o = storage.get_object();
  for (const auto& kv : RenderObject(l.annotate, vars)) o[kv.key()] = kv.value();
  return storage;
}

// `owned`: the caller gives the item up (a page it owns): its members are moved into the
// Resource instead of copied (issue 13.2). Only without `annotate`, whose templates may read the
// rest of the page and the outer item.
Status MakeResource(const ListingDef& l, const json::value& listed_raw, const json::object& extra,
                    std::vector<Resource>& out, const json::value* outer, const ListedAt& at,
                    bool owned = false) {
  owned = owned && l.annotate.empty();
  json::value parsed;
  std::string bad;
  // In place when owned: the caller's own item (see above).
  const json::value& listed = ParsedMembers(listed_raw, l.parse_json, owned, parsed, bad);
  if (!bad.empty()) LOG_WARN("{}: an item's {} is not JSON; kept as text", l.operation, bad);
  json::value storage;
  const json::value& item = Annotated(l, listed, outer, at, storage);
  const json::value* parent = at.parent;
  TemplateVars vars;
  vars.item = &item;
  vars.parent = parent;
  json::value rendered;
  const json::value* id = nullptr;
  if (IsTemplate(l.identity)) {
    rendered = Render(json::string(l.identity), vars);
    id = &rendered;
  } else {
    id = Lookup(item, l.identity);
  }
  if (!id || !id->is_string() || id->get_string().empty()) {
    return Status::ParseError(l.operation + ": an item without its identity '" + l.identity + "'");
  }
  std::string_view identity = id->get_string();
  if (!l.identity_strip_prefix.empty() && identity.size() > l.identity_strip_prefix.size() &&
      identity.starts_with(l.identity_strip_prefix)) {
    identity.remove_prefix(l.identity_strip_prefix.size());
  }
  Resource r{std::string(identity), {}, extra};
  // Read before the item may be moved into the properties below (a different object: the
  // order of the two does not show).
  if (!l.extra_from.empty()) r.extra_context.reserve(r.extra_context.size() + l.extra_from.size());
  for (const auto& [key, path] : l.extra_from) {
    if (const json::value* v = Lookup(item, path)) r.extra_context[key] = *v;
  }
  if (parent) r.origin["parent"] = *parent;
  if (l.properties_mode == "item") {
    if (const json::object* o = item.if_object()) {
      if (owned && !l.keep_item) {
        r.properties = std::move(*const_cast<json::object*>(o));
      } else {
        r.properties = *o;
      }
    }
  } else if (l.properties_mode == "map") {
    for (const auto& [prop, path] : l.properties_from) {
      if (prop == "*") {  // every member of the object at `path` (Cloud Control's Properties)
        const json::value* v = IsTemplate(path) ? nullptr : Lookup(item, path);
        if (const json::object* o = v ? v->if_object() : nullptr) {
          r.properties.reserve(r.properties.size() + o->size());
          for (const auto& kv : *o) r.properties[kv.key()] = kv.value();
        }
      } else if (IsTemplate(path)) {
        r.properties[prop] = Render(json::string(path), vars);
      } else if (const json::value* v = Lookup(item, path)) {
        r.properties[prop] = *v;
      }
    }
  }
  if (l.keep_item) r.origin["item"] = item;
  out.push_back(std::move(r));
  return Status::Ok();
}

std::string SortKey(const json::value& item, const std::string& path) {
  const json::value* v = Lookup(item, path);
  if (!v) return {};
  return v->is_string() ? std::string(v->get_string()) : core::WriteJson(*v);
}

// Lists `l` once (every page), with `parent` available to its params templates.
asio::awaitable<Status> ListOnceRaw(const ListingDef* l, const aws::model::ServiceModel* svc,
                                 const aws::model::Operation* op, ListContext& ctx,
                                 const json::object& extra, const json::value* parent,
                                 const ResourceSink& sink) {
  TemplateVars vars = ScopeVars(ctx.target, ctx.account.partition);
  vars.parent = parent;
  json::object params = RenderObject(l->params, vars);
  // A named function, not a temporary inside the co_await (GCC 12, docs/ADDING_KINDS.md).
  std::function<asio::awaitable<Status>(json::value)> on_page =
      [&](json::value page) -> asio::awaitable<Status> {
        json::value* items = const_cast<json::value*>(Lookup(page, l->items));
        if (!items || !items->is_array()) co_return Status::Ok();  // an empty page may omit it
        json::array& list = items->get_array();
        if (l->sort_by) {
          std::stable_sort(list.begin(), list.end(), [&](const json::value& a, const json::value& b) {
            return SortKey(a, *l->sort_by) < SortKey(b, *l->sort_by);
          });
        }
        std::vector<Resource> resources;
        resources.reserve(list.size());
        ListedAt at{&page, parent, 0};
        // The page is ours: its items are moved into their resources, not copied (with
        // `annotate` MakeResource copies, as its templates may read the rest of the page).
        for (json::value& item : list) {
          ++at.position;
          Status st = ItemToResources(*l, std::move(item), extra, resources, at);
          if (!st.ok()) co_return st;
        }
        co_return co_await sink(std::move(resources));
      };
  if (l->shared && !op->paginator && ctx.account.shared_responses) {
    SharedResponses& shared = *ctx.account.shared_responses;
    Result<json::value> answer =
        co_await CallShared(ctx.client, ctx.target, *svc, *op, std::move(params), shared);
    if (!answer.ok()) co_return answer.status();
    co_return co_await on_page(std::move(*answer));
  }
  co_return co_await ForEachPage(ctx.client, ctx.target, *svc, *op, std::move(params), on_page);
}

// ListOnceRaw, its failure preceded by the listing's `errorHints` text for that error code.
asio::awaitable<Status> ListOnce(const ListingDef* l, const aws::model::ServiceModel* svc,
                                 const aws::model::Operation* op, ListContext& ctx,
                                 const json::object& extra, const json::value* parent,
                                 const ResourceSink& sink) {
  Status st = co_await ListOnceRaw(l, svc, op, ctx, extra, parent, sink);
  if (st.ok() || st.remote_code().empty()) co_return st;
  if (const json::value* hint = l->error_hints.if_contains(st.remote_code())) {
    if (hint->is_string()) co_return st.WithContext(hint->get_string());
  }
  co_return st;
}

// One parent's child listing, its parent item and extra context owned by its frame (the page
// the item came in is gone by the time a later child listing of the window runs).
asio::awaitable<Status> ListChildrenOf(const ListingDef* l, const aws::model::ServiceModel* svc,
                                       const aws::model::Operation* op, ListContext& ctx,
                                       json::object extra, json::value parent, ResourceSink sink) {
  co_return co_await ListOnce(l, svc, op, ctx, extra, &parent, sink);
}

asio::awaitable<Status> List(const KindDef* def, ListingOps ops, ListContext& ctx,
                             json::object base_extra, ResourceSink sink) {
  if (!def->parent) {
    co_return co_await ListOnce(&*def->list, ops.svc, ops.list.get(), ctx, base_extra, nullptr,
                                sink);
  }
  const ListingDef& pl = def->parent->listing;
  json::object params = RenderObject(pl.params, ScopeVars(ctx.target, ctx.account.partition));
  // One parent's children failing does not cost the other parents theirs: the listing goes on
  // and ends with that error, so the scope (and the kind) is incomplete. A parent gone since it
  // was listed (NotFound) has no children to list.
  Status child_failure;
  Status sink_failure;  // emitting failed: stop, whichever parent it was for
  ResourceSink guarded = [&](std::vector<Resource> rs) -> asio::awaitable<Status> {
    Status st = co_await sink(std::move(rs));
    if (!st.ok() && sink_failure.ok()) sink_failure = st;
    co_return st;
  };
  // Each parent's outcome, in parent order (ParentWindow): OK goes on, anything else stops.
  ParentWindow::SettleFn settle = [&](Status st) -> Status {
    if (st.ok()) return st;
    if (!sink_failure.ok() || st.code() == core::StatusCode::kAborted) return st;
    bool skip_code = !st.remote_code().empty() &&
                     std::find(def->parent->skip_on.begin(), def->parent->skip_on.end(),
                               st.remote_code()) != def->parent->skip_on.end();
    if (st.code() == core::StatusCode::kNotFound || skip_code) {
      LOG_WARN("{}: {} for a listed {} item skipped: {}", def->name, def->list->operation,
               pl.operation, st.message());
      return Status::Ok();
    }
    LOG_ERROR("{}: {} failed for a listed {} item (the other items go on): {}", def->name,
              def->list->operation, pl.operation, st.message());
    if (child_failure.ok()) child_failure = st;
    return Status::Ok();
  };
  asio::any_io_executor executor = co_await asio::this_coro::executor;
  ParentWindow window(executor, kParentListingWidth, guarded, settle);
  std::function<asio::awaitable<Status>(json::value)> on_page =
      [&](json::value page) -> asio::awaitable<Status> {
        const json::value* items = Lookup(page, pl.items);
        if (!items || !items->is_array()) co_return Status::Ok();
        for (const json::value& item : items->get_array()) {
          json::object extra = base_extra;
          for (const auto& [key, path] : def->parent->carry) {
            if (const json::value* v = Lookup(item, path)) extra[key] = *v;
          }
          ParentWindow::ListFn children = [&, extra = std::move(extra),
                                           parent = item](ResourceSink s) {
            return ListChildrenOf(&*def->list, ops.svc, ops.list.get(), ctx, extra, parent,
                                  std::move(s));
          };
          Status st = co_await window.Add(std::move(children));
          if (!st.ok()) co_return st;  // stopped: aborted, or emitting failed
        }
        co_return Status::Ok();
      };
  Status listed;
  try {
    listed = co_await ForEachPage(ctx.client, ctx.target, *ops.svc, *ops.parent,
                                  std::move(params), on_page);
  } catch (const std::exception& e) {
    // Not expected (errors are values); but the children in flight refer to this frame, so
    // the window must be finished before it unwinds.
    listed = Status::Internal("listing " + pl.operation + " failed: " + e.what());
  }
  // Always: the parents listed so far are settled in order (and none outlives this frame).
  Status finished = co_await window.Finish();
  if (!listed.ok()) co_return listed;
  if (!finished.ok()) co_return finished;
  co_return child_failure;
}

}  // namespace

Status ItemToResources(const ListingDef& l, const json::value& item, const json::object& base_extra,
                       std::vector<Resource>& out, const json::value* parent_item) {
  return ItemToResources(l, item, base_extra, out, ListedAt{nullptr, parent_item, 0});
}

namespace {

Status ItemToResourcesImpl(const ListingDef& l, const json::value& item,
                           const json::object& base_extra, std::vector<Resource>& out,
                           const ListedAt& at, bool owned) {
  if (!l.flatten) return MakeResource(l, item, base_extra, out, nullptr, at, owned);
  const json::value* children = Lookup(item, l.flatten->items);
  const json::object* parent = item.if_object();
  if (!parent) return Status::ParseError(l.operation + ": " + l.items + " holds a non-object");
  json::object extra = base_extra;
  if (l.flatten->parent_to_extra_context) {
    extra.reserve(extra.size() + parent->size());
    for (const auto& kv : *parent) {
      if (kv.key() != l.flatten->items) extra[kv.key()] = kv.value();
    }
  }
  if (!children || !children->is_array()) return Status::Ok();
  for (const json::value& child : children->get_array()) {
    Status st = MakeResource(l, child, extra, out, &item, at, owned);
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

}  // namespace

Status ItemToResources(const ListingDef& l, const json::value& item, const json::object& base_extra,
                       std::vector<Resource>& out, const ListedAt& at) {
  return ItemToResourcesImpl(l, item, base_extra, out, at, false);
}

Status ItemToResources(const ListingDef& l, json::value&& item, const json::object& base_extra,
                       std::vector<Resource>& out, const ListedAt& at) {
  return ItemToResourcesImpl(l, item, base_extra, out, at, true);
}

CustomListFn MakeList(const KindDef& def, ListingOps ops) {
  const KindDef* d = &def;
  return [d, ops](ListContext& ctx, const json::object& base_extra, ResourceSink sink) {
    return List(d, ops, ctx, base_extra, std::move(sink));
  };
}

}  // namespace catalog::definition
