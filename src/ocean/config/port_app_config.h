// PortAppConfig: the mapping ("port-app-config") that tells a resync which kinds to export and
// how each raw resource becomes a Port entity — Ocean's model, with aws-v3's selector fields.
//
// Accepted from YAML or JSON text (a file, or Port's `GET /v1/integration/{id}` -> `config`),
// camelCase or snake_case keys, upstream's defaults. Errors name the source, the location
// (line:column for text, a key path such as `resources[2].port.entity.mappings.identifier`
// for trees) and what was expected. An unknown kind is an error naming it and the known kinds.
//
// Every mapping leaf is a jq expression, kept as text here; ocean/mapping compiles them.
//
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/regions/region_policy.h"
#include "core/json.h"
#include "core/result.h"

namespace ocean {

struct ResourceConfig {
  int index = 0;                        // position in `resources` (Ocean's "<kind>-<index>")
  std::string kind;                     // e.g. "AWS::S3::Bucket", validated against the kind table
  std::string selector_query = "true";  // selector.query (jq; must yield a boolean)
  // aws-v3 selector fields.
  catalog::regions::RegionPolicy region_policy;
  std::vector<std::string> include_actions;   // at most 3 (upstream's limit)
  std::size_t max_concurrent_accounts = 5;    // 0 in the input means 5, as upstream
  // port.entity.mappings exactly as given (camelCase keys kept: identifier, title, icon,
  // blueprint, team, properties, relations). Only keys present are evaluated and emitted.
  // identifier/team/relation values may be search-query objects whose leaves are jq too.
  json::object mappings;
  std::optional<std::string> items_to_parse;  // port.itemsToParse
  std::string items_to_parse_name = "item";
  bool items_to_parse_top_level_transform = true;
  // The blueprint when `mappings.blueprint` is a jq string literal ('"s3Bucket"'), else empty.
  // Reconciliation uses it to know which blueprint a failed kind would have produced.
  std::string literal_blueprint;
};

struct PortAppConfig {
  bool enable_merge_entity = true;
  bool delete_dependent_entities = true;
  bool create_missing_related_entities = true;
  double entity_deletion_threshold = 0.9;  // 0..1
  std::vector<ResourceConfig> resources;
  json::object source;  // the document as given (for PATCH/POST to Port and run history)
};

// Parses YAML or JSON text (JSON is detected by a leading '{'). `source_name` (a file path, or
// "Port integration config") prefixes every error, with line and column when known.
core::Result<PortAppConfig> ParsePortAppConfig(std::string_view text, std::string_view source_name);

// Validates an already-parsed document (e.g. Port's `integration.config`).
core::Result<PortAppConfig> PortAppConfigFromJson(const json::value& doc,
                                                  std::string_view source_name);

// Reads and parses a file (YAML or JSON by content).
core::Result<PortAppConfig> LoadPortAppConfigFile(const std::string& path);

// The extracted string literal of a jq expression that is just a string literal ('"x"' or
// "'x'" after Ocean's quote normalisation), else nullopt.
std::optional<std::string> JqStringLiteral(std::string_view expression);

}  // namespace ocean
