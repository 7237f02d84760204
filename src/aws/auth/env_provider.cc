#include "aws/auth/env_provider.h"

#include "aws/auth/shared_config.h"

namespace aws {

bool EnvironmentCredentialsProvider::IsConfigured() {
  return GetNonEmptyEnv("AWS_ACCESS_KEY_ID").has_value();
}

core::Result<Credentials> EnvironmentCredentialsProvider::Read() {
  Credentials c;
  auto key = GetNonEmptyEnv("AWS_ACCESS_KEY_ID");
  if (!key) return core::Status::NotFound("environment: AWS_ACCESS_KEY_ID is not set");
  auto secret = GetNonEmptyEnv("AWS_SECRET_ACCESS_KEY");
  if (!secret) {
    return core::Status::InvalidArgument(
        "environment: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
  }
  c.access_key_id = std::move(*key);
  c.secret_access_key = std::move(*secret);
  // botocore's order: AWS_SECURITY_TOKEN, then AWS_SESSION_TOKEN.
  if (auto t = GetNonEmptyEnv("AWS_SECURITY_TOKEN")) {
    c.session_token = std::move(*t);
  } else if (auto s = GetNonEmptyEnv("AWS_SESSION_TOKEN")) {
    c.session_token = std::move(*s);
  }
  if (auto exp = GetNonEmptyEnv("AWS_CREDENTIAL_EXPIRATION")) {
    auto t = core::ParseIso8601(*exp);
    if (!t.ok()) {
      return core::Status::InvalidArgument(
          "environment: AWS_CREDENTIAL_EXPIRATION is not an ISO-8601 time");
    }
    c.expiration = *t;
  }
  c.account_id = GetNonEmptyEnv("AWS_ACCOUNT_ID").value_or("");
  return c;
}

}  // namespace aws
