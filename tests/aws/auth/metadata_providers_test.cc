// ECS container and EC2 instance metadata providers against a FakeTransport.
#include <gtest/gtest.h>

#include "aws/auth/container_provider.h"
#include "aws/auth/imds_provider.h"
#include "fakes/fake_transport.h"
#include "fakes/run_coro.h"
#include "fakes/scoped_env.h"
#include "fakes/temp_dir.h"

namespace aws {
namespace {

using testing_fakes::FakeTransport;
using testing_fakes::RunCoro;
using testing_fakes::ScopedEnv;
using testing_fakes::TempDir;

constexpr char kDoc[] =
    R"({"Code": "Success", "AccessKeyId": "ASIAMETA", "SecretAccessKey": "meta-secret",
        "Token": "meta-token", "Expiration": "2099-01-01T00:00:00Z"})";

TEST(ContainerProvider, RelativeUriWithTokenFile) {
  TempDir dir;
  ScopedEnv env(dir.path());
  env.Set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc");
  env.Set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "from-env");
  env.Set("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", dir.WriteFile("tok", "from-file\n"));
  auto opts = ContainerOptionsFromEnvironment();
  ASSERT_TRUE(opts.ok() && opts->has_value());
  auto transport = std::make_shared<FakeTransport>();
  transport->EnqueueResponse(200, kDoc);
  auto provider = MakeContainerProvider(transport, **opts);
  auto c = RunCoro(provider->Get());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "ASIAMETA");
  EXPECT_EQ(c->session_token, "meta-token");
  ASSERT_EQ(transport->requests().size(), 1u);
  EXPECT_EQ(transport->requests()[0].url, "http://169.254.170.2/v2/credentials/abc");
  EXPECT_EQ(FindHeader(transport->requests()[0].headers, "authorization"), "from-file");
  EXPECT_EQ(provider->Describe(), "container credentials endpoint 169.254.170.2");
}

TEST(ContainerProvider, FullUriMustBeHttpsOrAllowedHost) {
  EXPECT_TRUE(IsAllowedContainerUrl("http://127.0.0.1:51679/creds"));
  EXPECT_TRUE(IsAllowedContainerUrl("http://localhost/creds"));
  EXPECT_TRUE(IsAllowedContainerUrl("http://169.254.170.23/v1/credentials"));
  EXPECT_TRUE(IsAllowedContainerUrl("http://[fd00:ec2::23]/v1/credentials"));
  EXPECT_TRUE(IsAllowedContainerUrl("http://[::1]:8080/"));
  EXPECT_TRUE(IsAllowedContainerUrl("https://creds.example.com/x"));
  EXPECT_FALSE(IsAllowedContainerUrl("http://creds.example.com/x"));
  EXPECT_FALSE(IsAllowedContainerUrl("http://127.0.0.1.evil.com/x"));
  ScopedEnv env;
  env.Set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://evil.example.com/x");
  auto opts = ContainerOptionsFromEnvironment();
  ASSERT_FALSE(opts.ok());
  EXPECT_NE(opts.status().message().find("evil.example.com"), std::string::npos);
  env.Unset("AWS_CONTAINER_CREDENTIALS_FULL_URI");
  auto none = ContainerOptionsFromEnvironment();
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST(ContainerProvider, RetriesServerErrorsNotClientErrors) {
  auto transport = std::make_shared<FakeTransport>();
  transport->EnqueueResponse(500, "");
  transport->Enqueue(core::Status::Unavailable("reset"));
  transport->EnqueueResponse(200, kDoc);
  ContainerOptions o{.url = "http://127.0.0.1/creds"};
  EXPECT_TRUE(RunCoro(MakeContainerProvider(transport, o)->Get()).ok());
  auto denied = std::make_shared<FakeTransport>();
  denied->EnqueueResponse(403, "{\"message\": \"denied\"}");
  auto c = RunCoro(MakeContainerProvider(denied, o)->Get());
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().http_status(), 403);
  EXPECT_EQ(denied->requests().size(), 1u);
}

