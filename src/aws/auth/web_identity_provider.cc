#include "aws/auth/web_identity_provider.h"

#include <fstream>
#include <sstream>

#include "aws/auth/shared_config.h"

namespace aws {

std::optional<WebIdentityOptions> WebIdentityOptionsFromEnvironment() {
  auto file = GetNonEmptyEnv("AWS_WEB_IDENTITY_TOKEN_FILE");
  auto role = GetNonEmptyEnv("AWS_ROLE_ARN");
  if (!file || !role) return std::nullopt;
  WebIdentityOptions o;
  o.token_file = ExpandHome(*file);
  o.role_arn = *role;
  o.session_name = GetNonEmptyEnv("AWS_ROLE_SESSION_NAME").value_or("");
  return o;
}

core::Result<std::string> ReadWebIdentityToken(const std::string& token_file) {
  std::ifstream in(token_file, std::ios::binary);
  if (!in) return core::Status::NotFound("web identity token file " + token_file + " not readable");
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string token = ss.str();
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) {
    token.pop_back();
  }
  if (token.empty()) {
    return core::Status::InvalidArgument("web identity token file " + token_file + " is empty");
  }
  return token;
}

std::string DefaultSessionName(const core::Clock* clock) {
  if (clock == nullptr) clock = &core::SystemClock::Get();
  return "ocean-aws-" + std::to_string(clock->Now().micros / 1'000'000);
}

CredentialsProviderPtr MakeWebIdentityProvider(StsApiPtr sts, WebIdentityOptions options,
                                               RefreshOptions refresh) {
  std::string description = "web identity role " + options.role_arn;
  if (options.session_name.empty()) options.session_name = DefaultSessionName(refresh.clock);
  using Fetched = boost::asio::awaitable<core::Result<Credentials>>;
  auto fetch = [sts = std::move(sts), options = std::move(options)]() -> Fetched {
    AssumeRoleWithWebIdentityRequest req;
    CORE_CO_ASSIGN_OR_RETURN(req.web_identity_token, ReadWebIdentityToken(options.token_file));
    req.role_arn = options.role_arn;
    req.session_name = options.session_name;
    req.duration_seconds = options.duration_seconds;
    req.region = options.region;
    co_return co_await sts->AssumeRoleWithWebIdentity(req);
  };
  return std::make_shared<RefreshingCredentialsProvider>(std::move(description), std::move(fetch),
                                                         std::move(refresh));
}

}  // namespace aws
