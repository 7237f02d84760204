// LoadSettings: Ocean's sources and their precedence (command line > environment > .env >
// config.yaml > defaults), case-insensitive names with `__` nesting, JSON strings for objects
// and lists, config.yaml placeholders, .port/spec.yaml validation, sink selection, and errors
// that name the variable without ever showing a secret.
#include "ocean/config/settings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/redact.h"
#include "fakes/temp_dir.h"
#include "test_env.h"

namespace ocean {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class SettingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    core::ClearSecretsForTesting();
    src_.dotenv_path = dir_.path() + "/.env";
    src_.config_yaml_path = dir_.path() + "/config.yaml";
    src_.spec_path = dir_.path() + "/.port/spec.yaml";  // absent unless a test writes it
  }
  void TearDown() override { core::ClearSecretsForTesting(); }

  void Env(const std::string& name, const std::string& value) { src_.environment[name] = value; }
  void DotEnv(const std::string& text) { dir_.WriteFile(".env", text); }
  void ConfigYaml(const std::string& text) { dir_.WriteFile("config.yaml", text); }
  void UseProjectSpec() { src_.spec_path = testenv::SourcePath(".port/spec.yaml"); }

  OceanSettings Load() {
    auto r = LoadSettings(src_);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? std::move(*r) : OceanSettings();
  }
  std::string ErrorOf() {
    auto r = LoadSettings(src_);
    EXPECT_FALSE(r.ok()) << "expected an error";
    return r.ok() ? "" : r.status().message();
  }

  testing_fakes::TempDir dir_;
  SettingsSources src_;
};

TEST_F(SettingsTest, DefaultsWithNoSourceAtAll) {
  OceanSettings s = Load();
  EXPECT_EQ(s.port.base_url, "https://api.getport.io");
  EXPECT_TRUE(s.port.client_id.empty());
  EXPECT_EQ(s.integration_type, "aws-v3");
  EXPECT_EQ(s.integration_identifier, "my-aws-v3-integration");
  EXPECT_EQ(s.event_listener.type, "POLLING");
  EXPECT_EQ(s.event_listener.interval_seconds, 60);
  EXPECT_TRUE(s.initialize_port_resources);
  EXPECT_FALSE(s.scheduled_resync_interval_minutes.has_value());
  EXPECT_EQ(s.upsert_batch_max_length, 20u);
  EXPECT_EQ(s.upsert_batch_max_bytes, 1048576u);
  EXPECT_EQ(s.application_port, 8000);
  EXPECT_EQ(s.log_level, "INFO");
  EXPECT_EQ(s.sink, SinkKind::kSqlite);
  EXPECT_EQ(PortUserAgent(s),
            "port-ocean/aws-v3/" + s.integration_version + "/my-aws-v3-integration/exporter");
}

TEST_F(SettingsTest, IdentifierDefaultFollowsTheIntegrationType) {
  Env("OCEAN__INTEGRATION__TYPE", "aws-custom");
  EXPECT_EQ(Load().integration_identifier, "my-aws-custom-integration");
}

// One key set in every source; each removal exposes the next source down.
TEST_F(SettingsTest, PrecedenceCliOverEnvOverDotenvOverConfigYamlOverDefault) {
  ConfigYaml("integration:\n  identifier: from-yaml\n");
  DotEnv("OCEAN__INTEGRATION__IDENTIFIER=from-dotenv\n");
  Env("OCEAN__INTEGRATION__IDENTIFIER", "from-env");
  src_.cli_overrides["integration"] = json::object{{"identifier", "from-cli"}};
  EXPECT_EQ(Load().integration_identifier, "from-cli");

  src_.cli_overrides.clear();
  EXPECT_EQ(Load().integration_identifier, "from-env");

  src_.environment.clear();
  EXPECT_EQ(Load().integration_identifier, "from-dotenv");

  DotEnv("# nothing here\n");
  EXPECT_EQ(Load().integration_identifier, "from-yaml");

  ConfigYaml("{}\n");
  EXPECT_EQ(Load().integration_identifier, "my-aws-v3-integration");
}

