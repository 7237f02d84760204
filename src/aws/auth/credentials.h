// AWS credentials and the providers that resolve them (the SDKs' default chain, AssumeRole,
// web identity, ECS container and EC2 instance metadata).
//
// Security: Credentials never appear in logs, errors or output. Describe() names the *source*
// ("environment", "profile 'dev'", "assumed role arn:aws:iam::...") and never a key.
//
// Thread-safety: providers are used from the engine's event-loop thread only; Get() may be
// awaited by many coroutines at once and must then refresh at most once.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <memory>
#include <optional>
#include <string>

#include "core/result.h"
#include "core/timestamp.h"

namespace aws {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;                 // empty for long-term keys
  std::optional<core::Timestamp> expiration;  // none: never expires
  std::string account_id;                    // when the source tells it (STS, SSO), else ""
};

class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  // Returns valid credentials, refreshing them when they expire within the refresh window.
  virtual boost::asio::awaitable<core::Result<Credentials>> Get() = 0;
  // Where the credentials come from, for logs and errors. Never contains secrets.
  virtual std::string Describe() const = 0;
};

using CredentialsProviderPtr = std::shared_ptr<CredentialsProvider>;

// Always returns the same credentials.
class StaticCredentialsProvider final : public CredentialsProvider {
 public:
  StaticCredentialsProvider(Credentials c, std::string source)
      : creds_(std::move(c)), source_(std::move(source)) {}
  boost::asio::awaitable<core::Result<Credentials>> Get() override { co_return creds_; }
  std::string Describe() const override { return source_; }

 private:
  Credentials creds_;
  std::string source_;
};

}  // namespace aws
