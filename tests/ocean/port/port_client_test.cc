// PortClient against the fake Port API: the mapping read from the integration's config (empty,
// invalid, missing integration), lookups that treat 404 as "absent", the resync request, and
// percent-encoded identifiers in paths.
#include "ocean/port/port_client.h"

#include <gtest/gtest.h>

#include "ocean/port/port_test_support.h"

namespace ocean::port {
namespace {

json::object IntegrationWith(std::string_view config_json) {
  json::object i;
  i["installationId"] = "my-aws";
  i["config"] = core::ParseJson(config_json).value();
  return i;
}

class PortClientTest : public ::testing::Test, public testing::PortFixture {};

TEST_F(PortClientTest, FetchesTheMappingFromTheIntegrationConfig) {
  fake.SetIntegration(IntegrationWith(R"({"enableMergeEntity":false,"resources":[
      {"kind":"AWS::SQS::Queue","selector":{"query":"true"},
       "port":{"entity":{"mappings":{"identifier":".Arn","blueprint":"\"sqsQueue\""}}}}]})"));
  auto client = MakeClient();
  auto r = Await(client->FetchPortAppConfig());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->has_value());
  EXPECT_FALSE((*r)->enable_merge_entity);
  ASSERT_EQ((*r)->resources.size(), 1u);
  EXPECT_EQ((*r)->resources[0].kind, "AWS::SQS::Queue");
  auto gets = fake.requests_to("GET", "/v1/integration/my-aws");
  ASSERT_EQ(gets.size(), 1u);
  EXPECT_EQ(gets[0].query.at("oceanCoreVersion"), std::string(kOceanCoreVersion));
  EXPECT_EQ(gets[0].query.at("isPolling"), "false");
}

TEST_F(PortClientTest, AnEmptyConfigMeansNoMapping) {
  fake.SetIntegration(IntegrationWith("{}"));
  auto client = MakeClient();
  auto r = Await(client->FetchPortAppConfig());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->has_value());
}

TEST_F(PortClientTest, AnInvalidConfigNamesTheIntegration) {
  fake.SetIntegration(IntegrationWith(R"({"resources":"all of them"})"));
  auto client = MakeClient();
  auto r = Await(client->FetchPortAppConfig());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("Port integration my-aws config"), std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("resources"), std::string::npos) << r.status().message();
}

TEST_F(PortClientTest, AMissingIntegrationIsNotFound) {
  auto client = MakeClient();
  auto integration = Await(client->GetIntegration());
  ASSERT_TRUE(integration.ok()) << integration.status().ToString();
  EXPECT_FALSE(integration->has_value());
  auto r = Await(client->FetchPortAppConfig());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::StatusCode::kNotFound);
  EXPECT_NE(r.status().message().find("'my-aws' does not exist"), std::string::npos)
      << r.status().message();
}

TEST_F(PortClientTest, BlueprintLookupTreats404AsAbsentAndOtherErrorsAsErrors) {
  fake.PutBlueprint(core::ParseJson(R"({"identifier":"s3Bucket","title":"S3"})")
                        .value()
                        .as_object());
  auto client = MakeClient();
  auto found = Await(client->GetBlueprint("s3Bucket"));
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->at("title"), "S3");
  auto absent = Await(client->GetBlueprint("nope"));
  ASSERT_TRUE(absent.ok());
  EXPECT_FALSE(absent->has_value());
  testing_fakes::FakePortFault f;
  f.method = "GET";
  f.path_prefix = "/v1/blueprints/s3Bucket";
  f.status = 500;
  fake.InjectFault(f);
  auto broken = Await(client->GetBlueprint("s3Bucket"));
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("GET /v1/blueprints/s3Bucket: HTTP 500"),
            std::string::npos)
      << broken.status().message();
}

TEST_F(PortClientTest, ResyncRequestIsReadFromRequestUpdatedAt) {
  fake.SetIntegration(IntegrationWith("{}"));
  auto client = MakeClient();
  auto none = Await(client->ResyncRequestUpdatedAt());
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_FALSE(none->has_value());
  fake.SetResyncRequest("2024-05-01T10:00:00.000Z");
  auto some = Await(client->ResyncRequestUpdatedAt());
  ASSERT_TRUE(some.ok());
  EXPECT_EQ(some->value_or(""), "2024-05-01T10:00:00.000Z");
}

TEST_F(PortClientTest, IdentifiersArePercentEncodedInPaths) {
  auto client = MakeClient();
  std::vector<std::string> ids = {"arn:aws:sqs:us-east-1:1:q"};
  auto r = Await(client->BulkDelete("odd bp/x", ids, {{"delete_dependents", "true"}}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();  // routed as one blueprint segment
  auto sent = fake.requests_to("POST", "/v1/blueprints/");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].path, "/v1/blueprints/odd%20bp%2Fx/bulk/entities/delete");
  EXPECT_EQ(sent[0].body.at("entities").at(0), "arn:aws:sqs:us-east-1:1:q");
}

}  // namespace
}  // namespace ocean::port
