#include "aws/auth/default_chain.h"

#include <gtest/gtest.h>

#include "aws/auth/env_provider.h"
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

constexpr char kDoc[] = R"({"AccessKeyId": "ASIAMETA", "SecretAccessKey": "m", "Token": "t",
                            "Expiration": "2099-01-01T00:00:00Z"})";

class DefaultChainTest : public ::testing::Test {
 protected:
  DefaultChainOptions Options(std::string profile = "") {
    return {.profile = std::move(profile), .sts = sts_, .transport = transport_,
            .refresh = {.clock = &clock_}};
  }
  std::string Chosen(std::string profile = "") {
    DefaultCredentialsChain chain(Options(std::move(profile)));
    auto c = RunCoro(chain.Get());
    return c.ok() ? chain.Describe() + " / " + c->access_key_id : c.status().message();
  }

  TempDir dir_;
  ScopedEnv env_{dir_.path()};
  FakeClock clock_;
  std::shared_ptr<FakeSts> sts_ = std::make_shared<FakeSts>(&clock_);
  std::shared_ptr<FakeTransport> transport_ = std::make_shared<FakeTransport>();
};

TEST_F(DefaultChainTest, EnvironmentProvider) {
  env_.Set("AWS_ACCESS_KEY_ID", "AKIDENV");
  EXPECT_FALSE(EnvironmentCredentialsProvider::Read().ok());  // secret missing: an error
  env_.Set("AWS_SECRET_ACCESS_KEY", "s");
  env_.Set("AWS_SESSION_TOKEN", "session");
  env_.Set("AWS_CREDENTIAL_EXPIRATION", "2030-01-01T00:00:00Z");
  auto c = EnvironmentCredentialsProvider::Read();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->session_token, "session");
  EXPECT_TRUE(c->expiration.has_value());
  env_.Set("AWS_SECURITY_TOKEN", "older");  // botocore reads it first
  EXPECT_EQ(EnvironmentCredentialsProvider::Read()->session_token, "older");
  env_.Unset("AWS_ACCESS_KEY_ID");
  env_.Set("AWS_ACCESS_KEY", "LEGACY");  // Java SDK v1 names are not read (botocore ignores them)
  env_.Set("AWS_SECRET_KEY", "LEGACY");
  EXPECT_FALSE(EnvironmentCredentialsProvider::IsConfigured());
}

TEST_F(DefaultChainTest, OrderEnvThenProfileThenContainerThenImds) {
  dir_.WriteFile(".aws/credentials", "[default]\naws_access_key_id = AKIDFILE\n"
                                     "aws_secret_access_key = s\n");
  env_.Set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1/creds");
  env_.Set("AWS_ACCESS_KEY_ID", "AKIDENV");
  env_.Set("AWS_SECRET_ACCESS_KEY", "s");
  EXPECT_EQ(Chosen(), "default chain: environment variables / AKIDENV");
  // An explicit profile disables the environment provider, as in botocore.
  EXPECT_EQ(Chosen("default"),
            "default chain: profile 'default' (static keys in the credentials file) / AKIDFILE");
  env_.Unset("AWS_ACCESS_KEY_ID");
  EXPECT_EQ(Chosen(), "default chain: profile 'default' (static keys in the credentials file) / "
                      "AKIDFILE");
  dir_.WriteFile(".aws/credentials", "");
  transport_->EnqueueResponse(200, kDoc);
  EXPECT_EQ(Chosen(), "default chain: container credentials endpoint 127.0.0.1 / ASIAMETA");
  env_.Unset("AWS_CONTAINER_CREDENTIALS_FULL_URI");
  transport_->EnqueueResponse(200, "token");
  transport_->EnqueueResponse(200, "role");
  transport_->EnqueueResponse(200, kDoc);
  EXPECT_EQ(Chosen(), "default chain: EC2 instance metadata (http://169.254.169.254) / ASIAMETA");
}

TEST_F(DefaultChainTest, WebIdentityComesAfterProfileRoleBeforeStaticKeys) {
  dir_.WriteFile(".aws/credentials", "[default]\naws_access_key_id = AKIDFILE\n"
                                     "aws_secret_access_key = s\n");
  env_.Set("AWS_WEB_IDENTITY_TOKEN_FILE", dir_.WriteFile("tok", "jwt"));
  env_.Set("AWS_ROLE_ARN", "arn:aws:iam::1:role/irsa");
  EXPECT_EQ(Chosen(), "default chain: web identity role arn:aws:iam::1:role/irsa / ASIAFAKE1");
  dir_.WriteFile(".aws/config", "[default]\nrole_arn = arn:aws:iam::1:role/profile\n"
                                "credential_source = Environment\n");
  env_.Set("AWS_ACCESS_KEY_ID", "AKIDENV");  // env wins over all
  env_.Set("AWS_SECRET_ACCESS_KEY", "s");
  EXPECT_EQ(Chosen(), "default chain: environment variables / AKIDENV");
  EXPECT_NE(Chosen("default").find("role arn:aws:iam::1:role/profile (via environment variables)"),
            std::string::npos);
}

TEST_F(DefaultChainTest, NothingFoundListsWhatWasTried) {
  transport_->Enqueue(core::Status::Unavailable("connection refused"));
  std::string m = Chosen();
  EXPECT_NE(m.find("no AWS credentials found"), std::string::npos) << m;
  EXPECT_NE(m.find("environment variables (AWS_ACCESS_KEY_ID not set)"), std::string::npos) << m;
  EXPECT_NE(m.find("profile 'default'"), std::string::npos) << m;
  EXPECT_NE(m.find("container endpoint"), std::string::npos) << m;
  EXPECT_NE(m.find("connection refused"), std::string::npos) << m;
  env_.Set("AWS_EC2_METADATA_DISABLED", "true");
  EXPECT_NE(Chosen().find("AWS_EC2_METADATA_DISABLED"), std::string::npos);
}

TEST_F(DefaultChainTest, NamedProfileMustExist) {
  env_.Set("AWS_PROFILE", "ghost");
  std::string m = Chosen();
  EXPECT_NE(m.find("profile 'ghost' not found"), std::string::npos) << m;
}

}  // namespace
}  // namespace aws
