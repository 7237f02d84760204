#include "aws/auth/default_chain.h"

#include "aws/auth/container_provider.h"
#include "aws/auth/env_provider.h"
#include "aws/auth/imds_provider.h"
#include "aws/auth/web_identity_provider.h"
#include "core/log.h"

namespace aws {
namespace {

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

core::Status NoneFound(const std::vector<std::string>& tried) {
  return core::Status::NotFound("no AWS credentials found; tried: " + Join(tried));
}

}  // namespace

core::Result<CredentialsProviderPtr> DefaultCredentialsChain::Select(
    std::vector<std::string>* tried) const {
  bool explicit_profile = !options_.profile.empty() || GetNonEmptyEnv("AWS_DEFAULT_PROFILE") ||
                          GetNonEmptyEnv("AWS_PROFILE");
  std::string profile_name = ActiveProfileName(options_.profile);
  if (!options_.profile.empty()) {
    tried->push_back("environment variables (skipped: profile chosen explicitly)");
  } else if (EnvironmentCredentialsProvider::IsConfigured()) {
    return CredentialsProviderPtr(std::make_shared<EnvironmentCredentialsProvider>());
  } else {
    tried->push_back("environment variables (AWS_ACCESS_KEY_ID not set)");
  }

  SharedConfigPaths paths = options_.paths.value_or(SharedConfigPaths::FromEnvironment());
  CORE_ASSIGN_OR_RETURN(SharedConfig config, SharedConfig::Load(paths));
  const Profile* profile = config.FindProfile(profile_name);
  if (profile == nullptr && explicit_profile) {
    return core::Status::NotFound("profile '" + profile_name + "' not found in " +
                                  config.source());
  }
  ProfileProviderDeps deps{.sts = options_.sts, .transport = options_.transport,
                           .region = options_.region, .refresh = options_.refresh};
  if (profile != nullptr && ProfileAssumesRole(*profile)) {
    return MakeProfileProvider(config, profile_name, deps);
  }
  if (auto web = WebIdentityOptionsFromEnvironment(); web && options_.profile.empty()) {
    if (!options_.sts) return core::Status::Internal("no STS client for web identity");
    web->region = options_.region;
    return MakeWebIdentityProvider(options_.sts, std::move(*web), options_.refresh);
  }
  tried->push_back("web identity (AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN not both set)");
  if (profile != nullptr) {
    CORE_ASSIGN_OR_RETURN(CredentialsProviderPtr p,
                          MakeProfileProvider(config, profile_name, deps));
    if (p) return p;
    tried->push_back("profile '" + profile_name + "' (no credentials in it)");
  } else {
    tried->push_back("profile '" + profile_name + "' (not in " + config.source() + ")");
  }

  CORE_ASSIGN_OR_RETURN(auto container, ContainerOptionsFromEnvironment());
  if (container) {
    return MakeContainerProvider(options_.transport, std::move(*container), options_.refresh);
  }
  tried->push_back("container endpoint (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI/FULL_URI not set)");

  if (auto imds = ImdsOptionsFromEnvironment()) {
    return MakeImdsProvider(options_.transport, std::move(*imds), options_.refresh);
  }
  tried->push_back("EC2 instance metadata (AWS_EC2_METADATA_DISABLED)");
  return NoneFound(*tried);
}

boost::asio::awaitable<core::Result<Credentials>> DefaultCredentialsChain::Get() {
  if (chosen_ == nullptr) {
    std::vector<std::string> tried;
    auto selected = Select(&tried);
    if (!selected.ok()) co_return selected.status();
    chosen_ = *selected;
    // Instance metadata is chosen only after the 4 other sources were each noted as skipped.
    chosen_is_last_ = tried.size() >= 4;
    tried_ = std::move(tried);
    LOG_DEBUG("credentials: using {}", chosen_->Describe());
  }
  auto creds = co_await chosen_->Get();
  if (!creds.ok() && chosen_is_last_) {
    std::vector<std::string> tried = tried_;
    tried.push_back(creds.status().message());
    co_return core::Status(creds.status().code(),
                           "no AWS credentials found; tried: " + Join(tried));
  }
  co_return creds;
}

std::string DefaultCredentialsChain::Describe() const {
  return chosen_ ? "default chain: " + chosen_->Describe() : "default credential chain";
}

}  // namespace aws
