#include "aws/auth/imds_provider.h"

#include <cctype>
#include <cstdlib>

#include "aws/auth/credential_document.h"
#include "aws/auth/shared_config.h"

namespace aws {
namespace {

namespace asio = boost::asio;
constexpr std::string_view kCredentialsPath = "/latest/meta-data/iam/security-credentials/";

bool IsTrue(const std::optional<std::string>& v) {
  if (!v) return false;
  std::string s = *v;
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s == "true";
}

// One request with the configured attempts; retries transport failures and 5xx.
asio::awaitable<core::Result<HttpResponse>> Call(HttpTransport& transport, const ImdsOptions& o,
                                                 HttpRequest req) {
  req.timeout = o.timeout;
  core::Result<HttpResponse> last = core::Status::Unavailable("no attempt made");
  for (int attempt = 0; attempt < std::max(1, o.attempts); ++attempt) {
    last = co_await transport.Send(req);
    if (last.ok() && last->status < 500) break;
    if (!last.ok() && last.status().code() != core::StatusCode::kDeadlineExceeded &&
        last.status().code() != core::StatusCode::kUnavailable) {
      break;
    }
  }
  co_return last;
}

core::Status HttpError(std::string_view step, int status) {
  return core::Status::RemoteError(std::string(step) + " answered HTTP " + std::to_string(status))
      .WithRemote("", status, "");
}

// The IMDSv2 token, "" to go on with IMDSv1, or an error.
asio::awaitable<core::Result<std::string>> FetchToken(HttpTransport& t, const ImdsOptions& o) {
  HttpRequest req;
  req.method = "PUT";
  req.url = o.endpoint + "/latest/api/token";
  req.headers.emplace_back("X-aws-ec2-metadata-token-ttl-seconds",
                           std::to_string(o.token_ttl_seconds));
  auto resp = co_await Call(t, o, req);
  bool fallback = false;
  if (!resp.ok()) {
    if (resp.status().code() != core::StatusCode::kDeadlineExceeded) {
      co_return resp.status().WithContext("token request");  // nothing listens: not EC2
    }
    fallback = true;  // e.g. hop limit 1 from a container: the answer never arrives
  } else if (resp->status == 200 && !resp->body.empty()) {
    co_return std::move(resp->body);
  } else if (resp->status == 403 || resp->status == 404 || resp->status == 405) {
    fallback = true;
  } else {
    co_return HttpError("token request", resp->status);
  }
  if (fallback && o.v1_disabled) {
    co_return core::Status::Unavailable(
        "no IMDSv2 token and IMDSv1 is disabled (AWS_EC2_METADATA_V1_DISABLED)");
  }
  co_return std::string();
}

asio::awaitable<core::Result<Credentials>> FetchImds(HttpTransport& t, const ImdsOptions& o) {
  CORE_CO_ASSIGN_OR_RETURN(std::string token, co_await FetchToken(t, o));
  HttpRequest req;
  req.url = o.endpoint + std::string(kCredentialsPath);
  if (!token.empty()) req.headers.emplace_back("X-aws-ec2-metadata-token", token);
  CORE_CO_ASSIGN_OR_RETURN(HttpResponse roles, co_await Call(t, o, req));
  if (roles.status == 404) {
    co_return core::Status::NotFound("no IAM role is attached to this instance");
  }
  if (roles.status != 200) co_return HttpError("role listing", roles.status);
  std::string role = roles.body.substr(0, roles.body.find('\n'));
  while (!role.empty() && std::isspace(static_cast<unsigned char>(role.back()))) role.pop_back();
  if (role.empty()) co_return core::Status::NotFound("no IAM role is attached to this instance");
  req.url += role;
  CORE_CO_ASSIGN_OR_RETURN(HttpResponse creds, co_await Call(t, o, req));
  if (creds.status != 200) co_return HttpError("credentials of role " + role, creds.status);
  co_return ParseCredentialDocument(creds.body, "credentials of instance role " + role,
                                    {.require_expiration = true});
}

}  // namespace

std::optional<ImdsOptions> ImdsOptionsFromEnvironment() {
  if (IsTrue(GetEnv("AWS_EC2_METADATA_DISABLED"))) return std::nullopt;
  ImdsOptions o;
  if (auto ep = GetNonEmptyEnv("AWS_EC2_METADATA_SERVICE_ENDPOINT")) {
    o.endpoint = *ep;
  } else if (auto mode = GetNonEmptyEnv("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE");
             mode && (*mode == "IPv6" || *mode == "ipv6")) {
    o.endpoint = "http://[fd00:ec2::254]";
  }
  while (!o.endpoint.empty() && o.endpoint.back() == '/') o.endpoint.pop_back();
  if (auto t = GetNonEmptyEnv("AWS_METADATA_SERVICE_TIMEOUT")) {
    double s = std::atof(t->c_str());
    if (s > 0) o.timeout = std::chrono::milliseconds(static_cast<int64_t>(s * 1000));
  }
  if (auto n = GetNonEmptyEnv("AWS_METADATA_SERVICE_NUM_ATTEMPTS")) {
    int a = std::atoi(n->c_str());
    if (a > 0) o.attempts = a;
  }
  o.v1_disabled = IsTrue(GetEnv("AWS_EC2_METADATA_V1_DISABLED"));
  return o;
}

CredentialsProviderPtr MakeImdsProvider(HttpTransportPtr transport, ImdsOptions options,
                                        RefreshOptions refresh) {
  std::string what = "EC2 instance metadata (" + options.endpoint + ")";
  auto fetch = [transport = std::move(transport),
                options = std::move(options)]() -> asio::awaitable<core::Result<Credentials>> {
    co_return co_await FetchImds(*transport, options);
  };
  return std::make_shared<RefreshingCredentialsProvider>(std::move(what), std::move(fetch),
                                                         std::move(refresh));
}

}  // namespace aws