TEST_F(SettingsTest, SourcesMergeKeyByKey) {
  ConfigYaml("eventListener:\n  type: ONCE\n  interval: 5\n");
  Env("OCEAN__EVENT_LISTENER__INTERVAL", "7");
  OceanSettings s = Load();
  EXPECT_EQ(s.event_listener.type, "ONCE");  // from config.yaml, not replaced by the env object
  EXPECT_EQ(s.event_listener.interval_seconds, 7);
}

TEST_F(SettingsTest, DotenvNamesAreCaseInsensitiveAgainstTheEnvironment) {
  DotEnv("ocean__port__client_id=from-dotenv\nOCEAN__PORT__BASE_URL=http://dotenv.test/\n");
  Env("OCEAN__PORT__CLIENT_ID", "from-env");
  OceanSettings s = Load();
  EXPECT_EQ(s.port.client_id, "from-env");
  EXPECT_EQ(s.port.base_url, "http://dotenv.test");  // trailing '/' stripped
}

TEST_F(SettingsTest, VariableNamesAreCaseInsensitiveAndNestOnDoubleUnderscore) {
  Env("ocean__port__client_id", "id-1");
  Env("Ocean__Event_Listener__Type", "once");
  Env("OCEAN__SSL__PORT__VERIFY", "false");
  Env("application__port", "9001");
  Env("APPLICATION__LOG_LEVEL", "warn");
  Env("OCEAN_PORT_CLIENT_ID", "single underscores are not ours");
  OceanSettings s = Load();
  EXPECT_EQ(s.port.client_id, "id-1");
  EXPECT_EQ(s.event_listener.type, "ONCE");
  EXPECT_FALSE(s.port.verify_tls);
  EXPECT_EQ(s.application_port, 9001);
  EXPECT_EQ(s.log_level, "WARNING");
  ASSERT_TRUE(s.tree.contains("ssl"));
  EXPECT_EQ(core::WriteJson(s.tree.at("ssl")), R"({"port":{"verify":"false"}})");
}

TEST_F(SettingsTest, ObjectSettingMayBeOneJsonStringRefinedByNestedVariables) {
  Env("OCEAN__EVENT_LISTENER", R"({"type":"WEBHOOK","interval":30,"app_host":"http://h/"})");
  Env("OCEAN__EVENT_LISTENER__INTERVAL", "45");
  OceanSettings s = Load();
  EXPECT_EQ(s.event_listener.type, "WEBHOOK");
  EXPECT_EQ(s.event_listener.interval_seconds, 45);
  EXPECT_EQ(s.event_listener.app_host, "http://h");
}

TEST_F(SettingsTest, ObjectSettingThatIsNotJsonNamesTheVariable) {
  Env("OCEAN__EVENT_LISTENER", "POLLING");
  EXPECT_THAT(ErrorOf(), HasSubstr("OCEAN__EVENT_LISTENER: expected a JSON object"));
}

TEST_F(SettingsTest, IntegrationConfigListFromJsonString) {
  UseProjectSpec();
  Env("OCEAN__INTEGRATION__CONFIG__ACCOUNT_ROLE_ARNS",
      R"(["arn:aws:iam::111111111111:role/a","arn:aws:iam::222222222222:role/b"])");
  OceanSettings s = Load();
  ASSERT_TRUE(s.integration_config.contains("account_role_arns"));
  EXPECT_EQ(core::WriteJson(s.integration_config.at("account_role_arns")),
            R"(["arn:aws:iam::111111111111:role/a","arn:aws:iam::222222222222:role/b"])");
  // The spec's default fills what nobody set.
  EXPECT_EQ(core::WriteJson(s.integration_config.at("credential_provider_priority")),
            R"("AssumeRoleWithWebIdentity,StaticCredential,AssumeRole")");
  // And the merged tree carries the converted config.
  EXPECT_TRUE(s.tree.at("integration").at("config").at("account_role_arns").is_array());
}

TEST_F(SettingsTest, WholeIntegrationConfigAsOneJsonString) {
  UseProjectSpec();
  Env("OCEAN__INTEGRATION__CONFIG", R"({"account_role_arn":"arn:aws:iam::1:role/org",
                                        "external_id":"ext-1"})");
  Env("OCEAN__INTEGRATION__CONFIG__EXTERNAL_ID", "ext-2");
  OceanSettings s = Load();
  EXPECT_EQ(s.integration_config.at("account_role_arn").as_string(), "arn:aws:iam::1:role/org");
  EXPECT_EQ(s.integration_config.at("external_id").as_string(), "ext-2");
}

