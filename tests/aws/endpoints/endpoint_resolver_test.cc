#include "aws/endpoints/endpoint_resolver.h"

#include <gtest/gtest.h>

#include "aws/model/service_model.h"
#include "core/json.h"
#include "fakes/scoped_env.h"
#include "test_env.h"

namespace aws::endpoints {
namespace {

using testing_fakes::ScopedEnv;

const model::ServiceMetadata& Meta(std::string_view service) {
  auto s = model::GetService(service);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return (*s)->metadata();
}

// Every (service, region) of tools/gen_endpoint_goldens.py, as botocore resolves it.
TEST(EndpointResolver, MatchesBotocoreGoldens) {
  ScopedEnv env;
  std::string text = testenv::ReadFile(testenv::SourcePath("tests/aws/endpoints/endpoints.json"));
  auto doc = core::ParseJson(text, "endpoints.json");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  const json::array& cases = doc->as_object().at("cases").as_array();
  ASSERT_GE(cases.size(), 84u);
  EndpointConfig config;
  for (const auto& v : cases) {
    const json::object& c = v.as_object();
    std::string service(c.at("service").as_string());
    std::string region(c.at("region").as_string());
    SCOPED_TRACE(service + " " + region);
    auto ep = ResolveEndpoint(Meta(service), region, config);
    ASSERT_TRUE(ep.ok()) << ep.status().ToString();
    EXPECT_EQ(ep->url, c.at("url").as_string());
    EXPECT_EQ(ep->signing_region, c.at("signing_region").as_string());
    EXPECT_EQ(ep->signing_name, c.at("signing_name").as_string());
    EXPECT_FALSE(ep->overridden);
  }
}

TEST(EndpointResolver, EnvironmentOverrides) {
  ScopedEnv env;
  env.Set("AWS_ENDPOINT_URL", "http://localhost:5000/");
  auto all = ResolveEndpoint(Meta("ec2"), "eu-west-1", {});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->url, "http://localhost:5000");
  EXPECT_EQ(all->signing_region, "eu-west-1");
  EXPECT_TRUE(all->overridden);
  env.Set("AWS_ENDPOINT_URL_EC2", "https://ec2.internal:8443/base");
  EXPECT_EQ(ResolveEndpoint(Meta("ec2"), "eu-west-1", {})->url, "https://ec2.internal:8443/base");
  // IAM signs for us-east-1 normally, for the request region with an override.
  EXPECT_EQ(ResolveEndpoint(Meta("iam"), "eu-west-1", {})->signing_region, "eu-west-1");
  env.Set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
  EXPECT_EQ(ResolveEndpoint(Meta("ec2"), "eu-west-1", {})->url, "https://ec2.eu-west-1.amazonaws.com");
  // An explicit endpoint from our own configuration is never ignored.
  EXPECT_EQ(ResolveEndpoint(Meta("ec2"), "eu-west-1", {.endpoint_url = "http://127.0.0.1:9"})->url,
            "http://127.0.0.1:9");
  EXPECT_FALSE(ResolveEndpoint(Meta("ec2"), "eu-west-1", {.endpoint_url = "ftp://x"}).ok());
}

TEST(EndpointResolver, ProfileOverrides) {
  ScopedEnv env;
  auto cfg = SharedConfig::Parse(R"(
[profile local]
endpoint_url = http://localhost:4566
services = local-svcs
[services local-svcs]
dynamodb =
  endpoint_url = http://localhost:8000
[profile fips]
use_fips_endpoint = true
)", "");
  ASSERT_TRUE(cfg.ok());
  EndpointConfig c{.profile = cfg->FindProfile("local"), .shared_config = &*cfg};
  EXPECT_EQ(ResolveEndpoint(Meta("dynamodb"), "us-east-1", c)->url, "http://localhost:8000");
  EXPECT_EQ(ResolveEndpoint(Meta("sqs"), "us-east-1", c)->url, "http://localhost:4566");
  env.Set("AWS_ENDPOINT_URL_DYNAMODB", "http://env:1");  // the environment comes first
  EXPECT_EQ(ResolveEndpoint(Meta("dynamodb"), "us-east-1", c)->url, "http://env:1");
  auto fips = ResolveEndpoint(Meta("ec2"), "us-east-1", {.profile = cfg->FindProfile("fips")});
  ASSERT_FALSE(fips.ok());
  EXPECT_NE(fips.status().message().find("AWS_ENDPOINT_URL_EC2"), std::string::npos);
}

TEST(EndpointResolver, ServiceIdNames) {
  EXPECT_EQ(EnvServiceId("Elastic Load Balancing v2"), "ELASTIC_LOAD_BALANCING_V2");
  EXPECT_EQ(ConfigServiceId("Elastic Load Balancing v2"), "elastic_load_balancing_v2");
  EXPECT_EQ(EnvServiceId(Meta("sesv2").service_id), "SESV2");
}

TEST(EndpointResolver, RejectsInvalidRegions) {
  ScopedEnv env;
  EXPECT_FALSE(ResolveEndpoint(Meta("ec2"), "", {}).ok());
  EXPECT_FALSE(ResolveEndpoint(Meta("ec2"), "us-east-1.evil.com/", {}).ok());
}

}  // namespace
}  // namespace aws::endpoints
