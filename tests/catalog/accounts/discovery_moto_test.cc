// AccountDiscovery against a real moto server (wire protocol round trips): single account,
// role-ARN lists across accounts, and Organizations with and without OU filters over a seeded
// tree (tests/tools/moto_seed.py "accounts"). Each returned session is checked with
// GetCallerIdentity: its credentials must act in the account discovery says they do.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <set>

#include "aws/sts_client.h"
#include "net/curl_transport.h"
#include "catalog/accounts/account_discovery.h"
#include "fakes/moto.h"
#include "fakes/run_coro.h"
#include "fakes/scoped_env.h"
#include "fakes/temp_dir.h"

namespace catalog::accounts {
namespace {

namespace asio = boost::asio;
using Ids = std::set<std::string>;

class DiscoveryMotoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    moto_ = testenv::Moto::Get();
    if (!moto_) return;
    moto_->Reset();
    seeded_ = moto_->Seed("accounts");
  }

  void SetUp() override {
    ASSERT_NE(moto_, nullptr) << "moto could not start: run scripts/setup.sh";
    ASSERT_TRUE(seeded_.is_object()) << "seeding failed";
    env_.Set("AWS_EC2_METADATA_DISABLED", "true");
    aws::AwsClient::Options opts;
    opts.endpoint_url = moto_->endpoint();
    opts.max_attempts = 2;
    transport_ = net::MakeCurlTransport(io_, {});
    client_ = std::make_unique<aws::AwsClient>(io_, transport_, opts);
    sts_ = std::make_shared<aws::EngineStsApi>(*client_, "us-east-1");
  }

  template <typename T>
  T Run(asio::awaitable<T> aw) {
    return testing_fakes::RunCoro(io_, std::move(aw));
  }

  // Static "testing" keys, as the integration config gives them.
  static IntegrationConfig StaticConfig() {
    IntegrationConfig c;
    c.aws_access_key_id = "testing";
    c.aws_secret_access_key = "testing";
    return c;
  }

  core::Result<DiscoveryResult> Discover(const IntegrationConfig& config) {
    AccountDiscovery d(*client_, sts_, transport_);
    return Run(d.Discover(config));
  }

  // The account the session's credentials act in, per STS.
  std::string CallerAccount(const AccountSession& s) {
    const aws::CallTarget target{s.credentials, "us-east-1", s.info.id};
    auto who = Run(client_->Call(target, "sts", "GetCallerIdentity", {}));
    EXPECT_TRUE(who.ok()) << who.status().ToString();
    return who.ok() ? std::string(core::FindString(who->as_object(), "Account")) : "";
  }

  std::string Account(const char* name) {
    return std::string(seeded_.at("accounts").at(name).as_string());
  }
  std::string Ou(const char* name) { return std::string(seeded_.at("ous").at(name).as_string()); }
  std::string Management() { return std::string(seeded_.at("management").as_string()); }

  Ids IdsOf(const DiscoveryResult& r) {
    Ids ids;
    for (const auto& a : r.accounts) {
      ids.insert(a.info.id);
      EXPECT_EQ(CallerAccount(a), a.info.id) << "session of " << a.info.id << " acts elsewhere";
    }
    return ids;
  }

  static inline testenv::Moto* moto_ = nullptr;
  static inline json::value seeded_;
  testing_fakes::TempDir home_;  // no developer ~/.aws leaks into the default chain
  testing_fakes::ScopedEnv env_{home_.path()};
  asio::io_context io_;
  net::HttpTransportPtr transport_;
  std::unique_ptr<aws::AwsClient> client_;
  aws::StsApiPtr sts_;
};

TEST_F(DiscoveryMotoTest, SingleAccountFromStaticKeys) {
  auto r = Discover(StaticConfig());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->mode, DiscoveryMode::kSingleAccount);
  EXPECT_EQ(r->credential_source.source, CredentialSource::kStatic);
  ASSERT_EQ(r->accounts.size(), 1u);
  EXPECT_EQ(r->accounts[0].info.id, "123456789012");
  EXPECT_EQ(r->accounts[0].info.name, "Account 123456789012");
  EXPECT_EQ(r->accounts[0].partition, "aws");
  EXPECT_TRUE(r->failures.empty());
}

