// The startup handshake against the fake Port API: creating a missing integration, PATCHing
// drifted settings, creating the default blueprints in Ocean's three stages (none when one
// exists, rollback on failure), the default mapping, and the runtime check.
#include "ocean/port/integration_handshake.h"

#include <gtest/gtest.h>

#include "ocean/port/port_test_support.h"

namespace ocean::port {
namespace {

using testing_fakes::FakePortFault;
using testing_fakes::FakePortRequest;

json::value Json(std::string_view text) { return core::ParseJson(text).value(); }

// Two blueprints, the second relating to the first (stage 2 needs the first to exist).
DefaultResources Defaults() {
  DefaultResources d;
  d.mapping = Json(R"({"resources":[{"kind":"AWS::S3::Bucket","selector":{"query":"true"},
      "port":{"entity":{"mappings":{"identifier":".Arn","blueprint":"\"s3Bucket\""}}}}]})")
                  .as_object();
  d.blueprints = Json(R"([
    {"identifier":"awsAccount","title":"AWS Account","schema":{"properties":{}}},
    {"identifier":"s3Bucket","title":"S3 Bucket","schema":{"properties":{"arn":{"type":"string"}}},
     "calculationProperties":{"c":{"calculation":".identifier","type":"string"}},
     "relations":{"account":{"target":"awsAccount","many":false,"required":false}}}
  ])")
                     .as_array();
  d.actions = Json(R"([{"identifier":"act"}])").as_array();
  return d;
}

HandshakeOptions Handshake() {
  HandshakeOptions o;
  o.integration_type = "aws-v3";
  o.version = "1.2.3";
  o.defaults = Defaults();
  return o;
}

// An existing integration matching Handshake() (no drift).
json::object InSync() {
  return Json(R"({"installationId":"my-aws","identifier":"my-aws","installationType":"OnPrem",
      "installationAppType":"aws-v3","version":"1.2.3","changelogDestination":{},
      "actionsProcessingEnabled":false,"incrementalSyncEnabled":false,
      "processingMode":"ocean-core","arePortResourcesInitialized":true,
      "config":{"resources":[]}})")
      .as_object();
}

class HandshakeTest : public ::testing::Test, public testing::PortFixture {
 protected:
  core::Result<HandshakeResult> Run(const HandshakeOptions& o) {
    auto client = MakeClient();
    return Await(RunIntegrationHandshake(*client, o));
  }
  // "METHOD path" of every request but the token's, in order.
  std::vector<std::string> Calls() {
    std::vector<std::string> out;
    for (const auto& r : fake.requests()) {
      if (r.path == "/v1/auth/access_token") continue;
      out.push_back(r.method + " " + r.path);
    }
    return out;
  }
};

TEST_F(HandshakeTest, CreatesAMissingIntegrationAndTheDefaultsInStages) {
  auto r = Run(Handshake());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->created);
  EXPECT_FALSE(r->drift_patched);
  EXPECT_TRUE(r->resources_initialized);
  EXPECT_EQ(r->blueprints.created, (std::vector<std::string>{"awsAccount", "s3Bucket"}));

  auto posts = fake.requests_to("POST", "/v1/integration");
  ASSERT_EQ(posts.size(), 1u);
  const json::object& body = posts[0].body.as_object();
  EXPECT_EQ(body.at("installationId"), "my-aws");
  EXPECT_EQ(body.at("installationAppType"), "aws-v3");
  EXPECT_EQ(body.at("version"), "1.2.3");
  EXPECT_EQ(body.at("changelogDestination"), json::object());
  EXPECT_EQ(body.at("config"), *Defaults().mapping);
  EXPECT_EQ(body.at("actionsProcessingEnabled"), false);
  EXPECT_EQ(body.at("incrementalSyncEnabled"), false);
  EXPECT_EQ(body.at("createPortResourcesOrigin"), "Default");

  // Stage 1: bare blueprints; stage 2: relations; stage 3: the full blueprint.
  auto created = fake.requests_to("POST", "/v1/blueprints");
  ASSERT_EQ(created.size(), 2u);
  for (const auto& c : created) {
    EXPECT_FALSE(c.body.as_object().contains("relations")) << c.body_text;
    EXPECT_FALSE(c.body.as_object().contains("calculationProperties")) << c.body_text;
  }
  auto patches = fake.requests_to("PATCH", "/v1/blueprints/");
  ASSERT_EQ(patches.size(), 3u);  // awsAccount has no relations: no stage-2 PATCH
  EXPECT_EQ(patches[0].path, "/v1/blueprints/s3Bucket");
  EXPECT_EQ(patches[0].body.as_object().size(), 1u);
  EXPECT_TRUE(patches[0].body.as_object().contains("relations"));
  for (int i = 1; i < 3; ++i) {
    EXPECT_TRUE(patches[i].body.as_object().contains("title")) << patches[i].body_text;
  }
  auto bps = fake.blueprints();
  ASSERT_TRUE(bps.contains("s3Bucket"));
  EXPECT_TRUE(bps.at("s3Bucket").contains("calculationProperties"));
  EXPECT_EQ(bps.at("s3Bucket").at("relations").at("account").at("target"), "awsAccount");

  EXPECT_EQ(fake.requests_to("POST", "/v1/actions").size(), 1u);
  EXPECT_EQ(fake.integration()->at("arePortResourcesInitialized"), true);
  // The flag is set last.
  EXPECT_EQ(Calls().back(), "PATCH /v1/integration/my-aws");
}