TEST_F(SettingsTest, BrokenJsonListNamesTheVariable) {
  UseProjectSpec();
  Env("OCEAN__INTEGRATION__CONFIG__ACCOUNT_ROLE_ARNS", R"(["arn:aws:iam::1:role/a",)");
  EXPECT_THAT(ErrorOf(),
              HasSubstr("OCEAN__INTEGRATION__CONFIG__ACCOUNT_ROLE_ARNS: expected a JSON list"));
}

TEST_F(SettingsTest, ConfigYamlKeysAreDecamelised) {
  UseProjectSpec();
  ConfigYaml(R"(
port:
  clientId: yaml-id
  baseUrl: https://api.us.getport.io
eventListener:
  type: ONCE
initializePortResources: false
scheduledResyncInterval: 30
integration:
  identifier: yaml-aws
  config:
    accountRoleArns: ["arn:aws:iam::1:role/x"]
    awsPartition: aws-cn
)");
  OceanSettings s = Load();
  EXPECT_EQ(s.port.client_id, "yaml-id");
  EXPECT_EQ(s.port.base_url, "https://api.us.getport.io");
  EXPECT_EQ(s.event_listener.type, "ONCE");
  EXPECT_FALSE(s.initialize_port_resources);
  EXPECT_EQ(s.scheduled_resync_interval_minutes, 30);
  EXPECT_EQ(s.integration_identifier, "yaml-aws");
  EXPECT_EQ(s.integration_config.at("aws_partition").as_string(), "aws-cn");
  EXPECT_TRUE(s.integration_config.at("account_role_arns").is_array());
}

TEST_F(SettingsTest, ConfigYamlPlaceholderReadsTheEnvironment) {
  ConfigYaml("port:\n  clientId: '{{ from env MY_PORT_ID }}'\n");
  Env("MY_PORT_ID", "id-from-placeholder");
  EXPECT_EQ(Load().port.client_id, "id-from-placeholder");
}

TEST_F(SettingsTest, ConfigYamlPlaceholderIsIgnoredWhenTheEnvironmentSetsTheKey) {
  ConfigYaml("port:\n  clientId: '{{ from env UNSET_VARIABLE }}'\n");
  Env("OCEAN__PORT__CLIENT_ID", "id-from-env");
  EXPECT_EQ(Load().port.client_id, "id-from-env");
}

TEST_F(SettingsTest, ConfigYamlPlaceholderErrorsNameTheKeyAndTheVariable) {
  ConfigYaml("port:\n  clientId: '{{ from env UNSET_VARIABLE }}'\n");
  EXPECT_THAT(ErrorOf(), HasSubstr("config.yaml: port.client_id: environment variable "
                                   "UNSET_VARIABLE is not set"));
  ConfigYaml("port:\n  clientId: '{{ from vault secret/x }}'\n");
  EXPECT_THAT(ErrorOf(), HasSubstr("port.client_id: unknown config provider \"vault\""));
}

TEST_F(SettingsTest, ConfigYamlSyntaxErrorHasLineAndColumn) {
  ConfigYaml("port:\n  clientId: [unclosed\n");
  EXPECT_THAT(ErrorOf(), testing::ContainsRegex(R"(config\.yaml:[0-9]+:[0-9]+: )"));
}