TEST_F(DiscoveryMotoTest, SingleAccountWithoutConfigUsesTheDefaultChain) {
  env_.Set("AWS_ACCESS_KEY_ID", "testing");
  env_.Set("AWS_SECRET_ACCESS_KEY", "testing");
  auto r = Discover(IntegrationConfig{});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->credential_source.fallback);
  ASSERT_EQ(r->accounts.size(), 1u);
  EXPECT_EQ(r->accounts[0].info.id, "123456789012");
}

TEST_F(DiscoveryMotoTest, NoCredentialsAnywhereIsAClearError) {
  auto r = Discover(IntegrationConfig{});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("base AWS identity"), std::string::npos)
      << r.status().ToString();
}

TEST_F(DiscoveryMotoTest, MultiAccountAssumesEachRoleIntoItsAccount) {
  IntegrationConfig c = StaticConfig();
  c.account_role_arns = {"arn:aws:iam::123456789012:role/ocean",
                         "arn:aws:iam::111111111111:role/ocean"};
  c.external_id = "ext";
  auto r = Discover(c);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->mode, DiscoveryMode::kMultiAccount);
  EXPECT_EQ(IdsOf(*r), (Ids{"123456789012", "111111111111"}));
  EXPECT_EQ(r->accounts[1].info.name, "Account 111111111111");
}

TEST_F(DiscoveryMotoTest, OrganizationsListsActiveAccountsAndAssumesTheMemberRole) {
  IntegrationConfig c = StaticConfig();
  c.account_role_arn = "arn:aws:iam::" + Management() + ":role/path/OceanRole";
  auto r = Discover(c);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->mode, DiscoveryMode::kOrganizations);
  // delta is SUSPENDED.
  EXPECT_EQ(IdsOf(*r), (Ids{Management(), Account("alpha"), Account("beta"), Account("gamma"),
                            Account("epsilon")}));
  for (const auto& a : r->accounts) {
    EXPECT_EQ(a.info.name, std::string(core::FindString(a.info.organization_fields, "Name")));
    EXPECT_EQ(core::FindString(a.info.organization_fields, "State"), "ACTIVE");
    EXPECT_FALSE(core::FindString(a.info.organization_fields, "Email").empty());
  }
  auto alpha = std::find_if(r->accounts.begin(), r->accounts.end(),
                            [&](const auto& a) { return a.info.id == Account("alpha"); });
  ASSERT_NE(alpha, r->accounts.end());
  EXPECT_EQ(alpha->info.name, "alpha");
  EXPECT_NE(alpha->credentials->Describe().find("arn:aws:iam::" + Account("alpha") +
                                                ":role/path/OceanRole"),
            std::string::npos)
      << alpha->credentials->Describe();
}

TEST_F(DiscoveryMotoTest, OuFilterWalksNestedOusAndDeduplicates) {
  IntegrationConfig c = StaticConfig();
  c.account_role_arn = "arn:aws:iam::" + Management() + ":role/OceanRole";
  c.ou_ids = {Ou("platform")};
  auto r = Discover(c);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(IdsOf(*r), (Ids{Account("alpha"), Account("beta")}));  // beta is in platform/nested

  c.ou_ids = {Ou("nested"), Ou("sandbox"), Ou("platform")};  // nested is visited twice
  r = Discover(c);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->accounts.size(), 3u);
  EXPECT_EQ(IdsOf(*r), (Ids{Account("alpha"), Account("beta"), Account("gamma")}));
}

TEST_F(DiscoveryMotoTest, UnknownOuFailsDiscovery) {
  IntegrationConfig c = StaticConfig();
  c.account_role_arn = "arn:aws:iam::" + Management() + ":role/OceanRole";
  c.ou_ids = {"ou-zzzz-00000000"};
  auto r = Discover(c);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("ParentNotFoundException"), std::string::npos)
      << r.status().ToString();
}

}  // namespace
}  // namespace catalog::accounts
