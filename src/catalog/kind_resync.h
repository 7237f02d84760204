// ResyncKind: one kind across every account and allowed region, with bounded concurrency at
// each level, streaming envelopes to `emit` and returning every scope's outcome.
//
//   accounts (at most max_concurrent_accounts at once)
//     regional kind: allowed regions (at most max_concurrent_regions at once), one scope each
//     global kind:   regions in GlobalKindOrder until one answers (access denied: next)
//     account kind:  one scope in the partition's global region
//   organization kind: accounts in order until one may list the organization (one scope)
//
// An account whose regions cannot be resolved yields one failed scope (region ""), so the
// kind is known to be incomplete. Names in include_actions that are not options of the kind
// are returned once, for one warning.
//
// Thread-safety: a coroutine on the resync's event loop; `emit` is called from it,
// interleaved between scopes (never concurrently on two threads).
#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "catalog/kind.h"
#include "catalog/regions/region_policy.h"
#include "catalog/regions/region_resolver.h"
#include "catalog/scope.h"
#include "core/async_semaphore.h"

namespace catalog {

struct KindResyncOptions {
  std::vector<std::string> include_actions;
  regions::RegionPolicy region_policy;
  std::size_t max_concurrent_accounts = 5;   // selector.maxConcurrentAccounts (upstream default)
  std::size_t max_concurrent_regions = 10;   // per account (upstream's constant)
  std::vector<std::string> only_regions;     // non-empty: these regions instead of discovery
  // Called as each scope ends (on the resync's event loop), e.g. for live progress.
  std::function<void(const ScopeOutcome&)> on_scope;
  // false: outcomes go to on_scope only and KindResyncResult::scopes stays empty (the resync
  // report keeps its own copy; at 1,000 accounts x 17 regions x 60 kinds two copies of a
  // million outcomes are hundreds of MB, issue 13.4).
  bool keep_scopes = true;
  // Non-null: every scope holds one of these slots while it is listed, so the scopes in flight
  // across all kinds of a resync stay bounded (SourceRun passes its own; issue 13.4).
  core::AsyncSemaphore* scope_slots = nullptr;
  // Non-null: each scope waits here until the consumer has room before it enriches a batch
  // (RoomGateFn, kind.h), so scopes waiting on a full consumer hold raw resources.
  RoomGateFn room_gate;
};

struct KindResyncResult {
  std::vector<ScopeOutcome> scopes;
  std::vector<std::string> unknown_actions;
};

boost::asio::awaitable<KindResyncResult> ResyncKind(const KindSpec& kind, aws::AwsClient& client,
                                                    regions::RegionResolver& resolver,
                                                    std::span<const AccountSession> accounts,
                                                    const KindResyncOptions& options, EmitFn emit);

// The region account-level kinds (and global services) are called in: the partition's
// global region (us-east-1, cn-north-1, us-gov-west-1).
std::string AccountLevelRegion(const AccountSession& account);

}  // namespace catalog
