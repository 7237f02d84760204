// PlanDeletion: the reconciliation decision, as a pure function.
//
// owned   = the entities of this integration that existed before this resync (the sink's
//           ListOwned; it may include entities this resync refreshed, never ones it created);
// stale   = owned entities not seen in this resync;
// protected = stale entities whose blueprint belongs to an incomplete kind (or all stale
//             entities when an incomplete kind's blueprint is not a literal);
// total   = |owned| (distinct): Ocean's denominator, deleted / entities at Port before the
//           resync. Entities first seen in this resync do not count, so replacing every
//           identifier is a deletion rate of 1, not 0.5;
// to_delete = stale - protected, and only when to_delete/total <= threshold (Ocean's
//             entityDeletionThreshold; owned == 0 deletes nothing). Otherwise nothing is deleted
//             and `reason` says why, with the numbers.
// Rounding: none. The rate is the exact quotient (a double) compared with `<=`: a threshold of
// 0.5 allows deleting exactly half, 0 forbids any deletion, 1 allows deleting everything.
//
// Thread-safety: pure.
#pragma once

#include <cstdint>
#include <set>
#include <span>
#include <string>
#include <unordered_set>
#include <vector>

#include "ocean/resync/seen_keys.h"
#include "ocean/sinks/entity_sink.h"

namespace ocean {

struct DeletionInput {
  std::span<const EntityKey> owned;
  const SeenKeys* seen = nullptr;  // hashes: a collision can only keep a stale entity
  std::set<std::string> protected_blueprints;
  bool protect_all = false;
  double threshold = 0.9;
};

struct DeletionPlan {
  std::vector<EntityKey> to_delete;
  long stale = 0;
  long protected_stale = 0;
  long total = 0;         // distinct owned (existed before the resync): the rate's denominator
  bool blocked = false;   // threshold exceeded or protect_all with stale entities
  std::string reason;     // set when blocked or when something was protected
};

DeletionPlan PlanDeletion(const DeletionInput& input);

// PlanDeletion over owned keys that arrive one at a time (EntitySink::ForEachOwned), holding
// 8 bytes per owned key plus the stale keys, never every owned key as strings (431,450 of them,
// ~50 MB, at the end of the 1,000 x 17 scale scenario; issue 13.4). `rules` gives everything but
// `owned` and must outlive the planner. Finish() returns what PlanDeletion returns for the same
// keys in the same order.
class DeletionPlanner {
 public:
  explicit DeletionPlanner(const DeletionInput& rules) : rules_(rules) {}
  void Add(const EntityKey& key);
  DeletionPlan Finish();

 private:
  const DeletionInput& rules_;
  std::vector<std::uint64_t> owned_;        // hashes of every owned key (repeats too)
  std::unordered_set<std::uint64_t> stale_seen_;  // hashes of the stale keys counted
  std::set<std::string> protected_hit_;
  std::vector<EntityKey> candidates_;
  long stale_ = 0;
  long protected_stale_ = 0;
};

}  // namespace ocean