TEST_F(HandshakeTest, PatchesDriftedSettingsAndLeavesInitializedResourcesAlone) {
  json::object existing = InSync();
  existing["version"] = "1.0.0";
  existing["processingMode"] = "dsp";
  fake.SetIntegration(existing);
  auto r = Run(Handshake());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->created);
  EXPECT_TRUE(r->drift_patched);
  auto patches = fake.requests_to("PATCH", "/v1/integration/my-aws");
  ASSERT_EQ(patches.size(), 1u);
  const json::object& body = patches[0].body.as_object();
  EXPECT_EQ(body.at("version"), "1.2.3");
  EXPECT_EQ(body.at("processingMode"), "ocean-core");
  EXPECT_EQ(body.at("installationAppType"), "aws-v3");
  EXPECT_EQ(body.at("changelogDestination"), json::object());
  EXPECT_EQ(body.at("actionsProcessingEnabled"), false);
  EXPECT_EQ(body.at("incrementalSyncEnabled"), false);
  EXPECT_EQ(fake.integration()->at("version"), "1.2.3");
  EXPECT_TRUE(fake.requests_to("", "/v1/blueprints").empty());
  EXPECT_TRUE(fake.requests_to("POST", "/v1/integration").empty());
}

TEST_F(HandshakeTest, AnIntegrationInStepIsOnlyRead) {
  fake.SetIntegration(InSync());
  auto r = Run(Handshake());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Calls(), (std::vector<std::string>{"GET /v1/integration/my-aws"}));
}

TEST_F(HandshakeTest, AWebhookListenerRegistersItsChangelogDestination) {
  fake.SetIntegration(InSync());
  HandshakeOptions o = Handshake();
  o.changelog_destination["type"] = "WEBHOOK";
  o.changelog_destination["url"] = "https://ocean.example/resync";
  ASSERT_TRUE(Run(o).ok());
  auto patches = fake.requests_to("PATCH", "/v1/integration/my-aws");
  ASSERT_EQ(patches.size(), 1u);
  EXPECT_EQ(patches[0].body.at("changelogDestination").at("url"), "https://ocean.example/resync");
}

TEST_F(HandshakeTest, NoBlueprintIsCreatedWhenAnyDefaultOneExists) {
  json::object existing = InSync();
  existing.erase("arePortResourcesInitialized");
  fake.SetIntegration(existing);
  fake.PutBlueprint(Json(R"({"identifier":"s3Bucket","title":"mine"})").as_object());
  auto r = Run(Handshake());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->blueprints.existing, (std::vector<std::string>{"s3Bucket"}));
  EXPECT_TRUE(r->blueprints.created.empty());
  EXPECT_TRUE(fake.requests_to("POST", "/v1/blueprints").empty());
  EXPECT_TRUE(fake.requests_to("PATCH", "/v1/blueprints").empty());
  EXPECT_EQ(fake.blueprints().at("s3Bucket").at("title"), "mine");
  EXPECT_EQ(fake.integration()->at("arePortResourcesInitialized"), true);
}

