// PlanDeletion: see deletion_plan.h.
#include "ocean/resync/deletion_plan.h"

#include <fmt/format.h>

#include <algorithm>

namespace ocean {

namespace {

std::string JoinBlueprints(const std::set<std::string>& blueprints) {
  std::string out;
  for (const std::string& bp : blueprints) {
    if (!out.empty()) out += ", ";
    out += bp;
  }
  return out;
}

}  // namespace

DeletionPlan PlanDeletion(const DeletionInput& input) {
  DeletionPlanner planner(input);
  for (const EntityKey& key : input.owned) planner.Add(key);
  return planner.Finish();
}

// The owned listing may repeat a key; each counts once. Hashes, not keys (a set of every owned
// key was ~150 B each at the end of a 430,000-entity resync, issue 13.4); a collision skips a
// key as a repeat or as seen: it is kept, never deleted wrongly.
void DeletionPlanner::Add(const EntityKey& key) {
  const std::uint64_t hash = SeenKeys::Hash(key);
  owned_.push_back(hash);
  if (rules_.seen != nullptr && rules_.seen->contains(key)) return;
  if (!stale_seen_.insert(hash).second) return;
  ++stale_;
  if (rules_.protect_all || rules_.protected_blueprints.contains(key.blueprint)) {
    ++protected_stale_;
    protected_hit_.insert(key.blueprint);
    return;
  }
  candidates_.push_back(key);
}

DeletionPlan DeletionPlanner::Finish() {
  const DeletionInput& input = rules_;
  DeletionPlan plan;
  plan.stale = stale_;
  plan.protected_stale = protected_stale_;
  std::set<std::string>& protected_hit = protected_hit_;
  std::vector<EntityKey>& candidates = candidates_;
  std::sort(owned_.begin(), owned_.end());
  const std::size_t distinct =
      static_cast<std::size_t>(std::unique(owned_.begin(), owned_.end()) - owned_.begin());
  std::vector<std::uint64_t>().swap(owned_);
  // The denominator (Ocean's): the entities that existed before this resync. Entities first
  // written by this resync are not in it: a resync that replaced every identifier would
  // otherwise pass a 0.5 threshold while deleting everything that was there before.
  plan.total = static_cast<long>(distinct);

  if (input.protect_all && plan.stale > 0) {
    plan.blocked = true;
    plan.reason = fmt::format(
        "{} stale entities kept: a kind whose blueprint is not a literal did not complete, so "
        "any blueprint may hold entities it would have refreshed",
        plan.stale);
    return plan;
  }
  if (plan.protected_stale > 0) {
    plan.reason = fmt::format("{} stale entities of incomplete kinds kept (blueprints: {})",
                              plan.protected_stale, JoinBlueprints(protected_hit));
  }
  if (candidates.empty()) return plan;  // includes owned == 0: no rate to compute

  const double rate = static_cast<double>(candidates.size()) / static_cast<double>(plan.total);
  if (!(rate <= input.threshold)) {
    plan.blocked = true;
    std::string why = fmt::format(
        "deletion rate {:.4g} ({} of {} entities that existed before this resync) exceeds "
        "entityDeletionThreshold {:.4g}; nothing deleted",
        rate, candidates.size(), plan.total, input.threshold);
    plan.reason = plan.reason.empty() ? why : plan.reason + "; " + why;
    return plan;
  }
  plan.to_delete = std::move(candidates);
  return plan;
}

}  // namespace ocean
