// FakeSts: an StsApi answering from handler functions and recording requests (tokens included,
// so tests can check what was sent; never print them). Default handlers return credentials
// "ASIA<n>" valid for one hour from `clock`.
//
// Thread-safety: single-threaded tests only.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "aws/auth/sts_api.h"
#include "core/clock.h"

namespace testing_fakes {

class FakeSts final : public aws::StsApi {
 public:
  using AssumeRoleFn = std::function<core::Result<aws::Credentials>(const aws::AssumeRoleRequest&)>;
  using WebIdentityFn =
      std::function<core::Result<aws::Credentials>(const aws::AssumeRoleWithWebIdentityRequest&)>;

  explicit FakeSts(const core::Clock* clock = &core::SystemClock::Get()) : clock_(clock) {}

  AssumeRoleFn on_assume_role;         // empty = the default answer
  WebIdentityFn on_web_identity;

  std::vector<aws::AssumeRoleRequest> assume_role_requests;
  std::vector<aws::AssumeRoleWithWebIdentityRequest> web_identity_requests;
  // The access key id of the source credentials each AssumeRole was signed with.
  std::vector<std::string> source_keys;

  boost::asio::awaitable<core::Result<aws::Credentials>> AssumeRole(
      const aws::AssumeRoleRequest& request) override {
    assume_role_requests.push_back(request);
    if (request.source) {
      auto src = co_await request.source->Get();
      if (!src.ok()) co_return src.status().WithContext("signing AssumeRole");
      source_keys.push_back(src->access_key_id);
    }
    if (on_assume_role) co_return on_assume_role(request);
    co_return Next();
  }

  boost::asio::awaitable<core::Result<aws::Credentials>> AssumeRoleWithWebIdentity(
      const aws::AssumeRoleWithWebIdentityRequest& request) override {
    web_identity_requests.push_back(request);
    if (on_web_identity) co_return on_web_identity(request);
    co_return Next();
  }

  aws::Credentials Next() {
    aws::Credentials c;
    c.access_key_id = "ASIAFAKE" + std::to_string(++issued_);
    c.secret_access_key = "fake-sts-secret-" + std::to_string(issued_);
    c.session_token = "fake-sts-token-" + std::to_string(issued_);
    c.expiration = core::Timestamp{clock_->Now().micros + 3600LL * 1'000'000};
    return c;
  }

 private:
  const core::Clock* clock_;
  int issued_ = 0;
};

}  // namespace testing_fakes
