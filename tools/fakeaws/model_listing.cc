// Listings of the generic responder (model_request.h): a kind's items synthesized from the
// listing's item shape, paged with the paginator's own tokens, children of a parent item, and
// answers several kinds read at once (a parent's details holding two child kinds' items).
#include <algorithm>
#include <charconv>

#include "model_request.h"

namespace fakeaws {

namespace am = aws::model;
namespace cdef = catalog::definition;

namespace {

std::string_view First(const std::vector<std::string>& v) {
  return v.empty() ? std::string_view() : std::string_view(v.front());
}

// The listed item of resource `idx`: synthesized, its identity where the listing reads it (the
// identity path, or the item members an identity template or annotated member is built from).
json::value Item(const Req& r, int k, uint64_t idx, const am::Shape* shape) {
  const ModelKind& kind = r.kinds.kinds()[k];
  Naming n = NameOf(r, k, idx);
  if (!shape || shape->type != am::ShapeType::kStructure) return json::string(n.identity);
  json::value item = Synthesize(shape, "", Seed(r, k, idx, "item"), n.Scope());
  if (kind.identity_paths.empty()) {
    SetPath(item, kind.def->list->identity, json::string(n.identity));
  }
  for (const std::string& p : kind.identity_paths) SetPath(item, p, json::string(n.identity));
  return item;
}

// Adds kind `k`'s (flattened) items to the list at the listing's items path. Where another
// kind's answer already holds items there and this kind flattens (CodePipeline's actions inside
// the Stage kind's stages), each child joins one of those items, round-robin.
void AddItems(const cdef::ListingDef& L, json::array children, json::value& out) {
  json::value* existing = GetPath(out, L.items);
  if (existing && (!existing->is_array() || existing->get_array().empty())) existing = nullptr;
  if (!L.flatten) {
    if (!existing) {
      SetPath(out, L.items, std::move(children));
      return;
    }
    for (json::value& c : children) existing->as_array().push_back(std::move(c));
    return;
  }
  json::array outer;
  if (existing) {
    json::array& held = existing->as_array();
    for (json::value& h : held) SetPath(h, L.flatten->items, json::array());
    for (size_t i = 0; i < children.size(); ++i) {
      json::value& h = held[i % held.size()];
      GetPath(h, L.flatten->items)->as_array().push_back(std::move(children[i]));
    }
    return;
  }
  for (json::value& c : children) {
    json::value parent = json::object();
    json::array one;
    one.push_back(std::move(c));
    SetPath(parent, L.flatten->items, std::move(one));
    outer.push_back(std::move(parent));
  }
  SetPath(out, L.items, std::move(outer));
}

}  // namespace

const am::Shape* ShapeAt(const am::Shape* shape, std::string_view path) {
  while (shape && !path.empty() && path != "@") {
    size_t dot = path.find('.');
    const am::Member* m = shape->type == am::ShapeType::kStructure
                              ? shape->FindMember(path.substr(0, dot))
                              : nullptr;
    shape = m ? m->shape : nullptr;
    path = dot == path.npos ? std::string_view() : path.substr(dot + 1);
  }
  return shape;
}

const am::Shape* ElementAt(const am::Shape* shape, std::string_view path) {
  shape = ShapeAt(shape, path);
  return shape && shape->type == am::ShapeType::kList ? shape->member().shape : nullptr;
}

uint64_t ParentBase(const Req& r, int k) {
  const cdef::KindDef& def = *r.kinds.kinds()[k].def;
  if (!def.parent) return 0;
  for (const auto& p : def.list->params) {
    if (p.value().is_string() && p.value().get_string().find("{parent") != json::string::npos) {
      return (HashString(r.params.Scalar(p.key())) % 999 + 1) * kPerParent;
    }
  }
  return 0;
}

bool FillListing(const Req& r, int k, const std::vector<uint64_t>* only, json::value& out,
                 Reply& error) {
  const cdef::ListingDef& L = *r.kinds.kinds()[k].def->list;
  const am::Shape* item_shape = ElementAt(r.op.output, L.items);
  const am::Shape* child_shape = L.flatten ? ElementAt(item_shape, L.flatten->items) : item_shape;
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
  if (only) {
    for (uint64_t i : *only) {
      if (Exists(r, k, i)) items.push_back(Item(r, k, i, child_shape));
    }
    if (items.empty()) {
      error = ModelNotFound(r.model, LastPart(r.kinds.kinds()[k].def->name),
                            "The requested resource does not exist.", r.ctx.request_id);
      return false;
    }
    AddItems(L, std::move(items), out);
    return true;
  }
  // An operation without a continuation token answers everything at once (page_cap applies to
  // pages only: a client cannot ask for the rest).
  uint64_t size = in_token.empty() ? UINT64_MAX : 100;
  const am::Member* lm = r.op.input && !limit_key.empty() ? r.op.input->FindMember(limit_key) : nullptr;
  if (lm && lm->shape && lm->shape->max > 0) size = static_cast<uint64_t>(lm->shape->max);
  std::string limit = limit_key.empty() ? "" : r.params.Scalar(limit_key);
  uint64_t asked = 0;
  if (!limit.empty() && std::from_chars(limit.data(), limit.data() + limit.size(), asked).ec ==
                            std::errc() && asked > 0) {
    size = asked;
  }
  uint64_t cap = r.ctx.universe.config().page_cap;
  if (!in_token.empty() && cap > 0 && size > cap) size = cap;
  std::string token = in_token.empty() ? "" : r.params.Scalar(in_token);
  uint64_t scope = TokenScope(r.ctx, r.op.name + "/" + r.kinds.kinds()[k].slug);
  uint64_t start = 0;
  if (!token.empty()) {
    std::optional<uint64_t> s = ReadToken(token, scope);
    if (!s) {
      error = ModelError(r.model, 400,
                         r.model.metadata().protocol == "ec2" ? "InvalidParameterValue"
                                                              : "InvalidNextTokenException",
                         "The token '" + token + "' is invalid or expired.", r.ctx.request_id);
      return false;
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
    items.push_back(Item(r, k, base + i, child_shape));
    ++taken;
  }
  AddItems(L, std::move(items), out);
  if (i < count && !out_token.empty()) SetPath(out, out_token, json::string(MakeToken(i, scope)));
  if (!more.empty()) SetPath(out, more, i < count);
  return true;
}

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

std::optional<Reply> ComposeChildren(const Req& r, const std::vector<OpUse>& uses) {
  // The child listings of this operation whose parent (a generic kind's item) the request names.
  std::vector<int> children;
  int parent = -1;
  uint64_t parent_idx = 0;
  for (const OpUse& u : uses) {
    const cdef::KindDef& def = *r.kinds.kinds()[u.kind].def;
    if (u.role != OpRole::kList || !def.parent) continue;
    int p = r.kinds.ParentOf(u.kind);
    if (p < 0) continue;
    for (std::string_view s : r.params.strings) {
      if (std::optional<uint64_t> idx = r.kinds.FindMarker(p, s)) {
        parent = p;
        parent_idx = *idx;
        children.push_back(u.kind);
        break;
      }
    }
  }
  if (children.empty()) return std::nullopt;
  if (!Exists(r, parent, parent_idx)) {
    return ModelNotFound(r.model, LastPart(r.kinds.kinds()[parent].def->name),
                         r.kinds.Marker(parent, parent_idx) + " does not exist", r.ctx.request_id);
  }
  // The parent's own details, where a kind reads them from this call (the Pipeline kind's
  // GetPipeline), then each child kind's items: non-flattening kinds first, so that a
  // flattening kind's children join their items.
  json::value out = json::object();
  for (const OpUse& u : uses) {
    if (u.kind == parent && (u.role == OpRole::kCall || u.role == OpRole::kGet)) {
      out = DetailValue(r, u, parent_idx);
      break;
    }
  }
  std::stable_partition(children.begin(), children.end(),
                        [&](int k) { return !r.kinds.kinds()[k].def->list->flatten; });
  for (int k : children) SetPath(out, r.kinds.kinds()[k].def->list->items, json::array());
  for (int k : children) {
    Reply error;
    if (!FillListing(r, k, nullptr, out, error)) return error;
  }
  return RenderOutput(r.model, r.op, out, r.ctx.request_id);
}

}  // namespace fakeaws
