// AssumeRole: temporary credentials of a role, obtained from STS with a source identity's
// credentials (a profile's source_profile/credential_source, or the exporter's base identity for
// member accounts), refreshed before they expire.
//
// Describe() is "role <arn> (via <source's Describe()>)". The ExternalId is not shown.
//
// Thread-safety: see credentials.h.
#pragma once

#include <optional>
#include <string>

#include "aws/auth/refreshing_provider.h"
#include "aws/auth/sts_api.h"

namespace aws {

struct AssumeRoleOptions {
  std::string role_arn;
  std::string session_name;             // "" = generated ("ocean-aws-<epoch seconds>")
  std::string external_id;
  std::optional<int> duration_seconds;
  std::string region;                   // STS region; "" = engine default
  CredentialsProviderPtr source;        // REQUIRES: non-null
};

CredentialsProviderPtr MakeAssumeRoleProvider(StsApiPtr sts, AssumeRoleOptions options,
                                              RefreshOptions refresh = {});

}  // namespace aws
