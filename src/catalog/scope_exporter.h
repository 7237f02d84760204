// ExportScope: lists one (kind, account, region) scope page by page, enriches each batch of at
// most 100 resources with the selected actions, emits the envelopes, and reports the outcome.
// Batches are enriched and emitted while the listing goes on (one batch at a time, in listing
// order), so a scope costs the longer of its listing and enrichment chains, not their sum. A
// batch is full (kBatchSize), except when the enricher is idle and the kind's actions call
// AWS: then it takes what is pending as far as no batch call is split (ActionSpec::whole_calls),
// so the last resources listed do not wait for a hundred more. Memory is bounded by one page
// plus two batches: a kind is never held whole.
// With `room_gate`, each batch waits until the consumer has room before it is enriched
// (RoomGateFn, kind.h), so a scope waiting on a full consumer holds raw resources only.
//
// Thread-safety: a coroutine on the resync's event loop.
#pragma once

#include <span>
#include <string>

#include "catalog/kind.h"
#include "catalog/scope.h"

namespace catalog {

inline constexpr std::size_t kBatchSize = 100;  // upstream's batch size

boost::asio::awaitable<ScopeOutcome> ExportScope(const KindSpec& kind, aws::AwsClient& client,
                                                 const AccountSession& account, std::string region,
                                                 std::span<const ActionSpec* const> actions,
                                                 EmitFn emit, RoomGateFn room_gate = nullptr);

// The scope's base extra context: {AccountId, Region} (Region omitted when the kind says so or
// the scope has none).
json::object BaseExtraContext(const KindSpec& kind, const AccountSession& account,
                              std::string_view region);

}  // namespace catalog
