#include "aws/auth/container_provider.h"

#include <fstream>
#include <sstream>

#include "aws/auth/credential_document.h"
#include "aws/auth/shared_config.h"
#include "aws/net_names.h"

namespace aws {
namespace {

std::string HostOf(std::string_view url) {
  auto parsed = ParseUrl(url);
  return parsed.ok() ? parsed->host : std::string("(invalid URL)");
}

core::Result<std::string> AuthToken(const ContainerOptions& o) {
  std::string token = o.auth_token;
  if (!o.auth_token_file.empty()) {
    std::ifstream in(o.auth_token_file, std::ios::binary);
    if (!in) {
      return core::Status::NotFound("container authorization token file " + o.auth_token_file +
                                    " not readable");
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    token = ss.str();
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
  }
  if (token.find_first_of("\r\n") != std::string::npos) {
    return core::Status::InvalidArgument("container authorization token contains a line break");
  }
  return token;
}

}  // namespace

bool IsAllowedContainerUrl(std::string_view url) {
  auto parsed = ParseUrl(url);
  if (!parsed.ok()) return false;
  if (parsed->scheme == "https") return true;
  if (parsed->scheme != "http") return false;
  std::string_view host = parsed->host;
  if (host.size() >= 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  if (host == "169.254.170.2" || host == "169.254.170.23" || host == "fd00:ec2::23" ||
      host == "localhost" || host == "::1") {
    return true;
  }
  return host.substr(0, 4) == "127." &&
         host.find_first_not_of("0123456789.") == std::string_view::npos;
}

core::Result<std::optional<ContainerOptions>> ContainerOptionsFromEnvironment() {
  ContainerOptions o;
  if (auto rel = GetNonEmptyEnv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
    o.url = "http://169.254.170.2" + *rel;
  } else if (auto full = GetNonEmptyEnv("AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
    if (!IsAllowedContainerUrl(*full)) {
      return core::Status::InvalidArgument(
          "AWS_CONTAINER_CREDENTIALS_FULL_URI: host " + HostOf(*full) +
          " is not allowed for http (use https, a loopback address, 169.254.170.2, "
          "169.254.170.23 or fd00:ec2::23)");
    }
    o.url = *full;
  } else {
    return std::optional<ContainerOptions>();
  }
  o.auth_token_file =
      ExpandHome(GetNonEmptyEnv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE").value_or(""));
  o.auth_token = GetNonEmptyEnv("AWS_CONTAINER_AUTHORIZATION_TOKEN").value_or("");
  return std::optional<ContainerOptions>(std::move(o));
}

CredentialsProviderPtr MakeContainerProvider(HttpTransportPtr transport, ContainerOptions options,
                                             RefreshOptions refresh) {
  std::string what = "container credentials endpoint " + HostOf(options.url);
  auto fetch = [transport = std::move(transport), options = std::move(options),
                what]() -> boost::asio::awaitable<core::Result<Credentials>> {
    CORE_CO_ASSIGN_OR_RETURN(std::string token, AuthToken(options));
    HttpRequest req;
    req.method = "GET";
    req.url = options.url;
    req.timeout = options.timeout;
    req.headers.emplace_back("Accept", "application/json");
    if (!token.empty()) req.headers.emplace_back("Authorization", token);
    core::Status last = core::Status::Unavailable("no attempt made");
    for (int attempt = 0; attempt < std::max(1, options.attempts); ++attempt) {
      auto resp = co_await transport->Send(req);
      if (!resp.ok()) {
        last = resp.status();
        continue;
      }
      if (resp->status == 200) {
        co_return ParseCredentialDocument(resp->body, what, {.require_expiration = true});
      }
      last = core::Status::RemoteError("HTTP " + std::to_string(resp->status))
                 .WithRemote("", resp->status, "");
      if (resp->status < 500) break;  // 4xx: asking again will not help
    }
    co_return last;  // the refreshing provider adds `what`
  };
  return std::make_shared<RefreshingCredentialsProvider>(std::move(what), std::move(fetch),
                                                         std::move(refresh));
}

}  // namespace aws
