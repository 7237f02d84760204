// Relations between entities, for Ocean's safe delete and dependency-ordered deletion
// (ocean-core.md §5.6 steps 6-7).
//
// An entity's relation values name target identifiers: a string, or an array of strings (a
// search-query relation names none, as in Ocean, which nulls them). The target's blueprint comes
// from the source blueprint's relation definition (GET /v1/blueprints/{bp} -> relations{name:
// {target}}); when that is unknown, a reference matches an entity of any blueprint with that
// identifier (conservative: it protects more, orders more).
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/json.h"
#include "ocean/sinks/entity_sink.h"

namespace ocean::port {

struct RelationRef {
  std::string relation;
  std::string target_identifier;
  auto operator<=>(const RelationRef&) const = default;
};

// The references in an entity's `relations` object.
std::vector<RelationRef> RelationRefsOf(const json::object& relations);

// relation name -> target blueprint, per source blueprint. A blueprint absent from the map is
// unknown (matches any blueprint).
using RelationTargets = std::map<std::string, std::map<std::string, std::string>>;

// Whether `ref` of an entity of `source_blueprint` points at `key`.
bool RefersTo(const RelationTargets& targets, const std::string& source_blueprint,
              const RelationRef& ref, const EntityKey& key);

// Ocean's safe delete: `to_delete` minus every entity a kept entity relates to. `kept_refs` are
// the references of kept entities by source blueprint. Returns the deletable keys; `kept`
// counts the protected ones.
std::vector<EntityKey> WithoutRelationTargets(
    const std::vector<EntityKey>& to_delete,
    const std::map<std::string, std::set<RelationRef>>& kept_refs, const RelationTargets& targets,
    long* kept);

// `keys` ordered so that an entity comes before the entities it relates to (dependents first);
// `refs` are the references of the entities being deleted. Cycles: the rest in key order.
std::vector<EntityKey> DependentsFirst(const std::vector<EntityKey>& keys,
                                       const std::map<EntityKey, std::vector<RelationRef>>& refs,
                                       const RelationTargets& targets);

}  // namespace ocean::port