TEST_F(SettingsTest, SpecRequiredFieldMissingNamesTheVariable) {
  src_.spec_text = R"(
configurations:
  - name: appHost
    type: url
  - name: maxPages
    type: integer
    required: true
)";
  EXPECT_THAT(ErrorOf(),
              HasSubstr("OCEAN__INTEGRATION__CONFIG__MAX_PAGES: 'maxPages' is required"));
  Env("OCEAN__INTEGRATION__CONFIG__MAX_PAGES", "12");
  Env("OCEAN__INTEGRATION__CONFIG__APP_HOST", "https://example.test/hooks/");
  OceanSettings s = Load();
  EXPECT_EQ(s.integration_config.at("max_pages").as_int64(), 12);
  EXPECT_EQ(s.integration_config.at("app_host").as_string(), "https://example.test/hooks");
}

TEST_F(SettingsTest, SpecTypeErrorsNameTheSourceAndAreReportedTogether) {
  src_.spec_text = R"(
configurations:
  - {name: maxPages, type: integer}
  - {name: dryRun, type: boolean}
  - {name: hook, type: url}
)";
  Env("OCEAN__INTEGRATION__CONFIG__MAX_PAGES", "many");
  Env("OCEAN__INTEGRATION__CONFIG__HOOK", "not a url");
  ConfigYaml("integration:\n  config:\n    dryRun: perhaps\n");
  std::string err = ErrorOf();
  EXPECT_THAT(err, HasSubstr("OCEAN__INTEGRATION__CONFIG__MAX_PAGES: expected an integer, got "
                             "\"many\""));
  EXPECT_THAT(err, HasSubstr("config.yaml: integration.config.dry_run: expected a boolean"));
  EXPECT_THAT(err, HasSubstr("OCEAN__INTEGRATION__CONFIG__HOOK: expected an absolute URL"));
}

TEST_F(SettingsTest, ProjectSpecEnumIsEnforced) {
  UseProjectSpec();
  Env("OCEAN__INTEGRATION__CONFIG__AWS_PARTITION", "aws-mars");
  std::string err = ErrorOf();
  EXPECT_THAT(err, HasSubstr("OCEAN__INTEGRATION__CONFIG__AWS_PARTITION: expected one of "
                             "\"aws\", \"aws-us-gov\", \"aws-cn\""));
}

TEST_F(SettingsTest, UnknownSpecTypeIsAnErrorNamingTheConfiguration) {
  src_.spec_text = "configurations:\n  - {name: region, type: float}\n";
  EXPECT_THAT(ErrorOf(), HasSubstr("configurations[0] (region): unknown type \"float\""));
}

TEST_F(SettingsTest, SinkIsPortOnlyWithBothCredentials) {
  Env("OCEAN__PORT__CLIENT_ID", "id");
  EXPECT_EQ(Load().sink, SinkKind::kSqlite);
  Env("OCEAN__PORT__CLIENT_SECRET", "client-secret-value");
  EXPECT_EQ(Load().sink, SinkKind::kPort);
  Env("OCEAN__SINK", "ndjson");
  EXPECT_EQ(Load().sink, SinkKind::kNdjson);
  src_.cli_overrides["sink"] = "sqlite";
  src_.cli_overrides["sqlite_path"] = "/tmp/x.db";
  OceanSettings s = Load();
  EXPECT_EQ(s.sink, SinkKind::kSqlite);
  EXPECT_EQ(s.sqlite_path, "/tmp/x.db");
}

TEST_F(SettingsTest, PortSinkWithoutCredentialsIsAnError) {
  Env("OCEAN__SINK", "port");
  EXPECT_THAT(ErrorOf(), HasSubstr("OCEAN__SINK: the port sink needs OCEAN__PORT__CLIENT_ID"));
  Env("OCEAN__SINK", "kafka");
  EXPECT_THAT(ErrorOf(), HasSubstr("OCEAN__SINK: expected one of PORT, SQLITE, NDJSON, got "
                                   "\"kafka\""));
}

