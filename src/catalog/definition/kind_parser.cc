#include "catalog/definition/kind_parser.h"

#include <set>

#include "catalog/definition/event_parser.h"
#include "catalog/definition/template.h"
#include "core/document.h"

namespace catalog::definition {
namespace {

// Walks the definition, collecting errors with their path.
class Reader {
 public:
  Reader(std::string_view file) : file_(file) {}
  void SetKind(std::string kind) { kind_ = std::move(kind); }

  void Error(const std::string& path, const std::string& what) {
    if (!errors_.empty()) errors_ += "\n";
    errors_ += std::string(file_) + ": kind " + (kind_.empty() ? "?" : kind_) + ": " +
               (path.empty() ? "/" : path) + ": " + what;
  }
  const std::string& errors() const { return errors_; }
  // Appends already formatted error lines (event_parser.h).
  void Lines(const std::string& lines) {
    if (lines.empty()) return;
    if (!errors_.empty()) errors_ += "\n";
    errors_ += lines;
  }
  std::string Where(const std::string& path) const {
    return std::string(file_) + ": kind " + kind_ + ": " + path;
  }

  // Reports keys of `o` not in `known`.
  void OnlyKeys(const json::object& o, const std::string& path,
                std::initializer_list<std::string_view> known) {
    for (const auto& kv : o) {
      bool ok = false;
      for (std::string_view k : known) ok = ok || kv.key() == k;
      if (!ok) {
        std::string list;
        for (std::string_view k : known) list += (list.empty() ? "" : ", ") + std::string(k);
        Error(path + "/" + std::string(kv.key()), "unknown key (expected one of: " + list + ")");
      }
    }
  }
  const json::object* Object(const json::object& o, std::string_view key, const std::string& path) {
    const json::value* v = o.if_contains(key);
    if (!v) return nullptr;
    if (!v->is_object()) {
      Error(path + "/" + std::string(key), "must be a mapping");
      return nullptr;
    }
    return &v->get_object();
  }
  std::string String(const json::object& o, std::string_view key, const std::string& path,
                     bool required, std::string fallback = "") {
    const json::value* v = o.if_contains(key);
    if (!v) {
      if (required) Error(path + "/" + std::string(key), "is required");
      return fallback;
    }
    if (!v->is_string() || v->get_string().empty()) {
      Error(path + "/" + std::string(key), "must be a non-empty string");
      return fallback;
    }
    return std::string(v->get_string());
  }
  bool Bool(const json::object& o, std::string_view key, const std::string& path, bool fallback) {
    const json::value* v = o.if_contains(key);
    if (!v) return fallback;
    if (!v->is_bool()) {
      Error(path + "/" + std::string(key), "must be true or false");
      return fallback;
    }
    return v->get_bool();
  }
  std::size_t Count(const json::object& o, std::string_view key, const std::string& path,
                    std::size_t fallback) {
    const json::value* v = o.if_contains(key);
    if (!v) return fallback;
    if (!v->is_int64() || v->get_int64() < 1 || v->get_int64() > 1000) {
      Error(path + "/" + std::string(key), "must be an integer from 1 to 1000");
      return fallback;
    }
    return static_cast<std::size_t>(v->get_int64());
  }
  std::vector<std::string> Strings(const json::object& o, std::string_view key,
                                   const std::string& path) {
    std::vector<std::string> out;
    const json::value* v = o.if_contains(key);
    if (!v) return out;
    const json::array* a = v->if_array();
    if (!a) {
      Error(path + "/" + std::string(key), "must be a list of strings");
      return out;
    }
    for (std::size_t i = 0; i < a->size(); ++i) {
      if (!(*a)[i].is_string()) {
        Error(path + "/" + std::string(key) + "/" + std::to_string(i), "must be a string");
      } else {
        out.emplace_back((*a)[i].get_string());
      }
    }
    return out;
  }
  // A mapping of strings to strings, in order.
  std::vector<std::pair<std::string, std::string>> Pairs(const json::object& o,
                                                         std::string_view key,
                                                         const std::string& path) {
    std::vector<std::pair<std::string, std::string>> out;
    const json::object* m = Object(o, key, path);
    if (!m) return out;
    for (const auto& kv : *m) {
      if (!kv.value().is_string()) {
        Error(path + "/" + std::string(key) + "/" + std::string(kv.key()), "must be a string");
      } else {
        out.emplace_back(std::string(kv.key()), std::string(kv.value().get_string()));
      }
    }
    return out;
  }
  // Checks the placeholders of a template against what is available there.
  void Template(const json::value& t, const std::string& path, const TemplateScope& scope) {
    std::string why = CheckTemplate(t, scope);
    if (!why.empty()) Error(path, why);
  }

