// FaultPlan: which AWS requests the fake endpoint answers badly, on a schedule. Each fault type
// has its own rule: every Nth request (by the endpoint's request sequence number) and/or a
// probability p drawn from a seeded hash of (fault_seed, sequence number, type), so a run is
// reproducible for a given request order. When several types hit one request, the first in
// FaultType order wins.
//
//   error500 / error503  the service's InternalError / ServiceUnavailable document
//   reset                the connection is reset (RST) instead of an answer
//   slow                 the real answer, its body trickled over slow_body_ms
//   truncated            Content-Length of the real body, half of it sent, then the socket closes
//   malformed            a complete 200 answer whose XML/JSON body is cut in half
//
// Thread-safety: Decide() is a pure function of its argument; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>

#include "fake_config.h"

namespace fakeaws {

class FaultPlan {
 public:
  explicit FaultPlan(const FakeConfig& config);
  // The fault for request number `n` (1-based), if any.
  std::optional<FaultType> Decide(uint64_t n) const;
  bool enabled() const { return enabled_; }

 private:
  FaultRule rules_[kFaultTypeCount];
  uint64_t seed_;
  bool enabled_;
};

}  // namespace fakeaws
