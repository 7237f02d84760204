// EngineStsApi: the StsApi the credential providers use, implemented with AwsClient (STS's
// query protocol, regional endpoints, SigV4 with the source credentials).
//
// Thread-safety: as AwsClient (one io_context).
#pragma once

#include "aws/auth/sts_api.h"
#include "aws/client.h"

namespace aws {

class EngineStsApi final : public StsApi {
 public:
  // `default_region` is used when a request names none ("us-east-1" for the aws partition).
  EngineStsApi(AwsClient& client, std::string default_region)
      : client_(client), default_region_(std::move(default_region)) {}

  boost::asio::awaitable<core::Result<Credentials>> AssumeRole(
      const AssumeRoleRequest& request) override;
  boost::asio::awaitable<core::Result<Credentials>> AssumeRoleWithWebIdentity(
      const AssumeRoleWithWebIdentityRequest& request) override;

 private:
  AwsClient& client_;
  std::string default_region_;
};

// Credentials from an STS response's "Credentials" and "AssumedRoleUser" members.
core::Result<Credentials> CredentialsFromStsResponse(const json::value& response);

}  // namespace aws
