// Every error and Describe() string of the credential providers' failure paths, and everything
// they log, must be free of keys, secrets and tokens. Secrets below all contain "SEKRIT".
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>

#include "aws/auth/container_provider.h"
#include "aws/auth/default_chain.h"
#include "aws/auth/env_provider.h"
#include "aws/auth/imds_provider.h"
#include "aws/auth/process_provider.h"
#include "aws/auth/profile_provider.h"
#include "aws/auth/web_identity_provider.h"
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

class NoSecretsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log_);
    previous_ = spdlog::default_logger();
    auto logger = std::make_shared<spdlog::logger>("capture", sink);
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
  }
  void TearDown() override {
    spdlog::set_default_logger(previous_);
    texts_.push_back(log_.str());
    for (const auto& t : texts_) {
      EXPECT_EQ(t.find("SEKRIT"), std::string::npos) << t;
      EXPECT_EQ(t.find("AKIDSEKRIT"), std::string::npos) << t;
    }
    EXPECT_GT(texts_.size(), 10u);
  }
  void Capture(CredentialsProviderPtr p) {
    texts_.push_back(p->Describe());
    auto r = RunCoro(p->Get());
    if (!r.ok()) texts_.push_back(r.status().ToString());
    texts_.push_back(p->Describe());
  }
  template <typename T>
  void CaptureResult(const core::Result<T>& r) {
    if (!r.ok()) texts_.push_back(r.status().ToString());
  }

  std::ostringstream log_;
  std::shared_ptr<spdlog::logger> previous_;
  std::vector<std::string> texts_;
  TempDir dir_;
  ScopedEnv env_{dir_.path()};
  FakeClock clock_;
};

TEST_F(NoSecretsTest, FailurePathsNeverShowSecrets) {
  const std::string doc = R"({"AccessKeyId": "AKIDSEKRIT", "SecretAccessKey": "SEKRIT-secret",
                              "Token": "SEKRIT-token", "Expiration": "not a date SEKRIT"})";
  // Environment: partial and bad expiration.
  env_.Set("AWS_ACCESS_KEY_ID", "AKIDSEKRIT");
  CaptureResult(EnvironmentCredentialsProvider::Read());
  env_.Set("AWS_SECRET_ACCESS_KEY", "SEKRIT-secret");
  env_.Set("AWS_CREDENTIAL_EXPIRATION", "SEKRIT-not-a-date");
  Capture(std::make_shared<EnvironmentCredentialsProvider>());
  env_.Unset("AWS_ACCESS_KEY_ID");

  // Shared config: unparsable lines and partial keys.
  CaptureResult(SharedConfig::Parse("", "[d]\naws_secret_access_key SEKRIT\n"));
  CaptureResult(SharedConfig::Parse("aws_access_key_id = AKIDSEKRIT\n", ""));
  auto cfg = SharedConfig::Parse(
      "[profile partial]\naws_access_key_id = AKIDSEKRIT\n"
      "[profile proc]\ncredential_process = echo '" + doc + "'; echo SEKRIT-out; exit 1\n"
      "[profile badjson]\ncredential_process = echo 'SEKRIT {'\n"
      "[profile role]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = partial\n"
      "external_id = SEKRIT-external\n",
      "");
  ASSERT_TRUE(cfg.ok());
  auto sts = std::make_shared<FakeSts>(&clock_);
  sts->on_assume_role = [](const AssumeRoleRequest&) -> core::Result<Credentials> {
    return core::Status::PermissionDenied("AccessDenied");
  };
  ProfileProviderDeps deps{.sts = sts, .refresh = {.clock = &clock_}};
  for (const char* name : {"partial", "proc", "badjson", "role"}) {
    auto p = MakeProfileProvider(*cfg, name, deps);
    CaptureResult(p);
    if (p.ok() && *p) Capture(*p);
  }

  // Process output with a bad Expiration.
  Capture(MakeProcessCredentialsProvider(
      {.command = "echo '{\"Version\": 1, \"AccessKeyId\": \"AKIDSEKRIT\", "
                  "\"SecretAccessKey\": \"SEKRIT\", \"Expiration\": \"SEKRIT\"}'",
       .profile = "p"}));

  // Web identity: STS rejects the token.
  sts->on_web_identity = [](const AssumeRoleWithWebIdentityRequest&) -> core::Result<Credentials> {
    return core::Status::PermissionDenied("InvalidIdentityToken");
  };
  Capture(MakeWebIdentityProvider(
      sts, {.token_file = dir_.WriteFile("tok", "SEKRIT-jwt"), .role_arn = "arn:r"}));

  // Container and IMDS: bad documents, HTTP errors echoing secrets in bodies.
  auto t = std::make_shared<FakeTransport>();
  t->EnqueueResponse(200, doc);
  Capture(MakeContainerProvider(t, {.url = "http://127.0.0.1/SEKRIT-path",
                                    .auth_token = "SEKRIT-auth"}));
  t->EnqueueResponse(401, "SEKRIT-body");
  Capture(MakeContainerProvider(t, {.url = "http://127.0.0.1/SEKRIT-path", .attempts = 1}));
  Capture(MakeContainerProvider(t, {.url = "http://127.0.0.1/x", .auth_token = "SEKRIT\nx"}));
  t->EnqueueResponse(200, "SEKRIT-imds-token");
  t->EnqueueResponse(200, "role");
  t->EnqueueResponse(200, doc);
  Capture(MakeImdsProvider(t, {}));
  t->EnqueueResponse(200, "SEKRIT-imds-token");
  t->EnqueueResponse(500, "SEKRIT-body");
  Capture(MakeImdsProvider(t, {}));

  // Refresh failure while credentials are still valid (logged once).
  FakeClock clock;
  int n = 0;
  auto refreshing = std::make_shared<RefreshingCredentialsProvider>(
      "refreshing", [&]() -> boost::asio::awaitable<core::Result<Credentials>> {
        if (n++ == 0) {
          co_return Credentials{"AKIDSEKRIT", "SEKRIT", "SEKRIT",
                                core::Timestamp{clock.Now().micros + 120'000'000}, ""};
        }
        co_return core::Status::Unavailable("down");
      }, RefreshOptions{.clock = &clock});
  Capture(refreshing);
  Capture(refreshing);

  // The default chain's summary.
  env_.Set("AWS_EC2_METADATA_DISABLED", "true");
  Capture(std::make_shared<DefaultCredentialsChain>(DefaultChainOptions{.sts = sts}));
}

}  // namespace
}  // namespace aws