TEST_F(SettingsTest, BadValuesNameTheirVariableAndSource) {
  Env("OCEAN__EVENT_LISTENER__INTERVAL", "abc");
  Env("APPLICATION__PORT", "70000");
  Env("OCEAN__EVENT_LISTENER__TYPE", "kafka");
  DotEnv("OCEAN__INITIALIZE_PORT_RESOURCES=maybe\n");
  ConfigYaml("upsertEntitiesBatchMaxLength: 0\n");
  std::string err = ErrorOf();
  EXPECT_THAT(err, HasSubstr("OCEAN__EVENT_LISTENER__INTERVAL: expected an integer, got \"abc\""));
  EXPECT_THAT(err, HasSubstr("APPLICATION__PORT: expected an integer from 1 to 65535, got 70000"));
  EXPECT_THAT(err, HasSubstr("OCEAN__EVENT_LISTENER__TYPE: KAFKA is not supported by ocean-aws"));
  EXPECT_THAT(err, HasSubstr(src_.dotenv_path + ": OCEAN__INITIALIZE_PORT_RESOURCES: expected a "
                             "boolean"));
  EXPECT_THAT(err, HasSubstr("config.yaml: upsert_entities_batch_max_length: expected an integer "
                             "from 1"));
  EXPECT_THAT(err, HasSubstr("; "));
}

TEST_F(SettingsTest, PortBaseUrlMustBeHttp) {
  Env("OCEAN__PORT__BASE_URL", "ftp://port.example");
  EXPECT_THAT(ErrorOf(), HasSubstr("OCEAN__PORT__BASE_URL: expected an http:// or https:// URL"));
}

TEST_F(SettingsTest, LoadedSecretsAreRegisteredForRedaction) {
  UseProjectSpec();
  const std::string port_secret = "port-secret-7f3a9c2e";
  const std::string key_id = "AKIAEXAMPLEKEYID7788";
  const std::string aws_secret = "aws-secret-d41d8cd98f00b204";
  const std::string token = "session-token-e99a18c428cb38d5";
  const std::string env_secret = "env-aws-secret-0cc175b9c0f1";
  Env("OCEAN__PORT__CLIENT_ID", "id");
  Env("OCEAN__PORT__CLIENT_SECRET", port_secret);
  Env("OCEAN__INTEGRATION__CONFIG__AWS_ACCESS_KEY_ID", key_id);
  Env("OCEAN__INTEGRATION__CONFIG__AWS_SECRET_ACCESS_KEY", aws_secret);
  Env("OCEAN__INTEGRATION__CONFIG__AWS_SESSION_TOKEN", token);
  Env("AWS_SECRET_ACCESS_KEY", env_secret);
  OceanSettings s = Load();
  EXPECT_EQ(s.port.client_secret, port_secret);
  EXPECT_EQ(s.integration_config.at("aws_secret_access_key").as_string(), aws_secret);
  for (const std::string& secret : {port_secret, key_id, aws_secret, token, env_secret}) {
    EXPECT_EQ(core::Redact("value=<" + secret + ">"), "value=<[REDACTED]>") << secret;
  }
}

TEST_F(SettingsTest, AlwaysSecretKeysAreRegisteredWithoutASpec) {
  const std::string aws_secret = "aws-secret-without-spec-1234";
  const std::string key_id = "AKIAWITHOUTSPEC55667";
  Env("OCEAN__INTEGRATION__CONFIG__AWS_SECRET_ACCESS_KEY", aws_secret);
  Env("OCEAN__INTEGRATION__CONFIG__AWS_ACCESS_KEY_ID", key_id);
  Load();
  EXPECT_EQ(core::Redact("<" + aws_secret + ">"), "<[REDACTED]>");
  EXPECT_EQ(core::Redact("<" + key_id + ">"), "<[REDACTED]>");
}

