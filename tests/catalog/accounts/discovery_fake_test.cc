// AccountDiscovery against fakes: a FakeSts (behind a delaying decorator that counts concurrent
// AssumeRole calls) and the loopback server standing in for Organizations. Covers what moto
// cannot show: the concurrency bound, partial failures, web identity, GovCloud regions, the
// Organizations fallback (moto answers ListAccounts without an organization with an empty list
// instead of AWSOrganizationsNotInUseException), and that secrets never reach errors or logs.
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <sstream>

#include "net/curl_transport.h"
#include "catalog/accounts/account_discovery.h"
#include "catalog/accounts/credential_source.h"
#include "fakes/fake_sts.h"
#include "fakes/loopback_http_server.h"
#include "fakes/scoped_env.h"
#include "fakes/temp_dir.h"

namespace catalog::accounts {
namespace {

namespace asio = boost::asio;
using testing_fakes::FakeSts;

// Delays every AssumeRole by a timer tick and records how many overlap.
class DelayingSts final : public aws::StsApi {
 public:
  explicit DelayingSts(std::shared_ptr<FakeSts> inner) : inner_(std::move(inner)) {}
  int in_flight = 0;
  int max_in_flight = 0;

  asio::awaitable<core::Result<aws::Credentials>> AssumeRole(
      const aws::AssumeRoleRequest& request) override {
    max_in_flight = std::max(max_in_flight, ++in_flight);
    asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(5));
    co_await t.async_wait(asio::use_awaitable);
    auto out = co_await inner_->AssumeRole(request);
    --in_flight;
    co_return out;
  }
  asio::awaitable<core::Result<aws::Credentials>> AssumeRoleWithWebIdentity(
      const aws::AssumeRoleWithWebIdentityRequest& request) override {
    co_return co_await inner_->AssumeRoleWithWebIdentity(request);
  }

 private:
  std::shared_ptr<FakeSts> inner_;
};

aws::CredentialsProviderPtr StaticBase(std::string key = "AKIABASE",
                                       std::string secret = "base-secret") {
  aws::Credentials c;
  c.access_key_id = std::move(key);
  c.secret_access_key = std::move(secret);
  return std::make_shared<aws::StaticCredentialsProvider>(c, "test base identity");
}

std::string Arn(int account, std::string_view partition = "aws") {
  char id[13];
  std::snprintf(id, sizeof id, "%012d", account);
  return "arn:" + std::string(partition) + ":iam::" + id + ":role/ocean";
}

class DiscoveryFakeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_.Set("AWS_EC2_METADATA_DISABLED", "true");
    Endpoint("http://127.0.0.1:9");
  }

  void Endpoint(const std::string& url) {
    aws::AwsClient::Options o;
    o.endpoint_url = url;
    o.max_attempts = 1;
    client_ = std::make_unique<aws::AwsClient>(io_, net::MakeCurlTransport(io_, {}), o);
  }

  core::Result<DiscoveryResult> Discover(const IntegrationConfig& config,
                                         DiscoveryOptions options = {},
                                         aws::StsApiPtr sts = nullptr) {
    AccountDiscovery d(*client_, sts ? sts : fake_, nullptr, std::move(options));
    std::optional<core::Result<DiscoveryResult>> out;
    asio::co_spawn(
        io_, [&]() -> asio::awaitable<void> { out.emplace(co_await d.Discover(config)); },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
    io_.restart();
    io_.run();
    return std::move(*out);
  }

  testing_fakes::TempDir home_;  // no developer ~/.aws leaks into the default chain
  testing_fakes::ScopedEnv env_{home_.path()};
  asio::io_context io_;
  std::shared_ptr<FakeSts> fake_ = std::make_shared<FakeSts>();
  std::unique_ptr<aws::AwsClient> client_;
};

TEST_F(DiscoveryFakeTest, RoleAssumptionRunsConcurrentlyUpToTheBound) {
  IntegrationConfig config;
  for (int i = 1; i <= 40; ++i) config.account_role_arns.push_back(Arn(i));
  config.external_id = "ext-42";
  for (std::size_t bound : {16u, 3u, 0u}) {
    auto sts = std::make_shared<DelayingSts>(fake_);
    auto r = Discover(config, {.max_concurrent_assumptions = bound, .base_identity = StaticBase()},
                      sts);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(sts->max_in_flight, bound == 0 ? 40 : static_cast<int>(bound));
    ASSERT_EQ(r->accounts.size(), 40u);
    EXPECT_EQ(r->mode, DiscoveryMode::kMultiAccount);
    for (int i = 0; i < 40; ++i) {  // input order, account from the ARN
      char id[13];
      std::snprintf(id, sizeof id, "%012d", i + 1);
      EXPECT_EQ(r->accounts[i].info.id, id);
      EXPECT_EQ(r->accounts[i].info.name, std::string("Account ") + id);
    }
  }
  for (const auto& req : fake_->assume_role_requests) {
    EXPECT_EQ(req.session_name, "OceanRoleSession");
    EXPECT_EQ(req.external_id, "ext-42");
    EXPECT_EQ(req.region, "us-east-1");
  }
  for (const auto& key : fake_->source_keys) EXPECT_EQ(key, "AKIABASE");
}

