// DefaultCredentialsChain: the SDKs' default credential resolution, in botocore's order:
//   1. environment variables (skipped when a profile is chosen explicitly, as botocore does)
//   2. the profile's role_arn (AssumeRole via source_profile / credential_source)
//   3. web identity from the environment (AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN), or the
//      profile's web_identity_token_file
//   4. the profile's static keys (credentials file), credential_process, static keys (config)
//   5. ECS / EKS container endpoint (AWS_CONTAINER_CREDENTIALS_*)
//   6. EC2 instance metadata (unless AWS_EC2_METADATA_DISABLED)
// Steps 1-5 apply when their settings are present and involve no I/O beyond reading the shared
// config files; the first that applies is chosen and kept (a misconfigured source is an error, it
// does not fall through to the next, as in botocore). Step 6 is tried last. When nothing yields
// credentials, the error lists each source and why it did not apply, never a secret.
//
// The profile is DefaultChainOptions::profile, else AWS_DEFAULT_PROFILE / AWS_PROFILE, else
// "default"; naming a profile that does not exist is an error.
//
// Thread-safety: see credentials.h. The choice happens on the first Get(), synchronously, so
// concurrent first callers share one provider (and its single-flight refresh).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "aws/auth/profile_provider.h"

namespace aws {

struct DefaultChainOptions {
  std::string profile;              // explicit profile; "" = from the environment
  StsApiPtr sts;
  HttpTransportPtr transport;       // container and instance metadata calls
  std::string region;               // STS region for profile roles; "" = the profile's region
  RefreshOptions refresh;
  std::optional<SharedConfigPaths> paths;  // nullopt = SharedConfigPaths::FromEnvironment()
};

class DefaultCredentialsChain final : public CredentialsProvider {
 public:
  explicit DefaultCredentialsChain(DefaultChainOptions options) : options_(std::move(options)) {}

  // Implements CredentialsProvider.
  boost::asio::awaitable<core::Result<Credentials>> Get() override;
  std::string Describe() const override;

  // Chooses the provider without fetching (what the first Get() does). `tried` receives one
  // line per source that did not apply.
  core::Result<CredentialsProviderPtr> Select(std::vector<std::string>* tried) const;

 private:
  DefaultChainOptions options_;
  CredentialsProviderPtr chosen_;
  bool chosen_is_last_ = false;      // instance metadata: its failure lists the others
  std::vector<std::string> tried_;
};

}  // namespace aws
