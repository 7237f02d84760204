#include "catalog/definition/kind_parser.h"

#include <set>

#include "catalog/definition/action_parser.h"
#include "catalog/definition/definition_reader.h"
#include "catalog/definition/event_parser.h"
#include "catalog/definition/template.h"
#include "core/document.h"

namespace catalog::definition {
namespace {

KindScope ParseScope(DefinitionReader& r, const std::string& s, const std::string& path) {
  if (s == "regional") return KindScope::kRegional;
  if (s == "global") return KindScope::kGlobal;
  if (s == "account") return KindScope::kAccount;
  if (s == "organization") return KindScope::kOrganization;
  r.Error(path, "'" + s + "' is not a scope (regional, global, account, organization)");
  return KindScope::kRegional;
}

ListingDef ParseListing(DefinitionReader& r, const json::object& o, const std::string& path,
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

GetDef ParseGet(DefinitionReader& r, const json::object& o, const std::string& path) {
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
  DefinitionReader r(file);
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