TEST_F(DiscoveryFakeTest, FailedRolesAreRecordedAndTheOthersGoOn) {
  fake_->on_assume_role = [&](const aws::AssumeRoleRequest& r) -> core::Result<aws::Credentials> {
    if (r.role_arn == Arn(2)) {
      return core::Status::PermissionDenied("not authorized").WithRemote("AccessDenied", 403, "r");
    }
    return fake_->Next();
  };
  IntegrationConfig config;
  config.account_role_arns = {Arn(1), "garbage", Arn(2), Arn(3), Arn(1)};
  auto r = Discover(config, {.base_identity = StaticBase()});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->accounts.size(), 2u);
  EXPECT_EQ(r->accounts[0].info.id, "000000000001");
  EXPECT_EQ(r->accounts[1].info.id, "000000000003");
  ASSERT_EQ(r->failures.size(), 2u);
  EXPECT_EQ(r->failures[0].role_arn, "garbage");
  EXPECT_EQ(r->failures[0].account_id, "");
  EXPECT_EQ(r->failures[1].account_id, "000000000002");
  EXPECT_EQ(r->failures[1].status.remote_code(), "AccessDenied");
  EXPECT_EQ(fake_->assume_role_requests.size(), 3u);  // the duplicate ARN is assumed once

  config.account_role_arns = {Arn(2)};
  auto none = Discover(config, {.base_identity = StaticBase()});
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("not authorized"), std::string::npos);
}

TEST_F(DiscoveryFakeTest, WebIdentityRoleIsTheBaseAndIsNotAssumedFromItself) {
  testing_fakes::TempDir dir;
  env_.Set("AWS_WEB_IDENTITY_TOKEN_FILE", dir.WriteFile("token", "oidc-token"));
  IntegrationConfig config;
  config.credential_provider_priority = {"AssumeRoleWithWebIdentity", "StaticCredential",
                                         "AssumeRole"};
  config.account_role_arns = {Arn(1), Arn(2)};
  auto r = Discover(config);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->credential_source.source, CredentialSource::kWebIdentity);
  ASSERT_EQ(fake_->web_identity_requests.size(), 1u);
  EXPECT_EQ(fake_->web_identity_requests[0].role_arn, Arn(1));
  EXPECT_EQ(fake_->web_identity_requests[0].session_name, "OceanWebIdentitySession");
  ASSERT_EQ(fake_->assume_role_requests.size(), 1u);
  EXPECT_EQ(fake_->assume_role_requests[0].role_arn, Arn(2));
  EXPECT_EQ(fake_->source_keys, std::vector<std::string>{"ASIAFAKE1"});  // signed by web identity
  ASSERT_EQ(r->accounts.size(), 2u);
}

TEST_F(DiscoveryFakeTest, GovCloudCallsStsInItsPartitionsRegion) {
  IntegrationConfig config;
  config.account_role_arns = {Arn(1, "aws-us-gov")};
  auto r = Discover(config, {.base_identity = StaticBase()});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->partition, "aws-us-gov");
  EXPECT_EQ(r->accounts[0].partition, "aws-us-gov");
  EXPECT_EQ(fake_->assume_role_requests[0].region, "us-gov-west-1");
}

TEST_F(DiscoveryFakeTest, OrganizationsUnavailableFallsBackToTheOrgRolesAccount) {
  for (std::string code : {"AWSOrganizationsNotInUseException", "AccessDeniedException"}) {
    testing_fakes::LoopbackHttpServer server;
    int status = code == "AccessDeniedException" ? 403 : 400;
    server.SetDefault(
        testing_fakes::Always(testing_fakes::ScriptedResponse::AwsJsonError(status, code)));
    Endpoint(server.Url(""));
    IntegrationConfig config;
    config.account_role_arn = "arn:aws:iam::222222222222:role/OrgRole";
    config.ou_ids = code == "AccessDeniedException" ? std::vector<std::string>{"ou-x"}
                                                    : std::vector<std::string>{};
    auto r = Discover(config, {.base_identity = StaticBase()});
    ASSERT_TRUE(r.ok()) << code << ": " << r.status().ToString();
    EXPECT_EQ(r->mode, DiscoveryMode::kOrganizationsFallback);
    ASSERT_EQ(r->accounts.size(), 1u);
    EXPECT_EQ(r->accounts[0].info.id, "222222222222");
    EXPECT_EQ(r->accounts[0].info.name, "Account 222222222222");
    EXPECT_NE(r->accounts[0].credentials->Describe().find("OrgRole"), std::string::npos);
    EXPECT_EQ(fake_->assume_role_requests.back().session_name, "OceanOrgAssumeRoleSession");
    EXPECT_GE(server.request_count(), 1u);
  }
}

