#include "ocean/config/entity_mappings.h"

#include <string>

#include "core/document.h"
#include "ocean/config/tree_values.h"

namespace ocean::config {
namespace {

constexpr std::string_view kJqOrQuery =
    "expected a jq expression (string) or a search query {combinator, rules}";

// A jq leaf: any scalar, as its text (null is refused: a leaf must say something).
core::Result<json::value> Leaf(const json::value& v, std::string_view source,
                               const std::string& path) {
  std::string text;
  if (v.is_null() || !core::ScalarAsText(v, &text)) {
    return ConfigError(source, path,
                       "expected a jq expression (string), got " + std::string(TypeName(v)));
  }
  return json::value(json::string(text));
}

core::Result<json::value> SearchQuery(const json::object& q, std::string_view source,
                                      const std::string& path);

// A rule of a search query: {property, operator, value}, or a nested query.
core::Result<json::value> Rule(const json::value& v, std::string_view source,
                               const std::string& path) {
  if (!v.is_object()) {
    return ConfigError(source, path,
                       "expected a rule {property, operator, value} or a nested search query, got " +
                           std::string(TypeName(v)));
  }
  const json::object& rule = v.get_object();
  if (rule.contains("rules") || rule.contains("combinator")) return SearchQuery(rule, source, path);
  json::object out;
  for (std::string_view key : {"property", "operator", "value"}) {
    const json::value* field = rule.if_contains(key);
    if (field == nullptr) {
      return ConfigError(source, path, "'" + std::string(key) + "' is required in a rule");
    }
    CORE_ASSIGN_OR_RETURN(out[key], Leaf(*field, source, ChildPath(path, key)));
  }
  return json::value(std::move(out));
}

core::Result<json::value> SearchQuery(const json::object& q, std::string_view source,
                                      const std::string& path) {
  const json::value* combinator = q.if_contains("combinator");
  const json::value* rules = q.if_contains("rules");
  if (combinator == nullptr) return ConfigError(source, path, "'combinator' is required");
  if (rules == nullptr) return ConfigError(source, path, "'rules' is required");
  json::object out;
  CORE_ASSIGN_OR_RETURN(out["combinator"],
                        Leaf(*combinator, source, ChildPath(path, "combinator")));
  std::string rules_path = ChildPath(path, "rules");
  if (!rules->is_array()) {
    return ConfigError(source, rules_path, "expected a list, got " + std::string(TypeName(*rules)));
  }
  json::array out_rules;
  for (std::size_t i = 0; i < rules->get_array().size(); ++i) {
    CORE_ASSIGN_OR_RETURN(json::value r,
                          Rule(rules->get_array()[i], source, IndexPath(rules_path, i)));
    out_rules.push_back(std::move(r));
  }
  out["rules"] = std::move(out_rules);
  return json::value(std::move(out));
}

core::Result<json::value> LeafOrQuery(const json::value& v, std::string_view source,
                                      const std::string& path) {
  if (v.is_object()) {
    const json::object& o = v.get_object();
    if (!o.contains("combinator") && !o.contains("rules")) {
      return ConfigError(source, path, std::string(kJqOrQuery) + ", got mapping");
    }
    return SearchQuery(o, source, path);
  }
  if (v.is_array() || v.is_null()) {
    return ConfigError(source, path, std::string(kJqOrQuery) + ", got " + std::string(TypeName(v)));
  }
  return Leaf(v, source, path);
}

// properties / relations: {name: leaf}; null means empty.
core::Result<json::object> NamedLeaves(const json::value& v, bool allow_query,
                                       std::string_view source, const std::string& path) {
  if (v.is_null()) return json::object();
  if (!v.is_object()) {
    return ConfigError(source, path, "expected a mapping of names to jq expressions, got " +
                                         std::string(TypeName(v)));
  }
  json::object out;
  for (const auto& kv : v.get_object()) {
    std::string p = ChildPath(path, kv.key());
    if (allow_query) {
      CORE_ASSIGN_OR_RETURN(out[kv.key()], LeafOrQuery(kv.value(), source, p));
    } else {
      CORE_ASSIGN_OR_RETURN(out[kv.key()], Leaf(kv.value(), source, p));
    }
  }
  return out;
}

}  // namespace

core::Result<json::object> ParseEntityMappings(const json::value& value, std::string_view source,
                                               std::string_view path) {
  std::string base(path);
  if (!value.is_object()) {
    return ConfigError(source, base, "expected a mapping, got " + std::string(TypeName(value)));
  }
  const json::object& m = value.get_object();
  for (std::string_view required : {"identifier", "blueprint"}) {
    const json::value* v = m.if_contains(required);
    if (v == nullptr || v->is_null()) {
      return ConfigError(source, base, "'" + std::string(required) + "' is required");
    }
  }
  json::object out;
  for (const auto& kv : m) {
    std::string_view key = kv.key();
    std::string p = ChildPath(base, key);
    const json::value& v = kv.value();
    if (key == "identifier") {
      CORE_ASSIGN_OR_RETURN(out[key], LeafOrQuery(v, source, p));
    } else if (key == "blueprint") {
      CORE_ASSIGN_OR_RETURN(out[key], Leaf(v, source, p));
    } else if (key == "title" || key == "icon") {
      if (v.is_null()) continue;
      CORE_ASSIGN_OR_RETURN(out[key], Leaf(v, source, p));
    } else if (key == "team") {
      if (v.is_null()) continue;
      CORE_ASSIGN_OR_RETURN(out[key], LeafOrQuery(v, source, p));
    } else if (key == "properties" || key == "relations") {
      CORE_ASSIGN_OR_RETURN(json::object named, NamedLeaves(v, key == "relations", source, p));
      if (!v.is_null()) out[key] = std::move(named);
    }
  }
  return out;
}

}  // namespace ocean::config
