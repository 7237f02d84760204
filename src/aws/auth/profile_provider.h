// Profile credentials: what a shared-config profile says about credentials, resolved the way
// botocore resolves it, in this order:
//   1. role_arn (without web_identity_token_file): AssumeRole, with the source identity from
//      source_profile (itself resolved recursively; chains of roles allowed, cycles are an error
//      naming the chain, a profile may name itself when it also holds static keys) or from
//      credential_source = Environment | Ec2InstanceMetadata | EcsContainer. role_session_name,
//      external_id and duration_seconds are passed to STS.
//   2. web_identity_token_file + role_arn: AssumeRoleWithWebIdentity.
//   3. aws_access_key_id / aws_secret_access_key [/ aws_session_token] in the credentials file,
//   4. credential_process,
//   5. the same static keys in the config file.
// SSO (sso_session, sso_start_url) and mfa_serial need interactive flows and are rejected with a
// message saying so.
//
// Thread-safety: building is a pure function of the config; see credentials.h for providers.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "aws/auth/refreshing_provider.h"
#include "aws/auth/shared_config.h"
#include "aws/auth/sts_api.h"
#include "aws/net_names.h"

namespace aws {

struct ProfileProviderDeps {
  StsApiPtr sts;                    // for role_arn and web identity
  HttpTransportPtr transport;       // for credential_source Ec2InstanceMetadata / EcsContainer
  std::string region;               // STS region; "" = the profile's `region`
  RefreshOptions refresh;
  std::chrono::milliseconds process_timeout{60'000};
};

// The provider of profile `name`. nullptr when the profile exists but configures no credentials;
// NotFound when no file has it; InvalidArgument when its settings are inconsistent.
core::Result<CredentialsProviderPtr> MakeProfileProvider(const SharedConfig& config,
                                                         std::string_view name,
                                                         const ProfileProviderDeps& deps);

// True when the profile assumes a role (role_arn without web_identity_token_file).
bool ProfileAssumesRole(const Profile& profile);

}  // namespace aws
