// EntityMapper: a resource config's selector and entity mappings, compiled once per resync, applied
// to raw resources with Ocean's semantics (ocean-core.md §4):
//   - itemsToParse (when set): each raw item expands into {...item minus the parsed path (top-level
//     transform), <itemsToParseName>: element} per element (items_to_parse.h); a non-array result
//     or a jq error skips the item: counted in items_to_parse_skipped with a MapError (field
//     "itemsToParse"), not in `failed`. Ocean only warns; the resync pipeline counts it as a
//     failed item of the kind (its entities are unknown, so nothing of the kind is deleted);
//   - selector.query must yield a JSON boolean; false drops the item (counted as filtered out);
//     anything else (other value, no output, jq error) is a per-item error counted in `failed`
//     (Ocean: a resync error, which suppresses stale-entity deletion);
//   - each mapping leaf (recursively through properties, relations and search-query objects) is
//     its first output, or null when it yields nothing, null or a runtime error (the error is
//     reported once per item and leaf, with the kind, the field path, the expression and the
//     item's identity);
//   - an entity whose identifier or blueprint is falsy in Python's sense (null, "", 0, false, [],
//     {}) is dropped and counted;
//   - an identifier or blueprint leaf that raises a jq error, or an identifier that is not a
//     string (a number, boolean, array, or an object unless the mapping's identifier is a search
//     query object) or a blueprint that is not a string, makes the item a failed item (counted in
//     `failed`, with a MapError): its entity is unknown, so the kind must not delete anything.
//     (Ocean drops the erroring entity silently and lets Port refuse the mistyped ones.)
// Leaf runtime errors of other fields are warnings, as in Ocean (the entity is upserted with
// null there).
// Only keys present in the mapping are emitted: identifier, title, icon, blueprint, team,
// properties, relations — in that order.
// All leaves of a mapping run as one jq program per item (leaf_set.h; JqOptions::combine_leaves).
// Leaves and selectors of the simple forms of native_leaf.h run without libjq (identical
// results); their libjq programs are compiled only if an item needs them.
//
// Thread-safety: holds JqPrograms; use one mapper from one thread at a time (compile one mapper
// per worker thread to map in parallel).
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/result.h"
#include "ocean/config/port_app_config.h"
#include "ocean/mapping/jq_program.h"

namespace ocean::mapping {

struct MapError {
  std::string kind;
  std::string field;        // e.g. "properties.arn", "selector.query", "itemsToParse"
  std::string expression;
  std::string item;         // the item's identity: its ARN / id / name if found, else its index
  std::string message;
};

struct MappedEntity {
  json::object entity;  // identifier, title?, icon?, blueprint, team?, properties?, relations?
  std::size_t raw_index = 0;  // index of the raw item it came from in the input span
};

struct MapResult {
  std::vector<MappedEntity> entities;
  long raw = 0;            // raw items given
  long expanded = 0;       // items after itemsToParse (== raw without it)
  long filtered_out = 0;   // selector false
  long dropped = 0;        // null/empty identifier or blueprint
  long failed = 0;         // items not mapped: selector error, identity error or mistyped identity
  long items_to_parse_skipped = 0;  // raw items whose itemsToParse failed or was not an array
  std::vector<MapError> errors;  // every error, including null leaves caused by runtime errors
};

class EntityMapper {
 public:
  // Compiles the selector, itemsToParse and every leaf. Any that fails to compile is an
  // InvalidArgument naming the resource (kind and index), the field path, the expression and
  // jq's message, e.g. "resource AWS::S3::Bucket (resources[1]) field properties.arn (.a |||):
  // jq: error: syntax error, ...". (Ocean instead maps an uncompilable leaf to null.)
  static core::Result<EntityMapper> Compile(const ResourceConfig& resource,
                                            const JqOptions& options = {});

  MapResult Map(std::span<const json::value> items) const;

  const ResourceConfig& resource() const;

  // True when the selector and every leaf are native (native_leaf.h) and there is no
  // itemsToParse: mapping then never runs a libjq program on ordinary items (only on items where
  // a native leaf declines, with the same simple expression), so it can neither hang nor crash
  // and needs no worker process. (A regex leaf's search is bounded by Oniguruma's per-search
  // budget, in both evaluators: jq_regex.h.)
  bool native_only() const;

  EntityMapper(EntityMapper&&) noexcept;
  EntityMapper& operator=(EntityMapper&&) noexcept;
  ~EntityMapper();

 private:
  struct Impl;
  explicit EntityMapper(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ocean::mapping
