// Source: catalog/'s front door for the layers above it. ocean/ (resyncs, live events) and app/
// (export, get) reach AWS only through it, so no aws:: type appears in their code:
//
//   Source::Discover(config)   the accounts to export from (AccountDiscovery: single account,
//                              role ARN list or Organizations), as a SourceRun
//   SourceRun::StreamKind(...) one kind's resources across the run's accounts and allowed
//                              regions, in batches to `emit` (ResyncKind), every scope's outcome
//   Source::FetchOne(...)      one resource by id, enriched (a kind's get_one + Inspect)
//
// Both feed the Source's IdentityIndex (identity_index.h) with the resources of kinds marked
// `deleteIdentity`, which live deletes read (identities()).
//
// app/ builds one Source per process from the AWS client, STS and transport it wires (Runtime).
// A SourceRun lives for one resync (or one export): it owns the discovery's account sessions and
// a region cache, so every kind of that run resolves an account's regions once, and the run's
// scope slots: at most kMaxScopesInFlight scopes are listed at once across all kinds (each
// holds coroutine frames, a pending page, HTTP handles and buffers; 62 kinds x 5 accounts x 10
// regions made ~3,000 of them and ~110 MB of heap, issue 13.4).
//
// Thread-safety: every coroutine on the AwsClient's io_context. The client, STS and transport
// must outlive the Source; the Source must outlive its runs.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "aws/auth/sts_api.h"
#include "aws/client.h"
#include "catalog/account.h"
#include "catalog/accounts/account_discovery.h"
#include "catalog/identity_index.h"
#include "catalog/integration_config.h"
#include "catalog/kind.h"
#include "catalog/kind_resync.h"
#include "catalog/regions/region_resolver.h"
#include "core/result.h"
#include "net/http_transport.h"

namespace catalog {

class SourceRun {
 public:
  // `identities` (may be null) remembers the listed resources of kinds with deleteIdentity.
  SourceRun(aws::AwsClient& client, accounts::DiscoveryResult found,
            IdentityIndex* identities = nullptr);
  SourceRun(const SourceRun&) = delete;
  SourceRun& operator=(const SourceRun&) = delete;

  const accounts::DiscoveryResult& discovery() const { return found_; }
  std::span<const AccountSession> accounts() const { return found_.accounts; }
  // Accounts discovery could not enter: a kind's scopes there count as failed.
  std::span<const accounts::DiscoveryFailure> inaccessible() const { return found_.failures; }

  static constexpr std::size_t kMaxScopesInFlight = 256;

  // ResyncKind over this run's accounts with this run's region cache and scope slots (unless
  // options bring their own).
  boost::asio::awaitable<KindResyncResult> StreamKind(const KindSpec& kind,
                                                      const KindResyncOptions& options,
                                                      EmitFn emit);

 private:
  aws::AwsClient& client_;
  accounts::DiscoveryResult found_;
  regions::RegionResolver regions_;
  IdentityIndex* identities_;
  core::AsyncSemaphore scope_slots_{kMaxScopesInFlight};
};

class Source {
 public:
  // `client` serves every call; `sts` the role assumptions; `transport` the default credential
  // chain's metadata calls (as AccountDiscovery).
  Source(aws::AwsClient& client, aws::StsApiPtr sts, net::HttpTransportPtr transport);

  boost::asio::awaitable<core::Result<std::unique_ptr<SourceRun>>> Discover(
      const IntegrationConfig& config);

  // The resource `id` of `kind` in `account` and `region`, with its default actions and the
  // optional ones named in `include_actions` (unknown names are ignored). nullopt when it does
  // not exist (or enrichment left nothing); get_one's errors as they are (NotFound,
  // PermissionDenied, ...). Failed actions are counted in *enrichment_errors when given.
  // `kind.get_one` must be set.
  boost::asio::awaitable<core::Result<std::optional<json::value>>> FetchOne(
      const KindSpec& kind, const AccountSession& account, const std::string& region,
      std::string_view id, std::span<const std::string> include_actions,
      long* enrichment_errors = nullptr);

  // What the runs and fetches remembered for live deletes (thread-safe).
  IdentityIndex& identities() { return identities_; }
  // false: runs remember nothing (a one-shot resync that no live event follows; the index
  // would only grow with every listed resource of the deleteIdentity kinds, ~25,000 entries
  // at 1,000 accounts x 17 regions; issue 13.4). Fetches still remember.
  void set_remember_listed(bool remember) { remember_listed_ = remember; }

 private:
  aws::AwsClient& client_;
  aws::StsApiPtr sts_;
  net::HttpTransportPtr transport_;
  IdentityIndex identities_;
  bool remember_listed_ = true;
};

}  // namespace catalog
