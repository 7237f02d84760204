#include "aws/auth/profile_provider.h"

#include <charconv>
#include <vector>

#include "aws/auth/assume_role_provider.h"
#include "aws/auth/container_provider.h"
#include "aws/auth/env_provider.h"
#include "aws/auth/imds_provider.h"
#include "aws/auth/process_provider.h"
#include "aws/auth/web_identity_provider.h"

namespace aws {
namespace {

using Ptr = CredentialsProviderPtr;

std::string Quoted(std::string_view name) { return "profile '" + std::string(name) + "'"; }

std::string Value(const Profile& p, std::string_view key) {
  const std::string* v = p.Find(key);
  return v ? *v : std::string();
}

// Static keys from one origin (the credentials or the config file), or nullptr.
core::Result<Ptr> StaticKeys(const Profile& p, const ConfigSection& section,
                             std::string_view file) {
  const std::string* key = section.Find("aws_access_key_id");
  if (key == nullptr || key->empty()) return Ptr();
  const std::string* secret = section.Find("aws_secret_access_key");
  if (secret == nullptr || secret->empty()) {
    return core::Status::InvalidArgument(Quoted(p.name) +
                                         ": aws_access_key_id without aws_secret_access_key");
  }
  Credentials c;
  c.access_key_id = *key;
  c.secret_access_key = *secret;
  if (const std::string* t = section.Find("aws_session_token")) {
    c.session_token = *t;
  } else if (const std::string* legacy = section.Find("aws_security_token")) {
    c.session_token = *legacy;
  }
  if (const std::string* a = section.Find("aws_account_id")) c.account_id = *a;
  return Ptr(std::make_shared<StaticCredentialsProvider>(
      std::move(c), Quoted(p.name) + " (static keys in the " + std::string(file) + " file)"));
}

core::Result<Ptr> AnyStaticKeys(const Profile& p) {
  CORE_ASSIGN_OR_RETURN(Ptr creds, StaticKeys(p, p.credentials, "credentials"));
  if (creds) return creds;
  return StaticKeys(p, p.config, "config");
}

class Resolver {
 public:
  Resolver(const SharedConfig& config, const ProfileProviderDeps& deps)
      : config_(config), deps_(deps) {}

  core::Result<Ptr> Resolve(std::string_view name) {
    const Profile* p = config_.FindProfile(name);
    if (p == nullptr) {
      std::string where =
          visited_.empty() ? "" : " (source_profile of " + Quoted(visited_.back()) + ")";
      return core::Status::NotFound(Quoted(name) + where + " not found in " + config_.source());
    }
    visited_.emplace_back(name);
    if (ProfileAssumesRole(*p)) return AssumeRole(*p);
    if (p->Find("web_identity_token_file")) return WebIdentity(*p);
    if (p->Find("sso_session") || p->Find("sso_start_url")) {
      return core::Status::InvalidArgument(
          Quoted(p->name) + " uses IAM Identity Center (SSO), which ocean-aws does not support; "
          "use credential_process = aws configure export-credentials --profile <name>");
    }
    CORE_ASSIGN_OR_RETURN(Ptr creds, StaticKeys(*p, p->credentials, "credentials"));
    if (creds) return creds;
    if (std::string cmd = Value(*p, "credential_process"); !cmd.empty()) {
      return MakeProcessCredentialsProvider(
          {.command = cmd, .profile = p->name, .timeout = deps_.process_timeout}, deps_.refresh);
    }
    return StaticKeys(*p, p->config, "config");
  }

 private:
  std::string Region(const Profile& p) const {
    return deps_.region.empty() ? Value(p, "region") : deps_.region;
  }

  core::Result<Ptr> WebIdentity(const Profile& p) {
    WebIdentityOptions o;
    o.token_file = ExpandHome(Value(p, "web_identity_token_file"));
    o.role_arn = Value(p, "role_arn");
    if (o.role_arn.empty()) {
      return core::Status::InvalidArgument(Quoted(p.name) +
                                           ": web_identity_token_file needs role_arn");
    }
    o.session_name = Value(p, "role_session_name");
    o.region = Region(p);
    if (!deps_.sts) return core::Status::Internal("no STS client for web identity");
    return MakeWebIdentityProvider(deps_.sts, std::move(o), deps_.refresh);
  }

