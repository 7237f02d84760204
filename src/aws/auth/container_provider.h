// ECS / EKS Pod Identity container credentials: an HTTP endpoint named by the environment.
//   AWS_CONTAINER_CREDENTIALS_RELATIVE_URI -> http://169.254.170.2<uri>  (takes precedence)
//   AWS_CONTAINER_CREDENTIALS_FULL_URI     -> that URL; plain http only to a loopback address or
//                                             169.254.170.2, 169.254.170.23, fd00:ec2::23,
//                                             localhost
//   AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (re-read on each refresh, wins) or
//   AWS_CONTAINER_AUTHORIZATION_TOKEN      -> the Authorization header
// The endpoint answers {"AccessKeyId", "SecretAccessKey", "Token", "Expiration"[, "AccountId"]}.
//
// Security: Describe() and errors name the endpoint's host, never the path (it is a capability)
// nor the authorization token.
//
// Thread-safety: see credentials.h.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "aws/auth/refreshing_provider.h"
#include "aws/net_names.h"

namespace aws {

struct ContainerOptions {
  std::string url;
  std::string auth_token;         // SECRET
  std::string auth_token_file;    // wins over auth_token
  std::chrono::milliseconds timeout{2'000};
  int attempts = 3;
};

// nullopt when neither URI variable is set; an error when the full URI is not allowed.
core::Result<std::optional<ContainerOptions>> ContainerOptionsFromEnvironment();

// Whether `url` may serve container credentials (https anywhere; http to allowed hosts only).
bool IsAllowedContainerUrl(std::string_view url);

CredentialsProviderPtr MakeContainerProvider(HttpTransportPtr transport, ContainerOptions options,
                                             RefreshOptions refresh = {});

}  // namespace aws
