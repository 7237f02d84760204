#include "ocean/port/relation_refs.h"

#include <algorithm>
#include <queue>

namespace ocean::port {

std::vector<RelationRef> RelationRefsOf(const json::object& relations) {
  std::vector<RelationRef> out;
  for (const auto& [name, value] : relations) {
    if (value.is_string()) {
      out.push_back({std::string(name), std::string(value.as_string())});
    } else if (value.is_array()) {
      for (const auto& v : value.as_array()) {
        if (v.is_string()) out.push_back({std::string(name), std::string(v.as_string())});
      }
    }
  }
  return out;
}

namespace {

// The target blueprint of `ref`, or "" when unknown (any blueprint).
const std::string* TargetBlueprint(const RelationTargets& targets, const std::string& source,
                                   const RelationRef& ref) {
  auto bp = targets.find(source);
  if (bp == targets.end()) return nullptr;
  auto rel = bp->second.find(ref.relation);
  return rel == bp->second.end() ? nullptr : &rel->second;
}

}  // namespace

bool RefersTo(const RelationTargets& targets, const std::string& source_blueprint,
              const RelationRef& ref, const EntityKey& key) {
  if (ref.target_identifier != key.identifier) return false;
  const std::string* target = TargetBlueprint(targets, source_blueprint, ref);
  return target == nullptr || *target == key.blueprint;
}

std::vector<EntityKey> WithoutRelationTargets(
    const std::vector<EntityKey>& to_delete,
    const std::map<std::string, std::set<RelationRef>>& kept_refs, const RelationTargets& targets,
    long* kept) {
  // Protected keys: exact (blueprint, identifier), plus identifiers whose blueprint is unknown.
  std::set<EntityKey> exact;
  std::set<std::string> any_blueprint;
  for (const auto& [source, refs] : kept_refs) {
    for (const auto& ref : refs) {
      const std::string* target = TargetBlueprint(targets, source, ref);
      if (target) {
        exact.insert({*target, ref.target_identifier});
      } else {
        any_blueprint.insert(ref.target_identifier);
      }
    }
  }
  std::vector<EntityKey> out;
  long protected_count = 0;
  for (const auto& key : to_delete) {
    if (exact.contains(key) || any_blueprint.contains(key.identifier)) {
      ++protected_count;
    } else {
      out.push_back(key);
    }
  }
  if (kept) *kept = protected_count;
  return out;
}

std::vector<EntityKey> DependentsFirst(const std::vector<EntityKey>& keys,
                                       const std::map<EntityKey, std::vector<RelationRef>>& refs,
                                       const RelationTargets& targets) {
  std::vector<EntityKey> sorted = keys;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::map<std::string, std::vector<std::size_t>> by_identifier;
  for (std::size_t i = 0; i < sorted.size(); ++i) by_identifier[sorted[i].identifier].push_back(i);

  // Edge a -> b: a relates to b, so a goes first.
  std::vector<std::vector<std::size_t>> edges(sorted.size());
  std::vector<std::size_t> indegree(sorted.size(), 0);
  for (std::size_t a = 0; a < sorted.size(); ++a) {
    auto it = refs.find(sorted[a]);
    if (it == refs.end()) continue;
    for (const auto& ref : it->second) {
      auto cands = by_identifier.find(ref.target_identifier);
      if (cands == by_identifier.end()) continue;
      for (std::size_t b : cands->second) {
        if (b != a && RefersTo(targets, sorted[a].blueprint, ref, sorted[b])) {
          edges[a].push_back(b);
          ++indegree[b];
        }
      }
    }
  }
  std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (indegree[i] == 0) ready.push(i);
  }
  std::vector<EntityKey> out;
  std::vector<bool> done(sorted.size(), false);
  while (!ready.empty()) {
    std::size_t a = ready.top();
    ready.pop();
    done[a] = true;
    out.push_back(sorted[a]);
    for (std::size_t b : edges[a]) {
      if (--indegree[b] == 0) ready.push(b);
    }
  }
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (!done[i]) out.push_back(sorted[i]);  // a cycle: Ocean sends these unordered
  }
  return out;
}

}  // namespace ocean::port