  core::Result<Ptr> CredentialSource(const Profile& p, const std::string& source) {
    if (source == "Environment") return Ptr(std::make_shared<EnvironmentCredentialsProvider>());
    if (source == "Ec2InstanceMetadata") {
      auto o = ImdsOptionsFromEnvironment();
      if (!o) return core::Status::InvalidArgument(Quoted(p.name) +
                                                   ": credential_source Ec2InstanceMetadata but "
                                                   "AWS_EC2_METADATA_DISABLED is set");
      return MakeImdsProvider(deps_.transport, std::move(*o), deps_.refresh);
    }
    if (source == "EcsContainer") {
      CORE_ASSIGN_OR_RETURN(auto o, ContainerOptionsFromEnvironment());
      if (!o) return core::Status::InvalidArgument(
          Quoted(p.name) + ": credential_source EcsContainer but no "
          "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or AWS_CONTAINER_CREDENTIALS_FULL_URI is set");
      return MakeContainerProvider(deps_.transport, std::move(*o), deps_.refresh);
    }
    return core::Status::InvalidArgument(
        Quoted(p.name) + ": unknown credential_source '" + source +
        "' (expected Environment, Ec2InstanceMetadata or EcsContainer)");
  }

  core::Result<Ptr> SourceProfile(const Profile& p, const std::string& source) {
    bool seen = false;
    for (const auto& v : visited_) seen = seen || v == source;
    if (seen) {
      if (source == p.name) {  // "source_profile = self" with keys: use those keys
        CORE_ASSIGN_OR_RETURN(Ptr keys, AnyStaticKeys(p));
        if (keys) return keys;
      }
      std::string chain;
      for (const auto& v : visited_) chain += v + " -> ";
      return core::Status::InvalidArgument("source_profile cycle: " + chain + source);
    }
    CORE_ASSIGN_OR_RETURN(Ptr creds, Resolve(source));
    if (!creds) {
      return core::Status::InvalidArgument("source_profile " + Quoted(source) + " of " +
                                           Quoted(p.name) + " has no credentials");
    }
    return creds;
  }

  core::Result<Ptr> AssumeRole(const Profile& p) {
    std::string source_profile = Value(p, "source_profile");
    std::string credential_source = Value(p, "credential_source");
    if (!source_profile.empty() && !credential_source.empty()) {
      return core::Status::InvalidArgument(
          Quoted(p.name) + ": source_profile and credential_source are mutually exclusive");
    }
    if (p.Find("mfa_serial")) {
      return core::Status::InvalidArgument(
          Quoted(p.name) +
          ": mfa_serial needs an interactive MFA code, which ocean-aws cannot ask");
    }
    AssumeRoleOptions o;
    o.role_arn = Value(p, "role_arn");
    o.session_name = Value(p, "role_session_name");
    o.external_id = Value(p, "external_id");
    o.region = Region(p);
    if (std::string d = Value(p, "duration_seconds"); !d.empty()) {
      int secs = 0;
      auto [end, ec] = std::from_chars(d.data(), d.data() + d.size(), secs);
      if (ec != std::errc() || end != d.data() + d.size() || secs <= 0) {
        return core::Status::InvalidArgument(Quoted(p.name) + ": duration_seconds is not a number");
      }
      o.duration_seconds = secs;
    }
    if (!source_profile.empty()) {
      CORE_ASSIGN_OR_RETURN(o.source, SourceProfile(p, source_profile));
    } else if (!credential_source.empty()) {
      CORE_ASSIGN_OR_RETURN(o.source, CredentialSource(p, credential_source));
    } else {
      return core::Status::InvalidArgument(
          Quoted(p.name) + ": role_arn needs source_profile or credential_source");
    }
    if (!deps_.sts) return core::Status::Internal("no STS client for AssumeRole");
    return MakeAssumeRoleProvider(deps_.sts, std::move(o), deps_.refresh);
  }

  const SharedConfig& config_;
  const ProfileProviderDeps& deps_;
  std::vector<std::string> visited_;
};

}  // namespace

bool ProfileAssumesRole(const Profile& profile) {
  return profile.Find("role_arn") != nullptr && profile.Find("web_identity_token_file") == nullptr;
}

core::Result<CredentialsProviderPtr> MakeProfileProvider(const SharedConfig& config,
                                                         std::string_view name,
                                                         const ProfileProviderDeps& deps) {
  return Resolver(config, deps).Resolve(name);
}

}  // namespace aws
