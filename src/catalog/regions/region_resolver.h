// RegionResolver: the regions a resync exports per account, resolved once per account.
//
// Upstream (aws-v3) resolves an account's regions once per account *per kind*, i.e. one
// account:ListRegions call for every kind in every resync. A RegionResolver lives for one resync
// and remembers each account's answer (or its error), so every kind of that resync shares one
// discovery, and concurrent callers for the same account await the same in-flight call
// (single-flight) instead of starting their own.
//
//   EnabledRegions(session)  DiscoverEnabledRegions, cached per account
//   AllowedRegions(session, policy, supported)
//                            enabled ∩ regionPolicy ∩ the kind's supported list
//
// Failures are cached too: within one resync every kind sees the same outcome for an account.
// Create a new resolver for the next resync to pick up newly enabled regions.
//
// Thread-safety: not thread-safe. Use one resolver from coroutines on one io_context (the
// AwsClient's); any number of those coroutines may await it concurrently. The client must
// outlive the resolver; the resolver and each call's arguments must outlive the call.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "aws/client.h"
#include "catalog/account.h"
#include "catalog/regions/enabled_regions.h"
#include "catalog/regions/region_policy.h"
#include "core/result.h"

namespace catalog::regions {

class RegionResolver final {
 public:
  explicit RegionResolver(aws::AwsClient& client) : client_(client) {}
  RegionResolver(const RegionResolver&) = delete;
  RegionResolver& operator=(const RegionResolver&) = delete;

  // The account's enabled regions (sorted, unique), discovered on the first call for the account
  // and shared by every later or concurrent call.
  boost::asio::awaitable<core::Result<std::vector<std::string>>> EnabledRegions(
      const AccountSession& session);

  // Same, with where the list came from (for logs and the scope summary).
  boost::asio::awaitable<core::Result<EnabledRegionList>> Discover(const AccountSession& session);

  // The enabled regions that `policy` allows and that are in `supported` (empty: no restriction
  // by kind). An empty answer is not an error; the caller skips the account with a warning.
  boost::asio::awaitable<core::Result<std::vector<std::string>>> AllowedRegions(
      const AccountSession& session, const RegionPolicy& policy,
      std::span<const std::string_view> supported = {});

  // How many discoveries were started (one per distinct account): for tests and metrics.
  int discoveries_started() const { return discoveries_started_; }

 private:
  struct Entry;

  aws::AwsClient& client_;
  std::map<std::string, std::shared_ptr<Entry>, std::less<>> entries_;  // by partition/account
  int discoveries_started_ = 0;
};

}  // namespace catalog::regions
