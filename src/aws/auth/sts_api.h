// StsApi: the two STS calls the credential providers need, as an interface so that the providers
// do not depend on the AWS engine (which implements it with the query protocol and SigV4) and can
// be tested with a fake (tests/fakes/fake_sts.h).
//
// Contract: each call returns the temporary credentials of the response (with Expiration and,
// when the response tells it, the account id), or an error Status carrying STS's error code
// (AccessDenied, ExpiredTokenException, ...) and request id. Requests and Statuses never carry the
// web identity token or any key in their messages.
//
// Thread-safety: implementations are used from the engine's event-loop thread.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <memory>
#include <optional>
#include <string>

#include "aws/auth/credentials.h"
#include "core/result.h"

namespace aws {

struct AssumeRoleRequest {
  std::string role_arn;
  std::string session_name;
  std::string external_id;                // "" = none
  std::optional<int> duration_seconds;    // none = STS's default (3600)
  std::string region;                     // STS region to call; "" = the engine's default
  CredentialsProviderPtr source;          // signs the AssumeRole call. REQUIRES: non-null
};

struct AssumeRoleWithWebIdentityRequest {
  std::string role_arn;
  std::string session_name;
  std::string web_identity_token;         // SECRET: never log
  std::optional<int> duration_seconds;
  std::string region;
};

class StsApi {
 public:
  virtual ~StsApi() = default;
  virtual boost::asio::awaitable<core::Result<Credentials>> AssumeRole(
      const AssumeRoleRequest& request) = 0;
  // Unsigned call: the token is the proof of identity.
  virtual boost::asio::awaitable<core::Result<Credentials>> AssumeRoleWithWebIdentity(
      const AssumeRoleWithWebIdentityRequest& request) = 0;
};

using StsApiPtr = std::shared_ptr<StsApi>;

}  // namespace aws
