// EntityMapper: a resource config's selector and entity mappings, compiled once per resync, applied
// to raw resources with Ocean's semantics (ocean-core.md §4):
//   - itemsToParse (when set): each raw item expands into {...item minus the parsed path (top-level
//     transform), <itemsToParseName>: element} per element; a non-array result skips the item;
//   - selector.query must yield a JSON boolean; false drops the item (counted as filtered out);
//     anything else is a per-item error;
//   - each mapping leaf (recursively through properties, relations and search-query objects) is
//     its first output, or null when it yields nothing, null or a runtime error (the error is
//     reported once per item and leaf, with the kind, the field path, the expression and the
//     item's identity);
//   - an entity whose identifier or blueprint is null/empty is dropped and counted.
// Only keys present in the mapping are emitted: identifier, title, icon, blueprint, team,
// properties, relations — in that order.
//
// Thread-safety: holds JqPrograms; use one mapper from one thread at a time.
#pragma once

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
  long failed = 0;         // items with a selector/itemsToParse error (not mapped)
  std::vector<MapError> errors;  // every error, including null leaves caused by runtime errors
};

class EntityMapper {
 public:
  // Compiles the selector and every leaf. A leaf that fails to compile is an error naming the
  // resource (kind and index), the field path and jq's message.
  static core::Result<EntityMapper> Compile(const ResourceConfig& resource,
                                            const JqOptions& options = {});

  MapResult Map(std::span<const json::value> items) const;

  const ResourceConfig& resource() const;

  EntityMapper(EntityMapper&&) noexcept;
  EntityMapper& operator=(EntityMapper&&) noexcept;
  ~EntityMapper();

 private:
  struct Impl;
  explicit EntityMapper(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ocean::mapping