TEST_F(SettingsTest, ErrorsNeverShowSecretValues) {
  src_.spec_text = R"(
configurations:
  - {name: apiToken, type: integer, sensitive: true}
  - {name: region, type: string, enum: [eu, us], sensitive: true}
)";
  const std::string token = "not-a-number-secret-93e1";
  const std::string region = "secret-region-value-55aa";
  Env("OCEAN__INTEGRATION__CONFIG__API_TOKEN", token);
  Env("OCEAN__INTEGRATION__CONFIG__REGION", region);
  // A secret given with the wrong shape.
  Env("OCEAN__PORT", R"({"client_secret": {"nested": "port-secret-in-object-77"}})");
  std::string err = ErrorOf();
  EXPECT_THAT(err, HasSubstr("OCEAN__INTEGRATION__CONFIG__API_TOKEN: expected an integer"));
  EXPECT_THAT(err, HasSubstr("OCEAN__INTEGRATION__CONFIG__REGION: expected one of"));
  EXPECT_THAT(err, HasSubstr("OCEAN__PORT__CLIENT_SECRET: expected a string, got mapping"));
  for (const std::string& secret : {token, region, std::string("port-secret-in-object-77")}) {
    EXPECT_THAT(err, Not(HasSubstr(secret)));
  }
}

TEST_F(SettingsTest, BrokenPortObjectDoesNotEchoItsSecret) {
  Env("OCEAN__PORT", R"({"client_id": "id", "client_secret": "broken-json-secret-4455")");
  std::string err = ErrorOf();
  EXPECT_THAT(err, HasSubstr("OCEAN__PORT: expected a JSON object"));
  EXPECT_THAT(err, Not(HasSubstr("broken-json-secret-4455")));
}

TEST_F(SettingsTest, DotenvErrorNamesFileAndLine) {
  DotEnv("OCEAN__PORT__CLIENT_ID=ok\nOCEAN__PORT__CLIENT_SECRET\n");
  EXPECT_THAT(ErrorOf(), HasSubstr(src_.dotenv_path + ":2: expected KEY=VALUE"));
}

TEST_F(SettingsTest, EmptyVariableIsTreatedAsUnset) {
  Env("OCEAN__INTEGRATION__IDENTIFIER", "");
  Env("OCEAN__EVENT_LISTENER__INTERVAL", "");
  OceanSettings s = Load();
  EXPECT_EQ(s.integration_identifier, "my-aws-v3-integration");
  EXPECT_EQ(s.event_listener.interval_seconds, 60);
}

TEST_F(SettingsTest, PathPrefixIsNormalised) {
  Env("OCEAN__PATH_PREFIX", "api/v1/");
  EXPECT_EQ(Load().path_prefix, "/api/v1");
}

}  // namespace
}  // namespace ocean

namespace ocean {
namespace {

class MappingPoolSettingsTest : public SettingsTest {};

TEST_F(MappingPoolSettingsTest, OceansPoolSettingsAndOurMemoryLimit) {
  OceanSettings defaults = Load();
  EXPECT_FALSE(defaults.mapping_workers.has_value());  // the pool sizes itself to the machine
  EXPECT_EQ(defaults.mapping_item_timeout_seconds, 120);
  EXPECT_EQ(defaults.mapping_worker_memory_limit_mb, 4096);
  EXPECT_EQ(defaults.resync_stage_capacity, 16u);
  Env("OCEAN__PROCESS_IN_QUEUE_MAX_WORKERS", "3");
  Env("OCEAN__PROCESS_IN_QUEUE_TIMEOUT", "7");
  Env("OCEAN__MAPPING_WORKER_MEMORY_LIMIT_MB", "512");
  Env("OCEAN__RESYNC_STAGE_CAPACITY", "2");
  OceanSettings s = Load();
  EXPECT_EQ(s.resync_stage_capacity, 2u);
  EXPECT_EQ(s.mapping_workers, 3);
  EXPECT_EQ(s.mapping_item_timeout_seconds, 7);
  EXPECT_EQ(s.mapping_worker_memory_limit_mb, 512);
  Env("OCEAN__PROCESS_IN_QUEUE_MAX_WORKERS", "0");  // in-process mapping
  EXPECT_EQ(Load().mapping_workers, 0);
}

TEST_F(MappingPoolSettingsTest, ATimeoutBelowOneSecondIsRefused) {
  Env("OCEAN__PROCESS_IN_QUEUE_TIMEOUT", "0");
  EXPECT_NE(ErrorOf().find("OCEAN__PROCESS_IN_QUEUE_TIMEOUT"), std::string::npos);
}

}  // namespace
}  // namespace ocean
