#include "aws/auth/web_identity_provider.h"

#include <gtest/gtest.h>

#include "aws/auth/assume_role_provider.h"
#include "fakes/fake_clock.h"
#include "fakes/fake_sts.h"
#include "fakes/run_coro.h"
#include "fakes/scoped_env.h"
#include "fakes/temp_dir.h"

namespace aws {
namespace {

using testing_fakes::FakeClock;
using testing_fakes::FakeSts;
using testing_fakes::RunCoro;
using testing_fakes::ScopedEnv;
using testing_fakes::TempDir;

TEST(WebIdentityProvider, ReadsEnvironmentAndRereadsTokenOnRefresh) {
  TempDir dir;
  ScopedEnv env(dir.path());
  std::string token_file = dir.WriteFile("token", "first-token\n");
  env.Set("AWS_WEB_IDENTITY_TOKEN_FILE", token_file);
  EXPECT_FALSE(WebIdentityOptionsFromEnvironment().has_value());  // role ARN still missing
  env.Set("AWS_ROLE_ARN", "arn:aws:iam::111122223333:role/irsa");
  env.Set("AWS_ROLE_SESSION_NAME", "my-session");
  auto opts = WebIdentityOptionsFromEnvironment();
  ASSERT_TRUE(opts.has_value());
  opts->region = "eu-west-1";

  FakeClock clock;
  auto sts = std::make_shared<FakeSts>(&clock);
  auto provider = MakeWebIdentityProvider(sts, *opts, {.clock = &clock, .random = [] { return 0.0; }});
  auto c1 = RunCoro(provider->Get());
  ASSERT_TRUE(c1.ok()) << c1.status().ToString();
  dir.WriteFile("token", "second-token");
  clock.Advance(std::chrono::minutes(56));  // within 5 minutes of the 1 h expiry
  auto c2 = RunCoro(provider->Get());
  ASSERT_TRUE(c2.ok());
  EXPECT_NE(c1->access_key_id, c2->access_key_id);
  ASSERT_EQ(sts->web_identity_requests.size(), 2u);
  EXPECT_EQ(sts->web_identity_requests[0].web_identity_token, "first-token");
  EXPECT_EQ(sts->web_identity_requests[1].web_identity_token, "second-token");
  EXPECT_EQ(sts->web_identity_requests[0].role_arn, "arn:aws:iam::111122223333:role/irsa");
  EXPECT_EQ(sts->web_identity_requests[0].session_name, "my-session");
  EXPECT_EQ(sts->web_identity_requests[0].region, "eu-west-1");
  EXPECT_EQ(provider->Describe(), "web identity role arn:aws:iam::111122223333:role/irsa");
}

TEST(WebIdentityProvider, EmptyOrMissingTokenFileIsAnError) {
  TempDir dir;
  auto sts = std::make_shared<FakeSts>();
  WebIdentityOptions o{.token_file = dir.WriteFile("empty", "\n"), .role_arn = "arn:r"};
  auto empty = RunCoro(MakeWebIdentityProvider(sts, o)->Get());
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("is empty"), std::string::npos);
  o.token_file = dir.path() + "/nope";
  auto missing = RunCoro(MakeWebIdentityProvider(sts, o)->Get());
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("/nope"), std::string::npos);
  EXPECT_TRUE(sts->web_identity_requests.empty());
}

TEST(AssumeRoleProvider, PassesExternalIdSessionAndSource) {
  FakeClock clock;
  auto sts = std::make_shared<FakeSts>(&clock);
  auto source = std::make_shared<StaticCredentialsProvider>(
      Credentials{"AKIDBASE", "base-secret", "", std::nullopt, ""}, "base identity");
  auto provider = MakeAssumeRoleProvider(
      sts, {.role_arn = "arn:aws:iam::444455556666:role/reader", .session_name = "s",
            .external_id = "ext-123", .duration_seconds = 900, .region = "us-east-1",
            .source = source},
      {.clock = &clock});
  EXPECT_EQ(provider->Describe(), "role arn:aws:iam::444455556666:role/reader (via base identity)");
  auto c = RunCoro(provider->Get());
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(sts->assume_role_requests.size(), 1u);
  const auto& req = sts->assume_role_requests[0];
  EXPECT_EQ(req.external_id, "ext-123");
  EXPECT_EQ(req.session_name, "s");
  EXPECT_EQ(req.duration_seconds, 900);
  EXPECT_EQ(sts->source_keys, std::vector<std::string>{"AKIDBASE"});
  EXPECT_TRUE(RunCoro(provider->Get()).ok());  // served from the cache
  EXPECT_EQ(sts->assume_role_requests.size(), 1u);
}

TEST(AssumeRoleProvider, GeneratesASessionName) {
  FakeClock clock;
  auto sts = std::make_shared<FakeSts>(&clock);
  auto source = std::make_shared<StaticCredentialsProvider>(Credentials{"A", "B"}, "s");
  ASSERT_TRUE(RunCoro(MakeAssumeRoleProvider(sts, {.role_arn = "arn:r", .source = source},
                                             {.clock = &clock})->Get()).ok());
  EXPECT_EQ(sts->assume_role_requests[0].session_name, "ocean-aws-1700000000");
}

}  // namespace
}  // namespace aws
