// The exporter's base identity: the credentials that sign every sts:AssumeRole (into the
// Organizations role and into each member or listed account) and act directly in single-account
// mode. Chosen as upstream's AccountStrategyFactory chooses its provider
// (aws-v3-upstream.md §2.1): the first applicable name of credentialProviderPriority wins.
//
//   AssumeRoleWithWebIdentity  AWS_WEB_IDENTITY_TOKEN_FILE set and a role ARN configured; the
//                              web-identity role is account_role_arn, else account_role_arns[0]
//   StaticCredential           aws_access_key_id and aws_secret_access_key both set
//   AssumeRole                 a role ARN configured; the identity that assumes it is the SDK
//                              default credential chain (env, profile, container, instance role)
//
// An empty priority list means the default order above. Unknown names are skipped with one
// warning per name per process.
//
// Thread-safety: SelectCredentialSource is safe from any thread; providers follow credentials.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "aws/auth/refreshing_provider.h"
#include "aws/auth/sts_api.h"
#include "net/http_transport.h"
#include "catalog/integration_config.h"
#include "core/result.h"

namespace catalog::accounts {

enum class CredentialSource { kWebIdentity, kStatic, kAssumeRole };

std::string_view CredentialSourceName(CredentialSource source);  // upstream's provider names

struct CredentialSourceChoice {
  CredentialSource source = CredentialSource::kAssumeRole;
  // No name applied: upstream logs "No valid provider found; falling back to assuming role".
  bool fallback = false;
  std::vector<std::string> unknown_names;  // ignored entries of the priority list
};

// Tests only: forgets which unknown names were already warned about, so that a test that
// asserts the warning sees it whatever ran before it in the same process.
void ForgetWarnedProviderNamesForTesting();

// `web_identity_token_file`: AWS_WEB_IDENTITY_TOKEN_FILE ("" = unset).
CredentialSourceChoice SelectCredentialSource(const IntegrationConfig& config,
                                              std::string_view web_identity_token_file);

struct BaseIdentityDeps {
  aws::StsApiPtr sts;               // REQUIRES: non-null
  net::HttpTransportPtr transport;  // default chain's container / instance-metadata calls
  aws::RefreshOptions refresh;
};

// Builds the provider for `choice`. Fetches nothing: the first Get() does.
//
// Divergence from upstream (aws-v3-upstream.md §2.3, observation): when nothing applies, upstream
// falls back to its AssumeRoleProvider, whose session without a role ARN raises, so a deployment
// configured with neither keys nor role ARNs (an EC2 instance role, an ECS task role, a profile)
// cannot run in single-account mode at all. We use the SDK default credential chain there, which
// is what upstream's own guide promises ("default credential chain").
core::Result<aws::CredentialsProviderPtr> MakeBaseIdentity(const IntegrationConfig& config,
                                                           const CredentialSourceChoice& choice,
                                                           const std::string& sts_region,
                                                           const BaseIdentityDeps& deps);

}  // namespace catalog::accounts
