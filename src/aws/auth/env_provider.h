// EnvironmentCredentialsProvider: credentials from environment variables, as botocore reads them:
//   AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN (or the older AWS_SECURITY_TOKEN,
//   which botocore checks first), AWS_CREDENTIAL_EXPIRATION (ISO-8601), AWS_ACCOUNT_ID.
// The legacy AWS_ACCESS_KEY / AWS_SECRET_KEY names of the Java SDK v1 are NOT accepted: botocore
// and the other current SDKs ignore them, and a drop-in must resolve the same identity as boto3.
//
// The variables are read on every Get(), so a process that rotates them is followed. An access
// key without a secret is an error (botocore's PartialCredentialsError), not "no credentials".
//
// Thread-safety: stateless; safe anywhere (getenv is not synchronized with setenv).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>

#include "aws/auth/credentials.h"

namespace aws {

class EnvironmentCredentialsProvider final : public CredentialsProvider {
 public:
  // True when AWS_ACCESS_KEY_ID is set and non-empty: the provider applies.
  static bool IsConfigured();
  // The synchronous read behind Get().
  static core::Result<Credentials> Read();

  // Implements CredentialsProvider.
  boost::asio::awaitable<core::Result<Credentials>> Get() override { co_return Read(); }
  std::string Describe() const override { return "environment variables"; }
};

}  // namespace aws
