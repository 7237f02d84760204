#include "catalog/kind_resync.h"

#include "aws/endpoints/partitions.h"
#include "core/concurrency.h"
#include "catalog/regions/availability.h"
#include "catalog/regions/global_region.h"
#include "catalog/scope_exporter.h"
#include "core/log.h"

namespace catalog {

namespace asio = boost::asio;
using core::Result;
using core::Status;

std::string AccountLevelRegion(const AccountSession& account) {
  const aws::endpoints::Partition* p = aws::endpoints::FindPartition(account.partition);
  return p ? std::string(p->global_region) : "us-east-1";
}

namespace {

// The regions one account is exported in, or an error for a failed scope.
asio::awaitable<Result<std::vector<std::string>>> RegionsFor(const KindSpec& kind,
                                                             regions::RegionResolver& resolver,
                                                             const AccountSession& account,
                                                             const KindResyncOptions& options) {
  std::vector<std::string_view> supported(kind.supported_regions.begin(),
                                          kind.supported_regions.end());
  if (!options.only_regions.empty()) {
    co_return regions::FilterSupported(options.only_regions, supported);
  }
  co_return co_await resolver.AllowedRegions(account, options.region_policy, supported);
}

}  // namespace

asio::awaitable<KindResyncResult> ResyncKind(const KindSpec& kind, aws::AwsClient& client,
                                             regions::RegionResolver& resolver,
                                             std::span<const AccountSession> accounts,
                                             const KindResyncOptions& options, EmitFn emit) {
  KindResyncResult result;
  auto record = [&](ScopeOutcome outcome) {
    if (options.on_scope) options.on_scope(outcome);
    if (options.keep_scopes) result.scopes.push_back(std::move(outcome));
  };
  std::vector<const ActionSpec*> actions =
      SelectActions(kind, options.include_actions, &result.unknown_actions);
  // ExportScope inside one of the resync's scope slots, when it has them.
  auto export_scope = [&](const AccountSession& account,
                          std::string region) -> asio::awaitable<ScopeOutcome> {
    core::AsyncSemaphore::Permit slot;
    if (options.scope_slots) slot = co_await options.scope_slots->Acquire();
    co_return co_await ExportScope(kind, client, account, std::move(region), actions, emit,
                                   options.room_gate);
  };

  if (kind.scope == KindScope::kOrganization) {
    // One listing serves the organization: accounts in order until one answers (upstream moves
    // on after any error). With no organization at all there is nothing to list: skipped.
    std::optional<ScopeOutcome> last;
    for (const AccountSession& account : accounts) {
      ScopeOutcome o = co_await export_scope(account, AccountLevelRegion(account));
      bool done = o.state == ScopeState::kComplete;
      last = std::move(o);
      if (done) break;
    }
    if (!last) co_return result;
    if (last->state == ScopeState::kFailed &&
        last->error.remote_code() == "AWSOrganizationsNotInUseException") {
      last->state = ScopeState::kSkipped;
    }
    if (last->state != ScopeState::kComplete) {
      LOG_WARN("{}: no account could list the organization: {}", kind.name,
               last->error.message());
    }
    record(std::move(*last));
    co_return result;
  }

  auto one_account = [&](std::size_t a) -> asio::awaitable<void> {
    const AccountSession& account = accounts[a];
    if (kind.scope == KindScope::kAccount) {
      record(co_await export_scope(account, AccountLevelRegion(account)));
      co_return;
    }
    Result<std::vector<std::string>> regions = co_await RegionsFor(kind, resolver, account, options);
    if (!regions.ok()) {
      LOG_ERROR("{}: cannot resolve the regions of account {}: {}", kind.name, account.info.id,
                regions.status().message());
      record(ScopeOutcome{std::string(kind.name), account.info.id, "",
                                           ScopeState::kFailed, regions.status()});
      co_return;
    }
    if (regions->empty()) {
      LOG_WARN("{}: no allowed region in account {}; nothing to export", kind.name,
               account.info.id);
      co_return;
    }
    if (kind.scope == KindScope::kGlobal) {
      std::optional<ScopeOutcome> answered;
      Result<std::string> region = co_await regions::FirstAnsweringRegion(
          regions::GlobalKindOrder(*regions),
          [&](const std::string& r) -> asio::awaitable<Status> {
            ScopeOutcome o = co_await export_scope(account, r);
            if (o.state == ScopeState::kSkipped) co_return o.error;  // try the next region
            answered = std::move(o);
            co_return Status::Ok();
          });
      if (answered) {
        record(std::move(*answered));
      } else {
        record(ScopeOutcome{std::string(kind.name), account.info.id, "",
                                             ScopeState::kSkipped, region.status()});
      }
      co_return;
    }
    co_await core::ForEachBounded(regions->size(), options.max_concurrent_regions,
                            [&](std::size_t r) -> asio::awaitable<void> {
      record(co_await export_scope(account, (*regions)[r]));
    });
  };
  co_await core::ForEachBounded(accounts.size(), options.max_concurrent_accounts, one_account);
  co_return result;
}

}  // namespace catalog
