#include "catalog/definition/action_parser.h"

namespace catalog::definition {
namespace {

void ParseReaction(DefinitionReader& r, const json::object& o, const std::string& path,
                   ActionDef& a) {
  if (const json::value* t = o.if_contains("take"); t && t->is_array()) {
    a.take_all = r.Strings(o, "take", path);
    if (a.take_all.empty()) r.Error(path + "/take", "a list of paths must not be empty");
  } else {
    a.take = r.String(o, "take", path, false, "@");
  }
  a.into = r.String(o, "into", path, false, "*");
  if (const json::value* m = o.if_contains("missing")) a.missing = *m;
  if (const json::value* also = o.if_contains("also")) {
    const json::array* list = also->if_array();
    if (!list) r.Error(path + "/also", "must be a list of {take, into, missing}");
    for (std::size_t i = 0; list && i < list->size(); ++i) {
      std::string p = path + "/also/" + std::to_string(i);
      const json::object* t = (*list)[i].if_object();
      if (!t) {
        r.Error(p, "must be a mapping {take, into, missing}");
        continue;
      }
      r.OnlyKeys(*t, p, {"take", "into", "missing"});
      TakeDef d;
      d.take = r.String(*t, "take", p, true);
      d.into = r.String(*t, "into", p, false, "*");
      if (const json::value* m = t->if_contains("missing")) d.missing = *m;
      a.also.push_back(std::move(d));
    }
  }
  a.keep = r.Strings(o, "keep", path);
  a.after = r.Strings(o, "after", path);
  a.rename = r.Pairs(o, "rename", path);
  a.keep_others = r.Bool(o, "keepOthers", path, true);
  for (auto& [member, type] : r.Pairs(o, "coerce", path)) {
    if (type != "integer" && type != "boolean" && type != "number" && type != "string") {
      r.Error(path + "/coerce/" + member,
              "'" + type + "' is not a coercion (integer, boolean, number, string)");
    }
    a.coerce[member] = type;
  }
  if (const json::object* t = r.Object(o, "tolerate", path)) {
    for (const auto& kv : *t) a.tolerate[std::string(kv.key())] = kv.value();
  }
  a.absent = r.Strings(o, "absent", path);
  a.absent_on = r.Strings(o, "absentOn", path);
  a.concurrency = r.Count(o, "concurrency", path, 16);
}

}  // namespace

bool UsesItem(const ActionDef& a) {
  auto in = [](const json::value& t) {
    return core::WriteJson(t).find("{item") != std::string::npos;
  };
  return in(a.set) || in(a.params) || a.batch.id.find("{item") != std::string::npos ||
         a.batch.group_by.find("{item") != std::string::npos;
}

ActionDef ParseAction(DefinitionReader& r, const json::value& v, const std::string& path,
                      bool has_parent) {
  ActionDef a;
  a.where = r.Where(path);
  const json::object* o = v.if_object();
  if (!o) {
    r.Error(path, "an action must be a mapping");
    return a;
  }
  r.OnlyKeys(*o, path, {"name", "default", "set", "call", "pagedCall", "batch", "hook", "take",
                        "into", "missing", "rename", "keepOthers", "coerce", "tolerate", "absent",
                        "absentOn", "concurrency", "also", "keep", "after", "parseJson",
                        "defaultWhen"});
  a.name = r.String(*o, "name", path, true);
  a.parse_json = r.Strings(*o, "parseJson", path);
  a.is_default = r.Bool(*o, "default", path, false);
  if (const json::object* w = r.Object(*o, "defaultWhen", path)) {
    std::string p = path + "/defaultWhen";
    r.OnlyKeys(*w, p, {"propertiesOnly", "identitySeparator"});
    DefaultWhenDef d;
    d.properties_only = r.String(*w, "propertiesOnly", p, true);
    if (!d.properties_only.empty() && d.properties_only != "identity") {
      r.Error(p + "/propertiesOnly",
              "'" + d.properties_only + "' is not a condition (expected: identity)");
    }
    d.identity_separator = r.String(*w, "identitySeparator", p, false);
    if (a.is_default) {
      r.Error(p, "an action is either `default: true` (every resource) or `defaultWhen` (the "
                 "resources meeting the condition), not both");
    }
    a.default_when = std::move(d);
  }
  int types = 0;
  TemplateScope scope{.resource = true, .parent = has_parent, .item = true};
  if (const json::object* s = r.Object(*o, "set", path)) {
    ++types;
    a.type = ActionType::kSet;
    a.set = *s;
    r.Template(*o->if_contains("set"), path + "/set", scope);
  }
  for (std::string_view key : {"call", "pagedCall"}) {
    if (const json::object* c = r.Object(*o, key, path)) {
      ++types;
      a.type = key == "call" ? ActionType::kCall : ActionType::kPagedCall;
      std::string p = path + "/" + std::string(key);
      r.OnlyKeys(*c, p, {"operation", "params", "shared"});
      a.operation = r.String(*c, "operation", p, true);
      a.shared = r.Bool(*c, "shared", p, false);
      if (a.shared && key != "call") r.Error(p + "/shared", "only a single `call` can be shared");
      if (const json::object* params = r.Object(*c, "params", p)) {
        a.params = *params;
        r.Template(*c->if_contains("params"), p + "/params", scope);
      }
    }
  }
  if (const json::object* b = r.Object(*o, "batch", path)) {
    ++types;
    a.type = ActionType::kBatch;
    std::string p = path + "/batch";
    r.OnlyKeys(*b, p, {"operation", "params", "ids", "max", "items", "key", "failures",
                       "perIdFallback", "id", "groupBy"});
    a.operation = r.String(*b, "operation", p, true);
    a.batch.group_by = r.String(*b, "groupBy", p, false);
    if (!a.batch.group_by.empty()) r.Template(json::string(a.batch.group_by), p + "/groupBy", scope);
    a.batch.id = r.String(*b, "id", p, false, "{id}");
    r.Template(json::string(a.batch.id), p + "/id", scope);
    if (const json::object* params = r.Object(*b, "params", p)) {
      a.params = *params;
      // Per-resource placeholders are rendered once per call, from its first resource: only
      // sound when every resource of a call shares them, which `groupBy` guarantees.
      r.Template(*b->if_contains("params"), p + "/params",
                 a.batch.group_by.empty() ? TemplateScope{} : scope);
    }
    a.batch.ids_param = r.String(*b, "ids", p, true);
    a.batch.max = r.Count(*b, "max", p, 100);
    a.batch.items = r.String(*b, "items", p, true);
    if (const json::value* keys = b->if_contains("key"); keys && keys->is_array()) {
      std::vector<std::string> all = r.Strings(*b, "key", p);
      if (all.empty()) r.Error(p + "/key", "must name at least one path");
      for (std::size_t i = 0; i < all.size(); ++i) {
        if (i == 0) a.batch.key = all[i];
        else a.batch.other_keys.push_back(all[i]);
      }
    } else {
      a.batch.key = r.String(*b, "key", p, true);
    }
    a.batch.per_id_fallback = r.Bool(*b, "perIdFallback", p, false);
    if (const json::object* f = r.Object(*b, "failures", p)) {
      r.OnlyKeys(*f, p + "/failures", {"items", "key", "reason", "detail"});
      a.batch.failures = r.String(*f, "items", p + "/failures", true);
      a.batch.failure_key = r.String(*f, "key", p + "/failures", true);
      a.batch.failure_reason = r.String(*f, "reason", p + "/failures", false);
      a.batch.failure_detail = r.String(*f, "detail", p + "/failures", false);
    }
  }
  if (o->contains("hook")) {
    ++types;
    a.type = ActionType::kHook;
    a.hook = r.String(*o, "hook", path, true);
  }
  if (types != 1) {
    r.Error(path, "an action needs exactly one of set, call, pagedCall, batch, hook (has " +
                      std::to_string(types) + ")");
  }
  ParseReaction(r, *o, path, a);
  return a;
}

}  // namespace catalog::definition
