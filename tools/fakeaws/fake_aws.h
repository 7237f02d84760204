// FakeAws: the fake AWS endpoint's request handling, independent of sockets. For each request:
//   /_fake/...   admin: stats (GET /_fake/stats[?keys=1]), POST /_fake/reset-stats,
//                POST /_fake/remove?id=ID (the resource disappears), GET /_fake/universe
//   otherwise    identify the call (request.h) -> fault schedule (faults.h) -> token bucket
//                (throttle.h) -> denied region / failing id -> the service's handler
//                (services.h: hand-written, else the model-driven responder for every other
//                kind of the kind table, model_kinds.h) -> stats
// Connection-level faults (reset, slow, truncated) are returned in Outcome for the server to
// carry out; latency is the server's too (Outcome::aws says whether it applies).
//
// Thread-safety: Handle() may be called from many threads at once.
#pragma once

#include <optional>

#include "fake_config.h"
#include "faults.h"
#include "model_kinds.h"
#include "request.h"
#include "stats.h"
#include "throttle.h"
#include "universe.h"
#include "wire.h"

namespace fakeaws {

struct Outcome {
  Reply reply;
  std::optional<FaultType> fault;  // reset / slow / truncated: the server's to perform
  bool aws = false;                // an AWS call (latency applies), not an admin request
};

class FakeAws {
 public:
  explicit FakeAws(const FakeConfig& config);

  Outcome Handle(const HttpIn& in);

  const FakeConfig& config() const { return universe_.config(); }
  Universe& universe() { return universe_; }
  Stats& stats() { return stats_; }
  Throttler& throttler() { return throttler_; }
  const ModelKinds& kinds() const { return kinds_; }
  // Resources of a kind (by name) the scope holds, hand-written or generic; for kinds listed
  // once per account (S3, global kinds) the region is ignored. 0 for unknown kinds.
  uint64_t ScopeCount(std::string_view kind, int account, int region) const;
  // The stats page: Stats::ToJson plus the universe's totals, and per-key counts when asked.
  json::object StatsJson(bool with_keys) const;

 private:
  Outcome HandleAdmin(const HttpIn& in);
  Reply Dispatch(const Call& call, std::string request_id);
  // The failing-id rule: a detail call (call/get, or a batch without a failures list) that
  // names a configured failing identity.
  bool FailsHere(const Call& call, const HttpIn& in) const;
  void AddTotals(json::object& totals, json::object* scopes) const;

  Universe universe_;
  ModelKinds kinds_;
  Throttler throttler_;
  FaultPlan faults_;
  Stats stats_;
};

}  // namespace fakeaws
