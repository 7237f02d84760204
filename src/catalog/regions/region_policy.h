// RegionPolicy: a resource's `selector.regionPolicy` ({"allow": [...], "deny": [...]}), and the
// decision whether a region may be exported for that resource.
//
// The decision is upstream's truth table (aws-v3 `AWSResourceSelector.is_region_allowed`), row by
// row, first match wins:
//   1. allow and deny both empty             -> allowed
//   2. region in deny                        -> denied   (deny wins over allow)
//   3. region in allow                       -> allowed
//   4. deny non-empty, allow empty           -> allowed  (a pure deny list)
//   5. allow non-empty, deny empty           -> denied   (a pure allow list)
//   6. both non-empty, region in neither     -> denied
// Names are compared exactly (case-sensitive, no globs), as upstream compares them.
//
// Thread-safety: a plain value; const methods may be called from any thread.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/result.h"

namespace catalog::regions {

struct RegionPolicy {
  std::vector<std::string> allow;
  std::vector<std::string> deny;

  // Whether `region` may be exported under this policy (the truth table above).
  bool Allows(std::string_view region) const;

  // Parses the policy object itself: {"allow": [...], "deny": [...]}. Missing or null lists are
  // empty; other keys are ignored (as pydantic ignores them). Errors name the offending field
  // with `path` as its prefix, e.g. "regionPolicy.allow[2]: expected a string, got number".
  static core::Result<RegionPolicy> FromJson(const json::value& v,
                                             std::string_view path = "regionPolicy");

  // Reads `regionPolicy` (or its snake_case form `region_policy`) from a resource's selector
  // object. Absent or null means the default policy (everything allowed).
  static core::Result<RegionPolicy> FromSelector(const json::object& selector);
};

// The regions of `enabled` that `policy` allows, in their original order.
std::vector<std::string> ApplyPolicy(std::span<const std::string> enabled,
                                     const RegionPolicy& policy);

}  // namespace catalog::regions
