#include "aws/auth/assume_role_provider.h"

#include "aws/auth/web_identity_provider.h"

namespace aws {

CredentialsProviderPtr MakeAssumeRoleProvider(StsApiPtr sts, AssumeRoleOptions options,
                                              RefreshOptions refresh) {
  std::string description = "role " + options.role_arn + " (via " +
                            (options.source ? options.source->Describe() : "nothing") + ")";
  if (options.session_name.empty()) options.session_name = DefaultSessionName(refresh.clock);
  using Fetched = boost::asio::awaitable<core::Result<Credentials>>;
  auto fetch = [sts = std::move(sts), options = std::move(options)]() -> Fetched {
    if (options.source == nullptr) {
      co_return core::Status::Internal("AssumeRole without source credentials");
    }
    AssumeRoleRequest req;
    req.role_arn = options.role_arn;
    req.session_name = options.session_name;
    req.external_id = options.external_id;
    req.duration_seconds = options.duration_seconds;
    req.region = options.region;
    req.source = options.source;
    co_return co_await sts->AssumeRole(req);
  };
  return std::make_shared<RefreshingCredentialsProvider>(std::move(description), std::move(fetch),
                                                         std::move(refresh));
}

}  // namespace aws
