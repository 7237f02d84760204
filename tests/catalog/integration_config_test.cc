// IntegrationConfig: upstream's keys in both spellings, arrays as JSON strings, environment
// variables, and errors that name the key without ever showing a secret.
#include "catalog/integration_config.h"

#include <gtest/gtest.h>

#include "fakes/scoped_env.h"

namespace catalog {
namespace {

using Strings = std::vector<std::string>;

json::object Obj(std::string_view text) { return core::ParseJson(text)->as_object(); }

TEST(IntegrationConfigTest, CamelCaseKeysAsInTheSpec) {
  auto c = IntegrationConfig::FromJson(Obj(R"({
    "credentialProviderPriority": "StaticCredential, AssumeRole",
    "ouId": "ou-a, ou-b ,ou-a,,",
    "accountRoleArn": "arn:aws:iam::111111111111:role/Org",
    "accountRoleArns": ["arn:aws:iam::1:role/a", " arn:aws:iam::2:role/b ", ""],
    "externalId": "ext-1",
    "aws_access_key_id": "AKIAEXAMPLE",
    "aws_secret_access_key": "s3cr3t",
    "aws_session_token": "tok",
    "aws_partition": "aws-us-gov",
    "region": "us-gov-west-1",
    "liveEventsApiKey": "ignored"
  })"));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->credential_provider_priority, (Strings{"StaticCredential", "AssumeRole"}));
  EXPECT_EQ(c->ou_ids, (Strings{"ou-a", "ou-b"}));
  EXPECT_EQ(c->account_role_arn, "arn:aws:iam::111111111111:role/Org");
  EXPECT_EQ(c->account_role_arns, (Strings{"arn:aws:iam::1:role/a", "arn:aws:iam::2:role/b"}));
  EXPECT_EQ(c->external_id, "ext-1");
  EXPECT_EQ(c->aws_access_key_id, "AKIAEXAMPLE");
  EXPECT_EQ(c->aws_secret_access_key, "s3cr3t");
  EXPECT_EQ(c->aws_session_token, "tok");
  EXPECT_EQ(c->aws_partition, "aws-us-gov");
  EXPECT_EQ(c->region, "us-gov-west-1");
}

TEST(IntegrationConfigTest, SnakeCaseKeysAsOceanStoresThem) {
  auto c = IntegrationConfig::FromJson(Obj(R"({
    "account_role_arns": "[\"arn:aws:iam::1:role/a\",\"arn:aws:iam::2:role/b\"]",
    "ou_id": "ou-x", "external_id": 12345, "credential_provider_priority": null
  })"));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->account_role_arns, (Strings{"arn:aws:iam::1:role/a", "arn:aws:iam::2:role/b"}));
  EXPECT_EQ(c->ou_ids, (Strings{"ou-x"}));
  EXPECT_EQ(c->external_id, "12345");  // YAML reads an all-digit externalId as a number
  EXPECT_EQ(c->credential_provider_priority,
            (Strings{"AssumeRoleWithWebIdentity", "StaticCredential", "AssumeRole"}));
}

TEST(IntegrationConfigTest, DefaultsWhenEmpty) {
  auto c = IntegrationConfig::FromJson({});
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->account_role_arn.empty());
  EXPECT_TRUE(c->account_role_arns.empty());
  EXPECT_TRUE(c->aws_partition.empty());
  EXPECT_EQ(c->credential_provider_priority.size(), 3u);
}

TEST(IntegrationConfigTest, RoleArnListFromOnePlainString) {
  auto one = IntegrationConfig::FromJson(Obj(R"({"accountRoleArns": "arn:aws:iam::1:role/a"})"));
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->account_role_arns, (Strings{"arn:aws:iam::1:role/a"}));
  // Several ARNs split only where a comma starts a new ARN: IAM role names may hold commas.
  auto two = IntegrationConfig::FromJson(
      Obj(R"({"accountRoleArns": "arn:aws:iam::1:role/a,b, arn:aws:iam::2:role/c"})"));
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(two->account_role_arns, (Strings{"arn:aws:iam::1:role/a,b", "arn:aws:iam::2:role/c"}));
}

