#include "aws/auth/profile_provider.h"

#include <gtest/gtest.h>

#include "fakes/fake_clock.h"
#include "fakes/fake_sts.h"
#include "fakes/fake_transport.h"
#include "fakes/run_coro.h"
#include "fakes/scoped_env.h"
#include "fakes/temp_dir.h"

namespace aws {
namespace {

using testing_fakes::FakeClock;
using testing_fakes::FakeSts;
using testing_fakes::FakeTransport;
using testing_fakes::RunCoro;
using testing_fakes::ScopedEnv;
using testing_fakes::TempDir;

class ProfileProviderTest : public ::testing::Test {
 protected:
  SharedConfig Config(std::string_view config, std::string_view creds = "") {
    auto c = SharedConfig::Parse(config, creds, "/cfg", "/creds");
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return *c;
  }
  core::Result<CredentialsProviderPtr> Make(const SharedConfig& c, std::string_view name) {
    return MakeProfileProvider(c, name, deps_);
  }

  TempDir dir_;
  ScopedEnv env_{dir_.path()};
  FakeClock clock_;
  std::shared_ptr<FakeSts> sts_ = std::make_shared<FakeSts>(&clock_);
  std::shared_ptr<FakeTransport> transport_ = std::make_shared<FakeTransport>();
  ProfileProviderDeps deps_{.sts = sts_, .transport = transport_, .refresh = {.clock = &clock_}};
};

TEST_F(ProfileProviderTest, StaticKeys) {
  auto cfg = Config("", "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = sec\n"
                        "aws_session_token = tok\n");
  auto p = Make(cfg, "dev");
  ASSERT_TRUE(p.ok() && *p);
  auto c = RunCoro((*p)->Get());
  EXPECT_EQ(c->access_key_id, "AKIDDEV");
  EXPECT_EQ(c->session_token, "tok");
  EXPECT_EQ((*p)->Describe(), "profile 'dev' (static keys in the credentials file)");
  auto partial = Make(Config("[profile x]\naws_access_key_id = A\n"), "x");
  EXPECT_FALSE(partial.ok());
  EXPECT_EQ(Make(cfg, "nope").status().code(), core::StatusCode::kNotFound);
  auto empty = Make(Config("[profile e]\nregion = us-east-1\n"), "e");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(*empty, nullptr);
}

TEST_F(ProfileProviderTest, RoleChainThroughSourceProfiles) {
  auto cfg = Config(R"(
[profile top]
role_arn = arn:aws:iam::222222222222:role/top
source_profile = middle
external_id = ext
role_session_name = sess
duration_seconds = 1800
region = eu-central-1
[profile middle]
role_arn = arn:aws:iam::111111111111:role/middle
source_profile = base
)",
                    "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = s\n");
  auto p = Make(cfg, "top");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ((*p)->Describe(),
            "role arn:aws:iam::222222222222:role/top (via role arn:aws:iam::111111111111:role/"
            "middle (via profile 'base' (static keys in the credentials file)))");
  ASSERT_TRUE(RunCoro((*p)->Get()).ok());
  ASSERT_EQ(sts_->assume_role_requests.size(), 2u);
  // The middle role is assumed first (to sign the top role's call), with the base keys.
  EXPECT_EQ(sts_->assume_role_requests[1].role_arn, "arn:aws:iam::111111111111:role/middle");
  EXPECT_EQ(sts_->source_keys[0], "AKIDBASE");   // signs the middle role's call
  EXPECT_EQ(sts_->source_keys[1], "ASIAFAKE1");  // the middle role signs the top role's call
  const auto& top = sts_->assume_role_requests[0];
  EXPECT_EQ(top.external_id, "ext");
  EXPECT_EQ(top.session_name, "sess");
  EXPECT_EQ(top.duration_seconds, 1800);
  EXPECT_EQ(top.region, "eu-central-1");
}

TEST_F(ProfileProviderTest, SourceProfileCyclesAreNamed) {
  auto cfg = Config(R"(
[profile a]
role_arn = arn:aws:iam::1:role/a
source_profile = b
[profile b]
role_arn = arn:aws:iam::1:role/b
source_profile = c
[profile c]
role_arn = arn:aws:iam::1:role/c
source_profile = a
)");
  auto p = Make(cfg, "a");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), core::StatusCode::kInvalidArgument);
  EXPECT_NE(p.status().message().find("a -> b -> c -> a"), std::string::npos)
      << p.status().message();
  // A profile naming itself is fine when it holds static keys, an error otherwise.
  auto self = Config("[profile s]\nrole_arn = arn:r\nsource_profile = s\n"
                     "aws_access_key_id = AKIDSELF\naws_secret_access_key = x\n");
  ASSERT_TRUE(Make(self, "s").ok());
  auto loop = Config("[profile s]\nrole_arn = arn:r\nsource_profile = s\n");
  EXPECT_FALSE(Make(loop, "s").ok());
}