TEST(ImdsProvider, UsesImdsV2Token) {
  auto t = std::make_shared<FakeTransport>();
  t->EnqueueResponse(200, "TOKEN-V2");
  t->EnqueueResponse(200, "my-role\n");
  t->EnqueueResponse(200, kDoc);
  auto c = RunCoro(MakeImdsProvider(t, {})->Get());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "ASIAMETA");
  const auto& r = t->requests();
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].method, "PUT");
  EXPECT_EQ(r[0].url, "http://169.254.169.254/latest/api/token");
  EXPECT_EQ(FindHeader(r[0].headers, "X-aws-ec2-metadata-token-ttl-seconds"), "21600");
  EXPECT_EQ(r[0].timeout, std::chrono::milliseconds(1000));
  EXPECT_EQ(r[1].url, "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
  EXPECT_EQ(FindHeader(r[1].headers, "X-aws-ec2-metadata-token"), "TOKEN-V2");
  EXPECT_EQ(r[2].url, "http://169.254.169.254/latest/meta-data/iam/security-credentials/my-role");
  EXPECT_EQ(FindHeader(r[2].headers, "X-aws-ec2-metadata-token"), "TOKEN-V2");
}

TEST(ImdsProvider, FallsBackToV1UnlessDisabled) {
  auto t = std::make_shared<FakeTransport>();
  t->EnqueueResponse(403, "");
  t->EnqueueResponse(200, "r");
  t->EnqueueResponse(200, kDoc);
  ASSERT_TRUE(RunCoro(MakeImdsProvider(t, {})->Get()).ok());
  bool has_token = false;
  FindHeader(t->requests()[1].headers, "X-aws-ec2-metadata-token", &has_token);
  EXPECT_FALSE(has_token);

  auto v2only = std::make_shared<FakeTransport>();
  v2only->EnqueueResponse(404, "");
  auto c = RunCoro(MakeImdsProvider(v2only, {.v1_disabled = true})->Get());
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("IMDSv1 is disabled"), std::string::npos);
  EXPECT_EQ(v2only->requests().size(), 1u);

  auto hop = std::make_shared<FakeTransport>();  // hop limit 1: the token answer never arrives
  hop->Enqueue(core::Status::DeadlineExceeded("timeout"));
  hop->EnqueueResponse(200, "r");
  hop->EnqueueResponse(200, kDoc);
  EXPECT_TRUE(RunCoro(MakeImdsProvider(hop, {})->Get()).ok());
}

TEST(ImdsProvider, NotAnEc2InstanceFailsFast) {
  auto t = std::make_shared<FakeTransport>();
  t->Enqueue(core::Status::Unavailable("connection refused"));
  auto c = RunCoro(MakeImdsProvider(t, {.attempts = 1})->Get());
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(t->requests().size(), 1u);
  auto norole = std::make_shared<FakeTransport>();
  norole->EnqueueResponse(200, "tok");
  norole->EnqueueResponse(404, "");
  auto n = RunCoro(MakeImdsProvider(norole, {})->Get());
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.status().code(), core::StatusCode::kNotFound);
}

TEST(ImdsProvider, EnvironmentSettings) {
  ScopedEnv env;
  auto d = ImdsOptionsFromEnvironment();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->endpoint, "http://169.254.169.254");
  EXPECT_EQ(d->attempts, 1);
  env.Set("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:1338/");
  env.Set("AWS_METADATA_SERVICE_TIMEOUT", "0.5");
  env.Set("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "2");
  env.Set("AWS_EC2_METADATA_V1_DISABLED", "TRUE");
  auto o = ImdsOptionsFromEnvironment();
  ASSERT_TRUE(o.has_value());
  EXPECT_EQ(o->endpoint, "http://127.0.0.1:1338");
  EXPECT_EQ(o->timeout, std::chrono::milliseconds(500));
  EXPECT_EQ(o->attempts, 2);
  EXPECT_TRUE(o->v1_disabled);
  env.Set("AWS_EC2_METADATA_DISABLED", "true");
  EXPECT_FALSE(ImdsOptionsFromEnvironment().has_value());
}

}  // namespace
}  // namespace aws