 private:
  std::string_view file_;
  std::string kind_;
  std::string errors_;
};

KindScope ParseScope(Reader& r, const std::string& s, const std::string& path) {
  if (s == "regional") return KindScope::kRegional;
  if (s == "global") return KindScope::kGlobal;
  if (s == "account") return KindScope::kAccount;
  if (s == "organization") return KindScope::kOrganization;
  r.Error(path, "'" + s + "' is not a scope (regional, global, account, organization)");
  return KindScope::kRegional;
}

ListingDef ParseListing(Reader& r, const json::object& o, const std::string& path,
                        const TemplateScope& scope, bool is_parent) {
  ListingDef l;
  l.where = r.Where(path);
  if (is_parent) {
    r.OnlyKeys(o, path, {"operation", "params", "items", "identity", "carry", "paginator", "skipOn",
                         "singlePage"});
  } else {
    r.OnlyKeys(o, path, {"operation", "params", "items", "flatten", "identity", "properties",
                         "extraContext", "paginator", "sortBy", "parent", "shared", "annotate",
                         "singlePage", "identityStripPrefix", "parseJson", "errorHints"});
    l.parse_json = r.Strings(o, "parseJson", path);
    if (const json::object* h = r.Object(o, "errorHints", path)) {
      for (const auto& kv : *h) {
        if (!kv.value().is_string()) r.Error(path + "/errorHints/" + std::string(kv.key()), "must be a text");
      }
      l.error_hints = *h;
    }
    l.shared = r.Bool(o, "shared", path, false);
    if (const json::object* a = r.Object(o, "annotate", path)) {
      l.annotate = *a;
      TemplateScope item_scope = scope;
      item_scope.listed_item = true;
      r.Template(*o.if_contains("annotate"), path + "/annotate", item_scope);
    }
  }
  l.operation = r.String(o, "operation", path, true);
  l.items = r.String(o, "items", path, true);
  l.identity = r.String(o, "identity", path, false, "@");
  // A listed resource's identity and properties may be templates over the item and its parent.
  TemplateScope item_scope{.parent = scope.parent, .item = true};
  if (l.identity.find('{') != std::string::npos) {
    r.Template(json::string(l.identity), path + "/identity", item_scope);
  }
  if (const json::object* p = r.Object(o, "params", path)) {
    l.params = *p;
    r.Template(*o.if_contains("params"), path + "/params", scope);
  }
  if (const json::object* f = r.Object(o, "flatten", path)) {
    r.OnlyKeys(*f, path + "/flatten", {"items", "parentToExtraContext"});
    l.flatten = FlattenDef{r.String(*f, "items", path + "/flatten", true),
                           r.Bool(*f, "parentToExtraContext", path + "/flatten", false)};
  }
  if (const json::value* props = o.if_contains("properties")) {
    if (props->is_string() && (props->get_string() == "item" || props->get_string() == "none")) {
      l.properties_mode = std::string(props->get_string());
    } else if (props->is_object()) {
      l.properties_mode = "map";
      l.properties_from = r.Pairs(o, "properties", path);
      for (const auto& [prop, from] : l.properties_from) {
        if (from.find('{') != std::string::npos) {
          r.Template(json::string(from), path + "/properties/" + prop, item_scope);
        }
      }
    } else {
      r.Error(path + "/properties", "must be 'item', 'none' or a mapping property -> path");
    }
  }
  l.extra_from = r.Pairs(o, "extraContext", path);
  if (const json::object* pg = r.Object(o, "paginator", path)) {
    r.OnlyKeys(*pg, path + "/paginator", {"inputToken", "outputToken", "limitKey"});
    l.paginator = PaginatorDef{r.String(*pg, "inputToken", path + "/paginator", true),
                               r.String(*pg, "outputToken", path + "/paginator", true),
                               r.String(*pg, "limitKey", path + "/paginator", false)};
  }
  l.single_page = r.Bool(o, "singlePage", path, false);
  if (o.contains("sortBy")) l.sort_by = r.String(o, "sortBy", path, true);
  l.identity_strip_prefix = r.String(o, "identityStripPrefix", path, false);
  return l;
}

void ParseReaction(Reader& r, const json::object& o, const std::string& path, ActionDef& a) {
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

// Whether an action's templates read the listed item ({item}, {item.P}).
bool UsesItem(const ActionDef& a) {
  auto in = [](const json::value& t) { return core::WriteJson(t).find("{item") != std::string::npos; };
  return in(a.set) || in(a.params) || a.batch.id.find("{item") != std::string::npos ||
         a.batch.group_by.find("{item") != std::string::npos;
}

ActionDef ParseAction(Reader& r, const json::value& v, const std::string& path, bool has_parent) {
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

GetDef ParseGet(Reader& r, const json::object& o, const std::string& path) {
  GetDef g;
  g.where = r.Where(path);
  r.OnlyKeys(o, path, {"identityPrefixes", "operation", "params", "items", "asListing",
                       "identity", "properties", "existsOn", "idPatterns", "listed", "absentOn",
                       "parent", "byName"});
  if (const json::value* parent = o.if_contains("parent")) {
    g.parent = *parent;
    r.Template(*parent, path + "/parent", TemplateScope{.id = true});
  }
  g.absent_on = r.Strings(o, "absentOn", path);
  g.id_patterns = r.Strings(o, "idPatterns", path);
  for (std::size_t i = 0; i < g.id_patterns.size(); ++i) {
    if (g.id_patterns[i].find('{') == std::string::npos) {
      r.Error(path + "/idPatterns/" + std::to_string(i), "a pattern needs at least one {part}");
    }
  }
  if (const json::object* l = r.Object(o, "listed", path)) {
    r.OnlyKeys(*l, path + "/listed", {"item", "parent"});
    if (const json::value* item = l->if_contains("item")) {
      g.listed_item = *item;
      r.Template(*item, path + "/listed/item", TemplateScope{.id = true});
    } else {
      r.Error(path + "/listed/item", "is required");
    }
    if (const json::value* parent = l->if_contains("parent")) {
      g.listed_parent = *parent;
      r.Template(*parent, path + "/listed/parent", TemplateScope{.id = true});
    }
  }
  g.exists_on = r.Strings(o, "existsOn", path);
  g.absent_on = r.Strings(o, "absentOn", path);
  g.identity_prefixes = r.Strings(o, "identityPrefixes", path);
  g.operation = r.String(o, "operation", path, false);
  if (const json::object* p = r.Object(o, "params", path)) {
    g.params = *p;
    r.Template(*o.if_contains("params"), path + "/params", TemplateScope{.id = true});
  }
  g.items = r.String(o, "items", path, false);
  g.use_list_shape = r.Bool(o, "asListing", path, false);
  g.identity = r.String(o, "identity", path, false);
  g.properties_mode = r.String(o, "properties", path, false, "none");
  if (g.properties_mode != "none" && g.properties_mode != "item") {
    r.Error(path + "/properties", "must be 'item' or 'none'");
  }
  if (const json::object* b = r.Object(o, "byName", path)) {
    const std::string bpath = path + "/byName";
    r.OnlyKeys(*b, bpath, {"params", "match"});
    GetByNameDef by;
    if (const json::object* p = r.Object(*b, "params", bpath)) {
      by.params = *p;
      r.Template(*b->if_contains("params"), bpath + "/params", TemplateScope{.id = true});
    } else if (!b->contains("params")) {
      r.Error(bpath + "/params", "is required (the request members that take the name, {id})");
    }
    by.match = r.String(*b, "match", bpath, true);
    if (g.operation.empty()) {
      r.Error(bpath, "needs the get's operation (the call asked by name)");
    }
    if (g.listed_item || g.parent || !g.id_patterns.empty() || !g.identity_prefixes.empty()) {
      r.Error(bpath, "cannot be combined with listed, parent, idPatterns or identityPrefixes");
    }
    g.by_name = std::move(by);
  }
  return g;
}

}  // namespace

core::Result<KindDef> ParseKindDefinition(std::string_view text, std::string_view file,
                                          bool built_in) {
  Reader r(file);
  // The same parser and alias budget as every other document ocean-aws reads: errors are
  // "<file>:<line>:<column>: ...", and a small file cannot expand to gigabytes.
  core::Result<json::value> doc = core::ParseDocument(text, file);
  if (!doc.ok()) return core::Status::InvalidArgument(doc.status().message());
  const json::object* o = doc->if_object();
  if (!o) return core::Status::InvalidArgument(std::string(file) + ": a kind definition must be a mapping");
  KindDef k;
  k.file = std::string(file);
  k.built_in = built_in;
  k.name = r.String(*o, "kind", "", true);
  r.SetKind(k.name);
  r.OnlyKeys(*o, "", {"kind", "service", "scope", "regions", "extraContext", "list", "get", "hook",
                      "actions", "propertyOrder", "events", "deleteStub", "deleteIdentity",
                      "envelope", "globalServices"});
  // `kind: AWS::*::*` is a kind family (kind_family.h): read here with that literal name.
  k.family = k.name == kFamilyName;
  k.global_services = r.Strings(*o, "globalServices", "");
  if (!k.global_services.empty() && !k.family) {
    r.Error("/globalServices", "only a kind family (kind: " + std::string(kFamilyName) + ") has globalServices");
  }
  if (const json::object* env = r.Object(*o, "envelope", "")) {
    k.envelope = *env;
    r.Template(*o->if_contains("envelope"), "/envelope", TemplateScope{.resource = true});
    for (const auto& kv : *env) {
      if (kv.key() == "Type" || kv.key() == "Properties" || kv.key() == "__ExtraContext") {
        r.Error("/envelope/" + std::string(kv.key()), "the engine writes this member itself");
      }
    }
  }
  k.service = r.String(*o, "service", "", true);
  k.scope = ParseScope(r, r.String(*o, "scope", "", false, "regional"), "/scope");
  k.regions = r.Strings(*o, "regions", "");
  std::string extra = r.String(*o, "extraContext", "", false,
                               k.scope == KindScope::kOrganization || k.scope == KindScope::kAccount
                                   ? "none" : "accountRegion");
  if (extra == "accountRegion") k.extra_context = ExtraContextMode::kAccountRegion;
  else if (extra == "account") k.extra_context = ExtraContextMode::kAccount;
  else if (extra == "none") k.extra_context = ExtraContextMode::kNone;
  else r.Error("/extraContext", "'" + extra + "' is not accountRegion, account or none");
  k.hook = r.String(*o, "hook", "", false);
  if (const json::object* l = r.Object(*o, "list", "")) {
    bool has_parent = l->contains("parent");
    k.list = ParseListing(r, *l, "/list", TemplateScope{.parent = has_parent}, false);
    if (const json::object* p = r.Object(*l, "parent", "/list")) {
      ParentDef parent;
      parent.listing = ParseListing(r, *p, "/list/parent", TemplateScope{}, true);
      parent.carry = r.Pairs(*p, "carry", "/list/parent");
      parent.skip_on = r.Strings(*p, "skipOn", "/list/parent");
      k.parent = std::move(parent);
    }
  }
  if (k.list.has_value() == !k.hook.empty()) r.Error("/", "a kind needs exactly one of list, hook");
  if (const json::object* g = r.Object(*o, "get", "")) k.get = ParseGet(r, *g, "/get");
  if (k.get && k.get->listed_item && !k.list) r.Error("/get/listed", "the kind has no list to make the resource like");
  if (const json::value* acts = o->if_contains("actions")) {
    if (!acts->is_array()) {
      r.Error("/actions", "must be a list");
    } else {
      std::set<std::string> names;
      for (std::size_t i = 0; i < acts->get_array().size(); ++i) {
        std::string path = "/actions/" + std::to_string(i);
        ActionDef a = ParseAction(r, acts->get_array()[i], path, k.parent.has_value());
        for (std::size_t j = 0; j < a.after.size(); ++j) {
          if (!names.contains(a.after[j])) {
            r.Error(path + "/after/" + std::to_string(j),
                    "'" + a.after[j] + "' is not an earlier action of this kind");
          }
        }
        if (!a.name.empty() && !names.insert(a.name).second) {
          r.Error(path + "/name", "duplicate action name '" + a.name + "'");
        }
        if (k.list && UsesItem(a)) k.list->keep_item = true;
        k.actions.push_back(std::move(a));
      }
    }
  }
  k.property_order = r.Strings(*o, "propertyOrder", "");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < k.property_order.size(); ++i) {
    if (!seen.insert(k.property_order[i]).second) {
      r.Error("/propertyOrder/" + std::to_string(i),
              "property '" + k.property_order[i] + "' listed twice");
    }
  }
  r.Lines(ParseEventMappings(*o, k));
  if (!r.errors().empty()) return core::Status::InvalidArgument(r.errors());
  return k;
}

}  // namespace catalog::definition