TEST_F(ProfileProviderTest, CredentialSources) {
  auto cfg = Config(R"(
[profile env]
role_arn = arn:aws:iam::1:role/env
credential_source = Environment
[profile ecs]
role_arn = arn:aws:iam::1:role/ecs
credential_source = EcsContainer
[profile ec2]
role_arn = arn:aws:iam::1:role/ec2
credential_source = Ec2InstanceMetadata
[profile bad]
role_arn = arn:aws:iam::1:role/bad
credential_source = Nowhere
[profile both]
role_arn = arn:aws:iam::1:role/both
credential_source = Environment
source_profile = env
[profile neither]
role_arn = arn:aws:iam::1:role/none
)");
  env_.Set("AWS_ACCESS_KEY_ID", "AKIDENV");
  env_.Set("AWS_SECRET_ACCESS_KEY", "envsecret");
  auto p = Make(cfg, "env");
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(RunCoro((*p)->Get()).ok());
  EXPECT_EQ(sts_->source_keys.back(), "AKIDENV");
  EXPECT_FALSE(Make(cfg, "ecs").ok());  // no container variables set
  env_.Set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/creds");
  EXPECT_TRUE(Make(cfg, "ecs").ok());
  EXPECT_NE((*Make(cfg, "ec2"))->Describe().find("EC2 instance metadata"), std::string::npos);
  EXPECT_NE(Make(cfg, "bad").status().message().find("Nowhere"), std::string::npos);
  EXPECT_NE(Make(cfg, "both").status().message().find("mutually exclusive"), std::string::npos);
  EXPECT_FALSE(Make(cfg, "neither").ok());
}

TEST_F(ProfileProviderTest, WebIdentityAndProcessAndUnsupported) {
  std::string token = dir_.WriteFile("tok", "jwt");
  auto cfg = Config("[profile web]\nrole_arn = arn:aws:iam::1:role/web\n"
                    "web_identity_token_file = " + token + "\n"
                    "[profile proc]\ncredential_process = printf '{\"Version\":1,"
                    "\"AccessKeyId\":\"AKIDPROC\",\"SecretAccessKey\":\"x\"}'\n"
                    "[profile sso]\nsso_session = corp\n"
                    "[profile mfa]\nrole_arn = arn:r\nsource_profile = proc\nmfa_serial = arn:m\n");
  auto web = Make(cfg, "web");
  ASSERT_TRUE(web.ok());
  ASSERT_TRUE(RunCoro((*web)->Get()).ok());
  EXPECT_EQ(sts_->web_identity_requests.at(0).web_identity_token, "jwt");
  auto proc = Make(cfg, "proc");
  ASSERT_TRUE(proc.ok());
  auto c = RunCoro((*proc)->Get());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "AKIDPROC");
  EXPECT_NE(Make(cfg, "sso").status().message().find("SSO"), std::string::npos);
  EXPECT_NE(Make(cfg, "mfa").status().message().find("mfa_serial"), std::string::npos);
}

TEST_F(ProfileProviderTest, CredentialsFileKeysBeatProcessWhichBeatsConfigKeys) {
  auto cfg = Config("[profile p]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = s\n"
                    "credential_process = printf '{\"Version\":1,\"AccessKeyId\":\"AKIDPROC\","
                    "\"SecretAccessKey\":\"x\"}'\n");
  EXPECT_EQ(RunCoro((*Make(cfg, "p"))->Get())->access_key_id, "AKIDPROC");
  auto with_creds = Config("[profile p]\ncredential_process = false\n",
                           "[p]\naws_access_key_id = AKIDCREDS\naws_secret_access_key = s\n");
  EXPECT_EQ(RunCoro((*Make(with_creds, "p"))->Get())->access_key_id, "AKIDCREDS");
}

}  // namespace
}  // namespace aws