TEST_F(HandshakeTest, AFailedStageDeletesTheCreatedBlueprintsAndFails) {
  json::object existing = InSync();
  existing.erase("arePortResourcesInitialized");
  fake.SetIntegration(existing);
  HandshakeOptions o = Handshake();
  o.defaults.blueprints.push_back(Json(R"({"identifier":"broken","title":"Broken",
      "relations":{"x":{"target":"noSuchBlueprint"}}})"));
  auto r = Run(o);
  ASSERT_FALSE(r.ok());
  const std::string& m = r.status().message();
  EXPECT_NE(m.find("default blueprints"), std::string::npos) << m;
  EXPECT_NE(m.find("noSuchBlueprint"), std::string::npos) << m;
  EXPECT_EQ(fake.requests_to("DELETE", "/v1/blueprints/").size(), 3u);
  EXPECT_TRUE(fake.blueprints().empty());
  EXPECT_FALSE(fake.integration()->contains("arePortResourcesInitialized"));
}

TEST_F(HandshakeTest, SetsTheDefaultMappingWhenTheIntegrationHasNone) {
  json::object existing = InSync();
  existing.erase("arePortResourcesInitialized");
  existing["config"] = json::object();
  fake.SetIntegration(existing);
  auto r = Run(Handshake());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->config_patched);
  auto patches = fake.requests_to("PATCH", "/v1/integration/my-aws/config");
  ASSERT_EQ(patches.size(), 1u);
  EXPECT_EQ(patches[0].body.at("config"), *Defaults().mapping);
  EXPECT_TRUE(net::FindHeader(patches[0].headers, "x-skip-resync").empty());  // OnPrem
  EXPECT_EQ(fake.integration()->at("config"), *Defaults().mapping);
}

TEST_F(HandshakeTest, WithoutInitializePortResourcesNothingIsCreated) {
  HandshakeOptions o = Handshake();
  o.initialize_port_resources = false;
  auto r = Run(o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->created);
  EXPECT_EQ(fake.requests_to("POST", "/v1/integration").at(0).body.at("config"), json::object());
  EXPECT_TRUE(fake.requests_to("", "/v1/blueprints").empty());
  EXPECT_FALSE(fake.integration()->contains("arePortResourcesInitialized"));
}

TEST_F(HandshakeTest, TheEmptyOriginSetsAnEmptyMapping) {
  json::object existing = InSync();
  existing.erase("arePortResourcesInitialized");
  existing["createPortResourcesOrigin"] = "Empty";
  fake.SetIntegration(existing);
  auto r = Run(Handshake());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(fake.requests_to("", "/v1/blueprints").empty());
  json::object integ = fake.integration().value();
  EXPECT_EQ(integ.at("arePortResourcesInitialized"), true);
  EXPECT_EQ(integ.at("config").at("resources"), json::array());
}

TEST_F(HandshakeTest, ARuntimeThatCannotServeTheInstallationFails) {
  json::object existing = InSync();
  existing["installationType"] = "Saas";
  existing.erase("identifier");  // Port's answer names the integration by installationId
  fake.SetIntegration(existing);
  auto r = Run(Handshake());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("Port integration 'my-aws'"), std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("installationType 'Saas'"), std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("OCEAN__RUNTIME"), std::string::npos);
  EXPECT_EQ(Calls().size(), 1u);  // nothing written
}

TEST_F(HandshakeTest, AnEmptyVersionCannotCreateTheIntegration) {
  HandshakeOptions o = Handshake();
  o.version.clear();
  auto r = Run(o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("version is empty"), std::string::npos)
      << r.status().message();
  EXPECT_FALSE(fake.integration().has_value());
}

TEST_F(HandshakeTest, PortErrorsStopTheHandshake) {
  FakePortFault f;
  f.method = "POST";
  f.path_prefix = "/v1/integration";
  f.status = 422;
  f.body = R"({"ok":false,"error":"invalid_request","message":"version is not semver"})";
  fake.InjectFault(f);
  auto r = Run(Handshake());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("POST /v1/integration: HTTP 422"), std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("version is not semver"), std::string::npos);
  EXPECT_TRUE(fake.requests_to("POST", "/v1/blueprints").empty());
}

}  // namespace
}  // namespace ocean::port
