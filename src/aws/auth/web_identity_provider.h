// Web identity: AssumeRoleWithWebIdentity with an OIDC token read from a file (EKS IRSA, GitHub
// Actions, ...). Configured by AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN (+ AWS_ROLE_SESSION_NAME)
// or by a profile's web_identity_token_file + role_arn (+ role_session_name).
//
// The token file is re-read on every refresh: the platform rotates it. An empty or unreadable
// file is an error naming the file (never its contents).
//
// Thread-safety: see credentials.h.
#pragma once

#include <optional>
#include <string>

#include "aws/auth/refreshing_provider.h"
#include "aws/auth/sts_api.h"

namespace aws {

struct WebIdentityOptions {
  std::string token_file;
  std::string role_arn;
  std::string session_name;             // "" = generated ("ocean-aws-<epoch seconds>")
  std::optional<int> duration_seconds;
  std::string region;                   // STS region
};

// From AWS_WEB_IDENTITY_TOKEN_FILE / AWS_ROLE_ARN / AWS_ROLE_SESSION_NAME; nullopt unless both
// the token file and the role ARN are set.
std::optional<WebIdentityOptions> WebIdentityOptionsFromEnvironment();

// Reads the token file once (what each refresh does).
core::Result<std::string> ReadWebIdentityToken(const std::string& token_file);

CredentialsProviderPtr MakeWebIdentityProvider(StsApiPtr sts, WebIdentityOptions options,
                                               RefreshOptions refresh = {});

// "ocean-aws-<epoch seconds>", like botocore's "botocore-session-<epoch seconds>".
std::string DefaultSessionName(const core::Clock* clock = nullptr);

}  // namespace aws
