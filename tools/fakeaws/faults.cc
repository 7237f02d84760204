#include "faults.h"

#include "ids.h"

namespace fakeaws {

FaultPlan::FaultPlan(const FakeConfig& config)
    : seed_(config.fault_seed), enabled_(config.any_fault()) {
  for (int i = 0; i < kFaultTypeCount; ++i) rules_[i] = config.faults[i];
}

std::optional<FaultType> FaultPlan::Decide(uint64_t n) const {
  if (!enabled_) return std::nullopt;
  for (int i = 0; i < kFaultTypeCount; ++i) {
    const FaultRule& r = rules_[i];
    bool hit = (r.every > 0 && n % r.every == 0) ||
               (r.probability > 0 &&
                Unit(Mix(seed_, n, static_cast<uint64_t>(i), 0xFA17)) < r.probability);
    if (hit) return static_cast<FaultType>(i);
  }
  return std::nullopt;
}

}  // namespace fakeaws
