#include "ocean/config/port_app_config.h"

#include <algorithm>
#include <string>

#include "catalog/kind_table.h"
#include "core/document.h"
#include "ocean/config/entity_mappings.h"
#include "ocean/config/tree_values.h"

namespace ocean {
namespace {

using config::ChildPath;
using config::ConfigError;
using config::FindAlias;
using config::TypeName;

constexpr std::size_t kMaxIncludeActions = 3;      // upstream's max_items
constexpr std::size_t kDefaultMaxConcurrentAccounts = 5;

std::string KnownKinds() {
  std::string out;
  for (const catalog::KindSpec* k : catalog::AllKinds()) {
    if (!out.empty()) out += ", ";
    out += k->name;
  }
  if (catalog::KindFamilyDefinition() != nullptr) {
    out += "; or any CloudFormation type name AWS::<Service>::<Type> (exported through Cloud Control)";
  }
  return out;
}

// Reads an optional boolean root/port field (camelCase or snake_case) into `*out`.
core::Status ReadBool(const json::object& o, std::string_view camel, std::string_view snake,
                      std::string_view source, std::string_view path, bool* out) {
  std::string used;
  const json::value* v = FindAlias(o, camel, snake, &used);
  if (v == nullptr || v->is_null()) return core::Status::Ok();
  std::optional<bool> b = config::AsBool(*v);
  if (!b) {
    return ConfigError(source, ChildPath(path, used),
                       "expected a boolean, got " + config::Describe(*v));
  }
  *out = *b;
  return core::Status::Ok();
}

core::Status ReadSelector(const json::value* v, std::string_view source, const std::string& path,
                          ResourceConfig* r) {
  if (v == nullptr || v->is_null()) return ConfigError(source, path, "'selector' is required");
  std::string sel_path = ChildPath(path, "selector");
  if (!v->is_object()) {
    return ConfigError(source, sel_path, "expected a mapping, got " + std::string(TypeName(*v)));
  }
  const json::object& sel = v->get_object();
  const json::value* query = sel.if_contains("query");
  if (query == nullptr || query->is_null()) {
    return ConfigError(source, sel_path, "'query' is required");
  }
  if (!core::ScalarAsText(*query, &r->selector_query)) {
    return ConfigError(source, ChildPath(sel_path, "query"),
                       "expected a jq expression (string), got " + std::string(TypeName(*query)));
  }

  auto policy = catalog::regions::RegionPolicy::FromSelector(sel);
  if (!policy.ok()) {
    // The catalog names the field from the selector ("selector.regionPolicy.allow[0]: ...");
    // re-anchor it under this resource's path.
    const std::string& m = policy.status().message();
    std::size_t colon = m.find(": ");
    if (m.starts_with("selector.") && colon != std::string::npos) {
      return ConfigError(source, sel_path + m.substr(8, colon - 8), m.substr(colon + 2));
    }
    return ConfigError(source, sel_path, m);
  }
  r->region_policy = std::move(*policy);

  std::string used;
  if (const json::value* a = FindAlias(sel, "includeActions", "include_actions", &used);
      a != nullptr && !a->is_null()) {
    std::string p = ChildPath(sel_path, used);
    if (!a->is_array()) {
      return ConfigError(source, p,
                         "expected a list of action names, got " + std::string(TypeName(*a)));
    }
    for (std::size_t i = 0; i < a->get_array().size(); ++i) {
      const json::value& name = a->get_array()[i];
      if (!name.is_string()) {
        return ConfigError(source, config::IndexPath(p, i),
                           "expected an action name (string), got " + std::string(TypeName(name)));
      }
      r->include_actions.emplace_back(name.get_string());
    }
    if (r->include_actions.size() > kMaxIncludeActions) {
      return ConfigError(source, p,
                         "at most " + std::to_string(kMaxIncludeActions) +
                             " actions may be included, got " +
                             std::to_string(r->include_actions.size()));
    }
  }
  // The older Cloud Control integration's `useGetResourceAPI: true` selects the Cloud Control
  // kinds' GetResourceAction (data/kinds/cloudcontrol_any.yaml); native kinds ignore it.
  if (const json::value* g = sel.if_contains("useGetResourceAPI"); g != nullptr && !g->is_null()) {
    if (!g->is_bool()) {
      return ConfigError(source, ChildPath(sel_path, "useGetResourceAPI"),
                         "expected true or false, got " + std::string(TypeName(*g)));
    }
    bool listed = std::find(r->include_actions.begin(), r->include_actions.end(),
                            "GetResourceAction") != r->include_actions.end();
    if (g->get_bool() && !listed && catalog::IsFamilyKind(r->kind)) {
      r->include_actions.emplace_back("GetResourceAction");
    }
  }
  if (const json::value* m = FindAlias(sel, "maxConcurrentAccounts", "max_concurrent_accounts",
                                       &used);
      m != nullptr && !m->is_null()) {
    std::optional<std::int64_t> n = config::AsInteger(*m);
    if (!n || *n < 0) {
      return ConfigError(source, ChildPath(sel_path, used),
                         "expected a non-negative integer, got " + config::Describe(*m));
    }
    r->max_concurrent_accounts = *n == 0 ? kDefaultMaxConcurrentAccounts
                                         : static_cast<std::size_t>(*n);
  }
  return core::Status::Ok();
}

core::Status ReadPort(const json::value* v, std::string_view source, const std::string& path,
                      ResourceConfig* r) {
  if (v == nullptr || v->is_null()) return ConfigError(source, path, "'port' is required");
  std::string port_path = ChildPath(path, "port");
  if (!v->is_object()) {
    return ConfigError(source, port_path, "expected a mapping, got " + std::string(TypeName(*v)));
  }
  const json::object& port = v->get_object();
  const json::value* entity = port.if_contains("entity");
  if (entity == nullptr || entity->is_null()) {
    return ConfigError(source, port_path, "'entity' is required");
  }
  std::string entity_path = ChildPath(port_path, "entity");
  if (!entity->is_object()) {
    return ConfigError(source, entity_path,
                       "expected a mapping, got " + std::string(TypeName(*entity)));
  }
  const json::value* mappings = entity->get_object().if_contains("mappings");
  if (mappings == nullptr || mappings->is_null()) {
    return ConfigError(source, entity_path, "'mappings' is required");
  }
  CORE_ASSIGN_OR_RETURN(r->mappings, config::ParseEntityMappings(
                                         *mappings, source, ChildPath(entity_path, "mappings")));
  if (auto bp = JqStringLiteral(r->mappings.at("blueprint").get_string())) {
    r->literal_blueprint = *bp;
  }

  std::string used;
  if (const json::value* items = FindAlias(port, "itemsToParse", "items_to_parse", &used);
      items != nullptr && !items->is_null()) {
    if (!items->is_string()) {
      return ConfigError(source, ChildPath(port_path, used),
                         "expected a jq expression (string), got " + std::string(TypeName(*items)));
    }
    r->items_to_parse = std::string(items->get_string());
  }
  if (const json::value* name = FindAlias(port, "itemsToParseName", "items_to_parse_name", &used);
      name != nullptr && !name->is_null()) {
    if (!name->is_string() || name->get_string().empty()) {
      return ConfigError(source, ChildPath(port_path, used),
                         "expected a non-empty name, got " + config::Describe(*name));
    }
    r->items_to_parse_name = std::string(name->get_string());
  }
  return ReadBool(port, "itemsToParseTopLevelTransform", "items_to_parse_top_level_transform",
                  source, port_path, &r->items_to_parse_top_level_transform);
}

core::Result<ResourceConfig> ReadResource(const json::value& v, std::size_t index,
                                          std::string_view source, const std::string& path) {
  if (!v.is_object()) {
    return ConfigError(source, path, "expected a mapping, got " + std::string(TypeName(v)));
  }
  const json::object& o = v.get_object();
  ResourceConfig r;
  r.index = static_cast<int>(index);
  const json::value* kind = o.if_contains("kind");
  if (kind == nullptr || kind->is_null()) return ConfigError(source, path, "'kind' is required");
  if (!kind->is_string()) {
    return ConfigError(source, ChildPath(path, "kind"),
                       "expected a kind name (string), got " + std::string(TypeName(*kind)));
  }
  r.kind = std::string(kind->get_string());
  if (catalog::FindKind(r.kind) == nullptr) {
    return ConfigError(source, ChildPath(path, "kind"),
                       "unknown kind " + config::Quoted(r.kind) + "; known kinds: " + KnownKinds());
  }
  CORE_RETURN_IF_ERROR(ReadSelector(o.if_contains("selector"), source, path, &r));
  CORE_RETURN_IF_ERROR(ReadPort(o.if_contains("port"), source, path, &r));
  return r;
}

}  // namespace

core::Result<PortAppConfig> PortAppConfigFromJson(const json::value& doc,
                                                  std::string_view source_name) {
  PortAppConfig out;
  if (doc.is_null()) return out;
  if (!doc.is_object()) {
    return ConfigError(source_name, "",
                       "expected a mapping at the top level, got " + std::string(TypeName(doc)));
  }
  const json::object& o = doc.get_object();
  out.source = o;
  CORE_RETURN_IF_ERROR(ReadBool(o, "enableMergeEntity", "enable_merge_entity", source_name, "",
                                &out.enable_merge_entity));
  CORE_RETURN_IF_ERROR(ReadBool(o, "deleteDependentEntities", "delete_dependent_entities",
                                source_name, "", &out.delete_dependent_entities));
  CORE_RETURN_IF_ERROR(ReadBool(o, "createMissingRelatedEntities",
                                "create_missing_related_entities", source_name, "",
                                &out.create_missing_related_entities));
  std::string used;
  if (const json::value* t = FindAlias(o, "entityDeletionThreshold", "entity_deletion_threshold",
                                       &used);
      t != nullptr && !t->is_null()) {
    std::optional<double> d = config::AsNumber(*t);
    if (!d || !(*d >= 0.0 && *d <= 1.0)) {
      return ConfigError(source_name, used,
                         "expected a number between 0 and 1, got " + config::Describe(*t));
    }
    out.entity_deletion_threshold = *d;
  }
  const json::value* resources = o.if_contains("resources");
  if (resources == nullptr || resources->is_null()) return out;
  if (!resources->is_array()) {
    return ConfigError(source_name, "resources",
                       "expected a list, got " + std::string(TypeName(*resources)));
  }
  for (std::size_t i = 0; i < resources->get_array().size(); ++i) {
    CORE_ASSIGN_OR_RETURN(ResourceConfig r,
                          ReadResource(resources->get_array()[i], i, source_name,
                                       config::IndexPath("resources", i)));
    out.resources.push_back(std::move(r));
  }
  return out;
}

core::Result<PortAppConfig> ParsePortAppConfig(std::string_view text,
                                               std::string_view source_name) {
  CORE_ASSIGN_OR_RETURN(json::value doc, core::ParseDocument(text, source_name));
  return PortAppConfigFromJson(doc, source_name);
}

core::Result<PortAppConfig> LoadPortAppConfigFile(const std::string& path) {
  CORE_ASSIGN_OR_RETURN(std::string text, core::ReadTextFile(path));
  return ParsePortAppConfig(text, path);
}

std::optional<std::string> JqStringLiteral(std::string_view expression) {
  std::size_t b = expression.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return std::nullopt;
  std::size_t e = expression.find_last_not_of(" \t\r\n");
  std::string_view t = expression.substr(b, e - b + 1);
  if (t.size() < 2) return std::nullopt;
  std::string candidate;
  if (t.front() == '\'' && t.back() == '\'') {
    // Ocean turns the quotes into '"'; the inside must then hold no quote of either kind.
    std::string_view inner = t.substr(1, t.size() - 2);
    if (inner.find_first_of("'\"") != std::string_view::npos) return std::nullopt;
    candidate = "\"" + std::string(inner) + "\"";
  } else if (t.front() == '"' && t.back() == '"') {
    candidate = std::string(t);
  } else {
    return std::nullopt;
  }
  // A jq string literal without interpolation is a JSON string ("\(" is not a JSON escape).
  boost::system::error_code ec;
  json::value v = json::parse(candidate, ec);
  if (ec || !v.is_string()) return std::nullopt;
  return std::string(v.get_string());
}

}  // namespace ocean
