#include "aws/auth/process_provider.h"

#include <gtest/gtest.h>

#include <chrono>

#include "fakes/run_coro.h"

namespace aws {
namespace {

using testing_fakes::RunCoro;

ProcessOptions Cmd(std::string command, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  return {.command = std::move(command), .profile = "dev", .timeout = timeout};
}

TEST(ProcessProvider, ParsesTheDocument) {
  auto c = RunCoro(RunCredentialProcess(Cmd(
      R"(printf '{"Version": 1, "AccessKeyId": "AKIDP", "SecretAccessKey": "S3CR3T", )"
      R"("SessionToken": "TOK", "Expiration": "2030-01-02T03:04:05Z"}')")));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "AKIDP");
  EXPECT_EQ(c->secret_access_key, "S3CR3T");
  EXPECT_EQ(c->session_token, "TOK");
  ASSERT_TRUE(c->expiration.has_value());
  EXPECT_EQ(core::FormatUpstream(*c->expiration), "2030-01-02T03:04:05Z");
}

TEST(ProcessProvider, FailureReportsStatusAndStderrButNeverStdout) {
  auto c = RunCoro(RunCredentialProcess(Cmd(
      "echo '{\"SecretAccessKey\": \"LEAKED\"}'; echo 'token expired, run login' >&2; "
      "echo second >&2; exit 3")));
  ASSERT_FALSE(c.ok());
  const std::string& m = c.status().message();
  EXPECT_NE(m.find("exit status 3"), std::string::npos) << m;
  EXPECT_NE(m.find("token expired, run login"), std::string::npos) << m;
  EXPECT_NE(m.find("profile 'dev'"), std::string::npos) << m;
  EXPECT_EQ(m.find("second"), std::string::npos) << m;
  EXPECT_EQ(m.find("LEAKED"), std::string::npos) << m;
}

TEST(ProcessProvider, BadDocumentsAreParseErrorsWithoutValues) {
  auto version = RunCoro(RunCredentialProcess(
      Cmd(R"(echo '{"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "HIDDEN"}')")));
  ASSERT_FALSE(version.ok());
  EXPECT_EQ(version.status().code(), core::StatusCode::kParseError);
  EXPECT_EQ(version.status().message().find("HIDDEN"), std::string::npos);
  auto garbage = RunCoro(RunCredentialProcess(Cmd("echo 'not json HIDDEN'")));
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.status().message().find("HIDDEN"), std::string::npos);
  auto missing = RunCoro(RunCredentialProcess(Cmd(R"(echo '{"Version": 1, "AccessKeyId": "A"}')")));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("SecretAccessKey"), std::string::npos);
}

TEST(ProcessProvider, TimeoutKillsTheCommand) {
  auto start = std::chrono::steady_clock::now();
  auto c = RunCoro(RunCredentialProcess(Cmd("sleep 30", std::chrono::milliseconds(200))));
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), core::StatusCode::kDeadlineExceeded);
  EXPECT_LT(elapsed, std::chrono::seconds(5));
}

TEST(ProcessProvider, ProviderDescribesTheProfileOnly) {
  auto p = MakeProcessCredentialsProvider(Cmd("echo x --secret-arg HIDDEN"));
  EXPECT_EQ(p->Describe(), "credential_process of profile 'dev'");
}

}  // namespace
}  // namespace aws
