#include "aws/auth/shared_config.h"

#include <gtest/gtest.h>

#include "fakes/scoped_env.h"
#include "fakes/temp_dir.h"

namespace aws {
namespace {

using testing_fakes::ScopedEnv;
using testing_fakes::TempDir;

TEST(SharedConfig, ParsesProfilesCommentsAndSubsections) {
  auto cfg = SharedConfig::Parse(R"ini(
# a comment
; another comment
[default]
region = eu-west-1
[profile dev]
Region: us-east-2
role_arn = arn:aws:iam::123456789012:role/dev
source_profile = default
s3 =
  addressing_style = path
  signature_version = s3v4
[profile "quoted name"]
region = ap-south-1
[services local]
s3 =
  endpoint_url = http://localhost:5000
[dev]
region = ignored-in-config-file
[sso-session corp]
sso_region = us-east-1
)ini",
                                 "[default]\naws_access_key_id = AKIDDEFAULT\r\n"
                                 "aws_secret_access_key = secret\n[profile dev]\nx = 1\n");
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  const Profile* def = cfg->FindProfile("default");
  ASSERT_NE(def, nullptr);
  EXPECT_EQ(*def->Find("region"), "eu-west-1");
  EXPECT_EQ(*def->Find("aws_access_key_id"), "AKIDDEFAULT");
  const Profile* dev = cfg->FindProfile("dev");
  ASSERT_NE(dev, nullptr);
  EXPECT_EQ(*dev->Find("region"), "us-east-2");  // keys are lower-cased, ':' accepted
  EXPECT_EQ(*dev->FindSub("s3", "addressing_style"), "path");
  EXPECT_EQ(*dev->FindSub("s3", "signature_version"), "s3v4");
  ASSERT_NE(cfg->FindProfile("quoted name"), nullptr);
  // "[profile dev]" in the credentials file is a profile literally named "profile dev".
  ASSERT_NE(cfg->FindProfile("profile dev"), nullptr);
  EXPECT_EQ(cfg->FindProfile("corp"), nullptr);
  ASSERT_NE(cfg->FindServices("local"), nullptr);
  EXPECT_EQ(*cfg->FindServices("local")->FindSub("s3", "endpoint_url"), "http://localhost:5000");
}

TEST(SharedConfig, CredentialsFileWinsOverConfigFile) {
  auto cfg = SharedConfig::Parse("[profile p]\naws_access_key_id = FROMCONFIG\nregion = r1\n",
                                 "[p]\naws_access_key_id = FROMCREDS\n");
  ASSERT_TRUE(cfg.ok());
  EXPECT_EQ(*cfg->FindProfile("p")->Find("aws_access_key_id"), "FROMCREDS");
  EXPECT_EQ(*cfg->FindProfile("p")->Find("region"), "r1");
}

TEST(SharedConfig, ParseErrorsNameFileAndLineButNotTheLine) {
  auto cfg = SharedConfig::Parse("", "[default]\naws_secret_access_key SUPERSECRETVALUE\n",
                                 "/c", "/home/u/.aws/credentials");
  ASSERT_FALSE(cfg.ok());
  EXPECT_EQ(cfg.status().code(), core::StatusCode::kParseError);
  EXPECT_NE(cfg.status().message().find("/home/u/.aws/credentials:2"), std::string::npos)
      << cfg.status().message();
  EXPECT_EQ(cfg.status().message().find("SUPERSECRETVALUE"), std::string::npos);

  auto before = SharedConfig::Parse("region = x\n", "", "/cfg", "/creds");
  ASSERT_FALSE(before.ok());
  EXPECT_NE(before.status().message().find("/cfg:1"), std::string::npos);
  auto header = SharedConfig::Parse("[profile x\n", "", "/cfg", "/creds");
  EXPECT_FALSE(header.ok());
}

TEST(SharedConfig, LoadsFromEnvironmentPathsAndHome) {
  TempDir dir;
  ScopedEnv env(dir.path());
  dir.WriteFile(".aws/config", "[profile home]\nregion = eu-north-1\n");
  auto home = SharedConfig::Load(SharedConfigPaths::FromEnvironment());
  ASSERT_TRUE(home.ok()) << home.status().ToString();
  EXPECT_NE(home->FindProfile("home"), nullptr);

  std::string other = dir.WriteFile("elsewhere/cfg", "[profile other]\nregion = x\n");
  env.Set("AWS_CONFIG_FILE", other);
  env.Set("AWS_SHARED_CREDENTIALS_FILE", "~/missing");  // a missing file is fine
  auto cfg = SharedConfig::Load(SharedConfigPaths::FromEnvironment());
  ASSERT_TRUE(cfg.ok());
  EXPECT_EQ(cfg->FindProfile("home"), nullptr);
  EXPECT_NE(cfg->FindProfile("other"), nullptr);
  EXPECT_EQ(SharedConfigPaths::FromEnvironment().credentials_file, dir.path() + "/missing");
}

TEST(SharedConfig, ActiveProfileFollowsBotocoreOrder) {
  ScopedEnv env;
  EXPECT_EQ(ActiveProfileName(), "default");
  env.Set("AWS_PROFILE", "a");
  EXPECT_EQ(ActiveProfileName(), "a");
  env.Set("AWS_DEFAULT_PROFILE", "b");
  EXPECT_EQ(ActiveProfileName(), "b");  // botocore checks AWS_DEFAULT_PROFILE first
  EXPECT_EQ(ActiveProfileName("explicit"), "explicit");
}

}  // namespace
}  // namespace aws