TEST(IntegrationConfigTest, ErrorsNameTheKeyAndAreCollected) {
  auto c = IntegrationConfig::FromJson(
      Obj(R"({"accountRoleArns": {"a": 1}, "aws_partition": "aws-iso", "ouId": true})"));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), core::StatusCode::kInvalidArgument);
  EXPECT_NE(c.status().message().find("'accountRoleArns'"), std::string::npos);
  EXPECT_NE(c.status().message().find("'aws_partition'"), std::string::npos);
  EXPECT_NE(c.status().message().find("'ouId'"), std::string::npos);

  auto bad_json = IntegrationConfig::FromJson(Obj(R"({"account_role_arns": "[\"a\","})"));
  ASSERT_FALSE(bad_json.ok());
  EXPECT_NE(bad_json.status().message().find("'account_role_arns'"), std::string::npos);
}

TEST(IntegrationConfigTest, ConflictingSpellingsAreAnError) {
  auto c = IntegrationConfig::FromJson(
      Obj(R"({"accountRoleArn": "arn:aws:iam::1:role/a", "account_role_arn": "x"})"));
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("account_role_arn"), std::string::npos);
}

TEST(IntegrationConfigTest, SecretsNeverAppearInErrors) {
  auto c = IntegrationConfig::FromJson(Obj(R"({
    "aws_secret_access_key": ["wJalrXUtnFEMI-SECRET"],
    "aws_session_token": {"t": "SESSION-TOKEN-VALUE"},
    "aws_access_key_id": ["AKIA-KEY-VALUE"]
  })"));
  ASSERT_FALSE(c.ok());
  const std::string& m = c.status().message();
  EXPECT_NE(m.find("'aws_secret_access_key'"), std::string::npos);
  EXPECT_EQ(m.find("wJalrXUtnFEMI-SECRET"), std::string::npos);
  EXPECT_EQ(m.find("SESSION-TOKEN-VALUE"), std::string::npos);
  EXPECT_EQ(m.find("AKIA-KEY-VALUE"), std::string::npos);
}

TEST(IntegrationConfigTest, FromEnvironmentWithJsonStringArrays) {
  testing_fakes::ScopedEnv env;
  env.Set("OCEAN__INTEGRATION__CONFIG__ACCOUNT_ROLE_ARNS",
          R"(["arn:aws:iam::1:role/a","arn:aws:iam::2:role/b"])");
  env.Set("ocean__integration__config__external_id", "ext");  // names are case-insensitive
  env.Set("OCEAN__INTEGRATION__CONFIG__OU_ID", "ou-1,ou-2");
  env.Set("OCEAN__INTEGRATION__CONFIG__AWS_SECRET_ACCESS_KEY", "sek");
  env.Set("OCEAN__INTEGRATION__CONFIG__AWS_ACCESS_KEY_ID", "AKIA");
  env.Set("OCEAN__INTEGRATION__CONFIG__CREDENTIAL_PROVIDER_PRIORITY", "StaticCredential");
  env.Set("OCEAN__INTEGRATION__CONFIG__AWS_PARTITION", "aws-cn");
  env.Set("OCEAN__PORT__CLIENT_ID", "not ours");
  auto c = IntegrationConfig::FromEnvironment();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->account_role_arns, (Strings{"arn:aws:iam::1:role/a", "arn:aws:iam::2:role/b"}));
  EXPECT_EQ(c->external_id, "ext");
  EXPECT_EQ(c->ou_ids, (Strings{"ou-1", "ou-2"}));
  EXPECT_EQ(c->aws_secret_access_key, "sek");
  EXPECT_EQ(c->aws_access_key_id, "AKIA");
  EXPECT_EQ(c->credential_provider_priority, (Strings{"StaticCredential"}));
  EXPECT_EQ(c->aws_partition, "aws-cn");
}

TEST(IntegrationConfigTest, EnvironmentErrorsNameTheVariable) {
  testing_fakes::ScopedEnv env;
  env.Set("OCEAN__INTEGRATION__CONFIG__ACCOUNT_ROLE_ARNS", "[not json");
  env.Set("OCEAN__INTEGRATION__CONFIG__AWS_PARTITION", "mars");
  auto c = IntegrationConfig::FromEnvironment();
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("OCEAN__INTEGRATION__CONFIG__ACCOUNT_ROLE_ARNS"),
            std::string::npos);
  EXPECT_NE(c.status().message().find("OCEAN__INTEGRATION__CONFIG__AWS_PARTITION"),
            std::string::npos);
}

}  // namespace
}  // namespace catalog