TEST_F(DiscoveryFakeTest, OtherOrganizationsErrorsFailDiscovery) {
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault(testing_fakes::Always(
      testing_fakes::ScriptedResponse::AwsJsonError(400, "InvalidInputException")));
  Endpoint(server.Url(""));
  IntegrationConfig config;
  config.account_role_arn = "arn:aws:iam::222222222222:role/OrgRole";
  auto r = Discover(config, {.base_identity = StaticBase()});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("Organizations health check failed"), std::string::npos);
}

TEST_F(DiscoveryFakeTest, OrganizationsRoleMustBeAnIamArnInAKnownPartition) {
  IntegrationConfig config;
  for (std::string arn : {"arn:aws:s3:::bucket", "not-an-arn", "arn:aws-iso:iam::1:role/x"}) {
    config.account_role_arn = arn;
    auto r = Discover(config, {.base_identity = StaticBase()});
    ASSERT_FALSE(r.ok()) << arn;
    EXPECT_EQ(r.status().code(), core::StatusCode::kInvalidArgument) << arn;
  }
  EXPECT_TRUE(fake_->assume_role_requests.empty());
}

TEST_F(DiscoveryFakeTest, SecretsNeverReachErrorsOrLogs) {
  // The unknown-name warning is once per process: a test that ran before this one in the same
  // process (CredentialSourceTest.UnknownNamesAreSkipped) may already have used it up.
  ForgetWarnedProviderNamesForTesting();
  std::ostringstream log;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log);
  auto logger = spdlog::default_logger();
  logger->sinks().push_back(sink);
  auto level = logger->level();
  logger->set_level(spdlog::level::trace);

  fake_->on_assume_role = [](const aws::AssumeRoleRequest& r) -> core::Result<aws::Credentials> {
    return core::Status::PermissionDenied("User is not authorized to perform sts:AssumeRole on " +
                                          r.role_arn)
        .WithRemote("AccessDenied", 403, "req-1");
  };
  IntegrationConfig config;
  config.aws_access_key_id = "AKIAKEYVALUE";
  config.aws_secret_access_key = "SECRET-VALUE-0123456789";
  config.aws_session_token = "SESSION-TOKEN-VALUE";
  config.external_id = "EXTERNAL-ID-VALUE";
  config.credential_provider_priority = {"Bogus", "StaticCredential"};
  config.account_role_arns = {Arn(1), Arn(2)};
  auto multi = Discover(config);
  config.account_role_arns.clear();
  config.account_role_arn = Arn(3);
  auto org = Discover(config);

  // Single account against an STS that rejects the keys.
  testing_fakes::LoopbackHttpServer server;
  testing_fakes::ScriptedResponse rejected;
  rejected.status = 403;
  rejected.headers.push_back({"Content-Type", "text/xml"});
  rejected.body =
      "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The "
      "security token included in the request is invalid.</Message></Error><RequestId>r"
      "</RequestId></ErrorResponse>";
  server.SetDefault(testing_fakes::Always(rejected));
  Endpoint(server.Url(""));
  config.account_role_arn.clear();
  auto single = Discover(config);

  logger->sinks().pop_back();
  logger->set_level(level);
  ASSERT_FALSE(multi.ok());
  ASSERT_FALSE(org.ok());
  ASSERT_FALSE(single.ok());
  EXPECT_NE(single.status().message().find("InvalidClientTokenId"), std::string::npos);
  std::string everything = multi.status().ToString() + org.status().ToString() +
                           single.status().ToString() + log.str();
  for (const char* secret :
       {"AKIAKEYVALUE", "SECRET-VALUE-0123456789", "SESSION-TOKEN-VALUE", "EXTERNAL-ID-VALUE"}) {
    EXPECT_EQ(everything.find(secret), std::string::npos) << secret << " leaked:\n" << everything;
  }
  // The unknown provider name is warned about once per process, not once per resync.
  std::string logs = log.str();
  size_t first = logs.find("'Bogus'");
  ASSERT_NE(first, std::string::npos) << logs;
  EXPECT_EQ(logs.find("'Bogus'", first + 1), std::string::npos);
}

}  // namespace
}  // namespace catalog::accounts
