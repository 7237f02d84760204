// AccountDiscovery: the accounts a resync exports from, each with credentials that act in it,
// reproducing upstream's AccountStrategyFactory and strategies (aws-v3-upstream.md §2):
//
//   base identity  <- credentialProviderPriority (credential_source.h)
//   strategy       <- accountRoleArn set          -> Organizations
//                     else accountRoleArns given  -> multi-account
//                     else                        -> single account (sts:GetCallerIdentity)
//
// Multi-account: each ARN is assumed by the base identity (session "OceanRoleSession",
// externalId); the account id comes from the ARN. A failing ARN is a warning and a recorded
// failure; discovery fails only when none succeeds.
//
// Organizations: accountRoleArn (an iam ARN in aws, aws-cn or aws-us-gov) is assumed by the base
// identity ("OceanOrgAssumeRoleSession") and lists the ACTIVE accounts (organization_accounts.h).
// The base identity then assumes arn:<partition>:iam::<member>:<accountRoleArn's resource> in
// each member ("OceanMemberAssumeRoleSession"). AccessDenied or AWSOrganizationsNotInUse while
// listing -> single-account mode with the Organizations role's session (one warning).
//
// All assumptions run concurrently, at most DiscoveryOptions::max_concurrent_assumptions at once
// (upstream assumes one after another). STS and Organizations are called in the partition's
// control-plane region (arn.h). A role ARN whose session discovery already holds (the
// web-identity role, or the Organizations role listed again as a member) reuses that session
// instead of assuming the role from itself, which AWS would refuse unless the role trusts itself.
//
// Nothing here logs or returns a secret: errors carry ARNs, account ids and AWS error codes.
//
// Thread-safety: one Discover() at a time per object, on the AwsClient's io_context.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <string>
#include <vector>

#include "aws/client.h"
#include "catalog/account.h"
#include "catalog/accounts/credential_source.h"
#include "catalog/integration_config.h"

namespace catalog::accounts {

struct DiscoveryOptions {
  std::size_t max_concurrent_assumptions = 16;  // STS calls in flight; 0 = unbounded
  aws::RefreshOptions refresh;                  // for every provider discovery creates
  // When set, used as the base identity instead of the one credentialProviderPriority selects.
  aws::CredentialsProviderPtr base_identity;
};

enum class DiscoveryMode {
  kSingleAccount,
  kMultiAccount,
  kOrganizations,
  kOrganizationsFallback,  // Organizations unavailable: the Organizations role's account only
};

std::string_view DiscoveryModeName(DiscoveryMode mode);

// An account (or role) whose credentials could not be obtained: its scopes are reported as
// failed, never as complete.
struct DiscoveryFailure {
  std::string account_id;  // "" when the ARN does not parse
  std::string role_arn;
  core::Status status;
};

struct DiscoveryResult {
  std::vector<AccountSession> accounts;  // never empty
  std::vector<DiscoveryFailure> failures;
  DiscoveryMode mode = DiscoveryMode::kSingleAccount;
  CredentialSourceChoice credential_source;
  std::string partition;
};

class AccountDiscovery {
 public:
  // `client` serves GetCallerIdentity and Organizations; `sts` every role assumption (usually an
  // aws::EngineStsApi over the same client); `transport` the default chain's metadata calls.
  AccountDiscovery(aws::AwsClient& client, aws::StsApiPtr sts, net::HttpTransportPtr transport,
                   DiscoveryOptions options = {});

  boost::asio::awaitable<core::Result<DiscoveryResult>> Discover(const IntegrationConfig& config);

 private:
  struct Run;  // one Discover()'s state (account_discovery.cc)

  boost::asio::awaitable<core::Status> SingleAccount(Run& run);
  boost::asio::awaitable<core::Status> MultiAccount(Run& run);
  boost::asio::awaitable<core::Status> Organizations(Run& run);

  aws::AwsClient& client_;
  aws::StsApiPtr sts_;
  net::HttpTransportPtr transport_;
  DiscoveryOptions options_;
};

}  // namespace catalog::accounts
