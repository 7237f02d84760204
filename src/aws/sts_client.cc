#include "aws/sts_client.h"

namespace aws {

using core::Result;
using core::Status;

Result<Credentials> CredentialsFromStsResponse(const json::value& response) {
  const json::object* root = response.if_object();
  const json::object* c = root ? core::FindObject(*root, "Credentials") : nullptr;
  if (!c) return Status::ParseError("STS response has no Credentials");
  Credentials out;
  out.access_key_id = core::FindString(*c, "AccessKeyId");
  out.secret_access_key = core::FindString(*c, "SecretAccessKey");
  out.session_token = core::FindString(*c, "SessionToken");
  if (out.access_key_id.empty() || out.secret_access_key.empty()) {
    return Status::ParseError("STS response lacks AccessKeyId or SecretAccessKey");
  }
  std::string_view exp = core::FindString(*c, "Expiration");
  if (!exp.empty()) {
    Result<core::Timestamp> t = core::ParseIso8601(exp);
    if (!t.ok()) return t.status().WithContext("STS Expiration");
    out.expiration = *t;
  }
  // arn:aws:sts::<account>:assumed-role/<role>/<session>
  if (const json::object* user = core::FindObject(*root, "AssumedRoleUser")) {
    std::string_view arn = core::FindString(*user, "Arn");
    size_t a = arn.find("::");
    if (a != std::string_view::npos) {
      size_t b = arn.find(':', a + 2);
      if (b != std::string_view::npos) out.account_id = arn.substr(a + 2, b - a - 2);
    }
  }
  return out;
}

boost::asio::awaitable<Result<Credentials>> EngineStsApi::AssumeRole(
    const AssumeRoleRequest& request) {
  json::object params;
  params["RoleArn"] = request.role_arn;
  params["RoleSessionName"] = request.session_name;
  if (!request.external_id.empty()) params["ExternalId"] = request.external_id;
  if (request.duration_seconds) params["DurationSeconds"] = *request.duration_seconds;
  CallTarget target{request.source,
                    request.region.empty() ? default_region_ : request.region, ""};
  Result<json::value> r = co_await client_.Call(target, "sts", "AssumeRole", std::move(params));
  if (!r.ok()) co_return r.status().WithContext("assuming " + request.role_arn);
  co_return CredentialsFromStsResponse(*r);
}

boost::asio::awaitable<Result<Credentials>> EngineStsApi::AssumeRoleWithWebIdentity(
    const AssumeRoleWithWebIdentityRequest& request) {
  json::object params;
  params["RoleArn"] = request.role_arn;
  params["RoleSessionName"] = request.session_name;
  params["WebIdentityToken"] = request.web_identity_token;
  if (request.duration_seconds) params["DurationSeconds"] = *request.duration_seconds;
  // No credentials provider: the call is unsigned; the token proves the identity.
  CallTarget target{nullptr, request.region.empty() ? default_region_ : request.region, ""};
  Result<json::value> r =
      co_await client_.Call(target, "sts", "AssumeRoleWithWebIdentity", std::move(params));
  if (!r.ok()) co_return r.status().WithContext("assuming " + request.role_arn + " (web identity)");
  co_return CredentialsFromStsResponse(*r);
}

}  // namespace aws
