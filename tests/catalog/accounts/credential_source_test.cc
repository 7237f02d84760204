// credentialProviderPriority: applicability rules, order, unknown names, the no-provider fallback.
#include "catalog/accounts/credential_source.h"

#include <gtest/gtest.h>

#include "fakes/fake_sts.h"
#include "fakes/run_coro.h"

namespace catalog::accounts {
namespace {

IntegrationConfig Config(std::vector<std::string> priority = {}) {
  IntegrationConfig c;
  c.credential_provider_priority =
      priority.empty()
          ? std::vector<std::string>{"AssumeRoleWithWebIdentity", "StaticCredential", "AssumeRole"}
          : priority;
  return c;
}

TEST(CredentialSourceTest, NothingConfiguredFallsBack) {
  auto choice = SelectCredentialSource(Config(), "");
  EXPECT_TRUE(choice.fallback);
  EXPECT_EQ(choice.source, CredentialSource::kAssumeRole);
}

TEST(CredentialSourceTest, WebIdentityNeedsTheTokenFileAndARoleArn) {
  IntegrationConfig c = Config();
  EXPECT_TRUE(SelectCredentialSource(c, "/var/run/token").fallback);  // no role ARN
  c.account_role_arns = {"arn:aws:iam::1:role/a"};
  EXPECT_EQ(SelectCredentialSource(c, "").source, CredentialSource::kAssumeRole);
  auto choice = SelectCredentialSource(c, "/var/run/token");
  EXPECT_EQ(choice.source, CredentialSource::kWebIdentity);
  EXPECT_FALSE(choice.fallback);
}

TEST(CredentialSourceTest, StaticNeedsBothKeys) {
  IntegrationConfig c = Config();
  c.aws_access_key_id = "AKIA";
  EXPECT_TRUE(SelectCredentialSource(c, "").fallback);
  c.aws_secret_access_key = "secret";
  EXPECT_EQ(SelectCredentialSource(c, "").source, CredentialSource::kStatic);
}

TEST(CredentialSourceTest, FirstApplicableInPriorityOrderWins) {
  IntegrationConfig c = Config({"AssumeRole", "StaticCredential"});
  c.aws_access_key_id = "AKIA";
  c.aws_secret_access_key = "secret";
  c.account_role_arn = "arn:aws:iam::1:role/org";
  EXPECT_EQ(SelectCredentialSource(c, "/token").source, CredentialSource::kAssumeRole);
  c.credential_provider_priority = {"StaticCredential", "AssumeRole"};
  EXPECT_EQ(SelectCredentialSource(c, "/token").source, CredentialSource::kStatic);
  // The default order puts web identity first.
  c.credential_provider_priority = Config().credential_provider_priority;
  EXPECT_EQ(SelectCredentialSource(c, "/token").source, CredentialSource::kWebIdentity);
}

TEST(CredentialSourceTest, UnknownNamesAreSkipped) {
  IntegrationConfig c = Config({"Bogus", "StaticCredential", "AlsoBogus"});
  c.aws_access_key_id = "AKIA";
  c.aws_secret_access_key = "secret";
  auto choice = SelectCredentialSource(c, "");
  EXPECT_EQ(choice.source, CredentialSource::kStatic);
  EXPECT_EQ(choice.unknown_names, std::vector<std::string>{"Bogus"});  // stopped at the winner
  c.aws_secret_access_key.clear();
  choice = SelectCredentialSource(c, "");
  EXPECT_TRUE(choice.fallback);
  EXPECT_EQ(choice.unknown_names, (std::vector<std::string>{"Bogus", "AlsoBogus"}));
}

TEST(CredentialSourceTest, StaticBaseIdentityCarriesTheKeysButDescribesNoSecret) {
  IntegrationConfig c = Config();
  c.aws_access_key_id = "AKIAEXAMPLE";
  c.aws_secret_access_key = "TOP-SECRET-VALUE";
  auto choice = SelectCredentialSource(c, "");
  EXPECT_FALSE(MakeBaseIdentity(c, choice, "us-east-1", {}).ok());  // no STS client
  BaseIdentityDeps deps{.sts = std::make_shared<testing_fakes::FakeSts>()};
  auto base = MakeBaseIdentity(c, choice, "us-east-1", deps);
  ASSERT_TRUE(base.ok());
  EXPECT_EQ((*base)->Describe().find("TOP-SECRET-VALUE"), std::string::npos);
  auto creds = testing_fakes::RunCoro((*base)->Get());
  ASSERT_TRUE(creds.ok());
  EXPECT_EQ(creds->access_key_id, "AKIAEXAMPLE");
  EXPECT_EQ(creds->secret_access_key, "TOP-SECRET-VALUE");
}

}  // namespace
}  // namespace catalog::accounts
