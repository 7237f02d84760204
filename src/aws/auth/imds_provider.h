// EC2 instance metadata (IMDS) credentials: the instance profile's role.
//
//   1. PUT  /latest/api/token  (X-aws-ec2-metadata-token-ttl-seconds: 21600)      IMDSv2 token
//   2. GET  /latest/meta-data/iam/security-credentials/          -> the role name
//   3. GET  /latest/meta-data/iam/security-credentials/<role>    -> the credential document
// Steps 2-3 send X-aws-ec2-metadata-token when step 1 gave one. Step 1 answering 403/404/405, or
// timing out (a container behind a hop limit of 1 never sees the answer), falls back to IMDSv1
// (no token), as botocore does, unless v1 is disabled. A refused connection ends at once: this is
// not an EC2 instance. Timeouts are short (1 s, 1 attempt by default) so a laptop fails fast.
//
// Environment: AWS_EC2_METADATA_DISABLED=true (provider off), AWS_EC2_METADATA_SERVICE_ENDPOINT,
// AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE (IPv4 | IPv6), AWS_METADATA_SERVICE_TIMEOUT (seconds),
// AWS_METADATA_SERVICE_NUM_ATTEMPTS, AWS_EC2_METADATA_V1_DISABLED=true.
//
// Thread-safety: see credentials.h.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "aws/auth/refreshing_provider.h"
#include "aws/net_names.h"

namespace aws {

struct ImdsOptions {
  std::string endpoint = "http://169.254.169.254";  // no trailing slash
  std::chrono::milliseconds timeout{1'000};
  int attempts = 1;
  bool v1_disabled = false;
  int token_ttl_seconds = 21'600;
};

// nullopt when AWS_EC2_METADATA_DISABLED is "true" (any case).
std::optional<ImdsOptions> ImdsOptionsFromEnvironment();

CredentialsProviderPtr MakeImdsProvider(HttpTransportPtr transport, ImdsOptions options,
                                        RefreshOptions refresh = {});

}  // namespace aws
