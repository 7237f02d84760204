#include "catalog/accounts/credential_source.h"

#include <cstdlib>
#include <mutex>
#include <set>

#include "aws/auth/default_chain.h"
#include "aws/auth/web_identity_provider.h"
#include "core/log.h"

namespace catalog::accounts {
namespace {

bool HasRoleArn(const IntegrationConfig& c) {
  return !c.account_role_arn.empty() || !c.account_role_arns.empty();
}

// The names already warned about (WarnUnknownOnce), for the life of the process.
struct WarnedProviderNames {
  std::mutex mu;
  std::set<std::string> names;
};

WarnedProviderNames& WarnedNames() {
  static WarnedProviderNames warned;
  return warned;
}

// One warning per unknown name for the life of the process: discovery runs every resync.
void WarnUnknownOnce(const std::string& name) {
  WarnedProviderNames& warned = WarnedNames();
  std::lock_guard<std::mutex> lock(warned.mu);
  if (!warned.names.insert(name).second) return;
  LOG_WARN(
      "credentialProviderPriority: unknown provider '{}' ignored (valid: "
      "AssumeRoleWithWebIdentity, StaticCredential, AssumeRole)",
      name);
}

}  // namespace

void ForgetWarnedProviderNamesForTesting() {
  WarnedProviderNames& warned = WarnedNames();
  std::lock_guard<std::mutex> lock(warned.mu);
  warned.names.clear();
}

std::string_view CredentialSourceName(CredentialSource source) {
  switch (source) {
    case CredentialSource::kWebIdentity:
      return "AssumeRoleWithWebIdentity";
    case CredentialSource::kStatic:
      return "StaticCredential";
    case CredentialSource::kAssumeRole:
      return "AssumeRole";
  }
  return "AssumeRole";
}

CredentialSourceChoice SelectCredentialSource(const IntegrationConfig& config,
                                              std::string_view web_identity_token_file) {
  CredentialSourceChoice choice;
  static const std::vector<std::string> kDefault = {"AssumeRoleWithWebIdentity",
                                                    "StaticCredential", "AssumeRole"};
  const std::vector<std::string>& priority = config.credential_provider_priority.empty()
                                                 ? kDefault
                                                 : config.credential_provider_priority;
  for (const std::string& name : priority) {
    if (name == "AssumeRoleWithWebIdentity") {
      if (!web_identity_token_file.empty() && HasRoleArn(config)) {
        choice.source = CredentialSource::kWebIdentity;
        return choice;
      }
    } else if (name == "StaticCredential") {
      if (!config.aws_access_key_id.empty() && !config.aws_secret_access_key.empty()) {
        choice.source = CredentialSource::kStatic;
        return choice;
      }
    } else if (name == "AssumeRole") {
      if (HasRoleArn(config)) {
        choice.source = CredentialSource::kAssumeRole;
        return choice;
      }
    } else {
      choice.unknown_names.push_back(name);
      WarnUnknownOnce(name);
    }
  }
  choice.source = CredentialSource::kAssumeRole;
  choice.fallback = true;
  return choice;
}

core::Result<aws::CredentialsProviderPtr> MakeBaseIdentity(const IntegrationConfig& config,
                                                           const CredentialSourceChoice& choice,
                                                           const std::string& sts_region,
                                                           const BaseIdentityDeps& deps) {
  if (!deps.sts) return core::Status::Internal("account discovery: no STS client");
  switch (choice.source) {
    case CredentialSource::kWebIdentity: {
      const char* token_file = std::getenv("AWS_WEB_IDENTITY_TOKEN_FILE");
      aws::WebIdentityOptions o;
      o.token_file = token_file ? token_file : "";
      o.role_arn = !config.account_role_arn.empty() ? config.account_role_arn
                   : config.account_role_arns.empty() ? std::string()
                                                      : config.account_role_arns.front();
      if (o.token_file.empty() || o.role_arn.empty()) {
        return core::Status::InvalidArgument(
            "AssumeRoleWithWebIdentity needs AWS_WEB_IDENTITY_TOKEN_FILE and a role ARN");
      }
      o.session_name = "OceanWebIdentitySession";
      o.region = sts_region;
      // Upstream also exports AWS_ROLE_ARN; nothing here reads it, so we leave the environment
      // alone.
      return aws::MakeWebIdentityProvider(deps.sts, std::move(o), deps.refresh);
    }
    case CredentialSource::kStatic: {
      aws::Credentials c;
      c.access_key_id = config.aws_access_key_id;
      c.secret_access_key = config.aws_secret_access_key;
      c.session_token = config.aws_session_token;
      return aws::CredentialsProviderPtr(std::make_shared<aws::StaticCredentialsProvider>(
          std::move(c), "static keys from the integration config"));
    }
    case CredentialSource::kAssumeRole: {
      aws::DefaultChainOptions o;
      o.sts = deps.sts;
      o.transport = deps.transport;
      o.refresh = deps.refresh;
      return aws::CredentialsProviderPtr(std::make_shared<aws::DefaultCredentialsChain>(o));
    }
  }
  return core::Status::Internal("unknown credential source");
}

}  // namespace catalog::accounts
