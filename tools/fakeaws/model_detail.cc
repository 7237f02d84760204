// Calls about named resources for the generic responder (model_request.h): a `call`/`pagedCall`
// or `get` answers the operation's whole output for the resource (one page: no continuation
// token), a `batch` one result per id asked for with unknown and failing ids in the failures
// list the kind declares (or the model's own `…NotFound` list).
#include "model_request.h"

namespace fakeaws {

namespace am = aws::model;
namespace cdef = catalog::definition;

namespace {

// A string map the action takes (SNS/SQS-style attributes) gets an entry for every key the
// kind declares (rename, coerce), typed as the coercion expects, as the real service sends them.
void FillDeclaredKeys(const am::Shape* output, const cdef::ActionDef& a, json::value& out,
                      uint64_t h) {
  const am::Shape* shape = ShapeAt(output, a.take);
  if (!shape || shape->type != am::ShapeType::kMap || !shape->value().shape ||
      shape->value().shape->type != am::ShapeType::kString) {
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

void ErasePath(json::value& v, std::string_view path) {
  size_t dot = path.rfind('.');
  json::value* holder = &v;
  if (dot != path.npos) holder = GetPath(v, path.substr(0, dot));
  if (!holder || !holder->is_object()) return;
  holder->as_object().erase(dot == path.npos ? path : path.substr(dot + 1));
}

}  // namespace

void EndPagination(const Req& r, json::value& out) {
  if (!r.op.paginator) return;
  for (const std::string& t : r.op.paginator->output_token) ErasePath(out, t);
  if (!r.op.paginator->more_results.empty()) SetPath(out, r.op.paginator->more_results, false);
}

json::value DetailValue(const Req& r, const OpUse& u, uint64_t idx) {
  Naming n = NameOf(r, u.kind, idx);
  json::value out = Synthesize(r.op.output, "", Seed(r, u.kind, idx, r.op.name), n.Scope());
  if (!out.is_object()) out = json::object();
  if (u.role == OpRole::kGet && !u.get->identity.empty()) {
    std::string path = u.get->items.empty() ? u.get->identity : u.get->items + "." + u.get->identity;
    SetPath(out, path, json::string(n.identity));
  }
  if (u.role == OpRole::kCall) {
    FillDeclaredKeys(r.op.output, *u.action, out, Seed(r, u.kind, idx, "keys"));
  }
  EndPagination(r, out);
  return out;
}

Reply Detail(const Req& r, const OpUse& u, uint64_t idx) {
  return RenderOutput(r.model, r.op, DetailValue(r, u, idx), r.ctx.request_id);
}

Reply Batch(const Req& r, const OpUse& u, const std::vector<std::string>& ids) {
  const cdef::BatchDef& b = u.action->batch;
  const am::Shape* item_shape = ElementAt(r.op.output, b.items);
  json::array items, failures, not_found;
  for (const std::string& id : ids) {
    std::optional<uint64_t> idx = r.kinds.FindMarker(u.kind, id);
    bool failing = Failing(r, id);
    if (idx && Exists(r, u.kind, *idx) && !failing) {
      Naming n = NameOf(r, u.kind, *idx);
      json::value item = item_shape && item_shape->type == am::ShapeType::kStructure
                             ? Synthesize(item_shape, "", Seed(r, u.kind, *idx, r.op.name), n.Scope())
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

}  // namespace fakeaws
