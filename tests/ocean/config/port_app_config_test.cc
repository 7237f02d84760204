// ParsePortAppConfig / PortAppConfigFromJson: keys, defaults, aws-v3 selector fields, and errors
// that name the location of the problem.
#include "ocean/config/port_app_config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/kind_table.h"
#include "fakes/temp_dir.h"

namespace ocean {
namespace {

using ::testing::HasSubstr;

constexpr std::string_view kMinimal = R"(
resources:
  - kind: AWS::S3::Bucket
    selector:
      query: 'true'
    port:
      entity:
        mappings:
          identifier: .Properties.Arn
          blueprint: '"s3Bucket"'
)";

core::Result<PortAppConfig> Parse(std::string_view text) {
  return ParsePortAppConfig(text, "port-app-config.yml");
}

std::string ErrorOf(std::string_view text) {
  auto r = Parse(text);
  EXPECT_FALSE(r.ok()) << "expected an error for:\n" << text;
  return r.ok() ? "" : r.status().message();
}

// kMinimal with `line` inserted into the selector (indentation 6).
std::string WithSelector(std::string_view line) {
  std::string s(kMinimal);
  std::string anchor = "      query: 'true'\n";
  s.insert(s.find(anchor) + anchor.size(), std::string(line) + "\n");
  return s;
}

TEST(PortAppConfigTest, DefaultsMatchOcean) {
  auto r = Parse(kMinimal);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(r->enable_merge_entity);
  EXPECT_TRUE(r->delete_dependent_entities);
  EXPECT_TRUE(r->create_missing_related_entities);
  EXPECT_DOUBLE_EQ(r->entity_deletion_threshold, 0.9);
  ASSERT_EQ(r->resources.size(), 1u);
  const ResourceConfig& res = r->resources[0];
  EXPECT_EQ(res.index, 0);
  EXPECT_EQ(res.kind, "AWS::S3::Bucket");
  EXPECT_EQ(res.selector_query, "true");
  EXPECT_TRUE(res.region_policy.allow.empty());
  EXPECT_TRUE(res.region_policy.deny.empty());
  EXPECT_TRUE(res.include_actions.empty());
  EXPECT_EQ(res.max_concurrent_accounts, 5u);
  EXPECT_FALSE(res.items_to_parse.has_value());
  EXPECT_EQ(res.items_to_parse_name, "item");
  EXPECT_TRUE(res.items_to_parse_top_level_transform);
  EXPECT_EQ(res.literal_blueprint, "s3Bucket");
  EXPECT_EQ(core::WriteJson(res.mappings),
            R"({"identifier":".Properties.Arn","blueprint":"\"s3Bucket\""})");
  ASSERT_TRUE(r->source.contains("resources"));
}

TEST(PortAppConfigTest, CamelCaseAndSnakeCaseKeysAreEquivalent) {
  const std::string camel = R"(
enableMergeEntity: false
deleteDependentEntities: false
createMissingRelatedEntities: false
entityDeletionThreshold: 0.25
resources:
  - kind: AWS::SQS::Queue
    selector: {query: 'true', includeActions: [ListQueueTagsAction], maxConcurrentAccounts: 2,
               regionPolicy: {allow: [eu-west-1]}}
    port:
      itemsToParse: .Properties.Tags
      itemsToParseName: tag
      itemsToParseTopLevelTransform: false
      entity: {mappings: {identifier: .item.Key, blueprint: '"t"'}}
)";
  std::string snake = camel;
  for (auto [from, to] : std::initializer_list<std::pair<std::string, std::string>>{
           {"enableMergeEntity", "enable_merge_entity"},
           {"deleteDependentEntities", "delete_dependent_entities"},
           {"createMissingRelatedEntities", "create_missing_related_entities"},
           {"entityDeletionThreshold", "entity_deletion_threshold"},
           {"includeActions", "include_actions"},
           {"maxConcurrentAccounts", "max_concurrent_accounts"},
           {"regionPolicy", "region_policy"},
           {"itemsToParseTopLevelTransform", "items_to_parse_top_level_transform"},
           {"itemsToParseName", "items_to_parse_name"},
           {"itemsToParse:", "items_to_parse:"}}) {
    snake.replace(snake.find(from), from.size(), to);
  }
  for (const std::string& text : {camel, snake}) {
    auto r = Parse(text);
    ASSERT_TRUE(r.ok()) << r.status().message() << "\n" << text;
    EXPECT_FALSE(r->enable_merge_entity);
    EXPECT_FALSE(r->delete_dependent_entities);
    EXPECT_FALSE(r->create_missing_related_entities);
    EXPECT_DOUBLE_EQ(r->entity_deletion_threshold, 0.25);
    const ResourceConfig& res = r->resources.at(0);
    EXPECT_EQ(res.include_actions, std::vector<std::string>{"ListQueueTagsAction"});
    EXPECT_EQ(res.max_concurrent_accounts, 2u);
    EXPECT_EQ(res.region_policy.allow, std::vector<std::string>{"eu-west-1"});
    EXPECT_EQ(res.items_to_parse, ".Properties.Tags");
    EXPECT_EQ(res.items_to_parse_name, "tag");
    EXPECT_FALSE(res.items_to_parse_top_level_transform);
    EXPECT_EQ(res.literal_blueprint, "t");
  }
}

TEST(PortAppConfigTest, JsonDocumentIsAccepted) {
  auto r = Parse(R"(  {"resources": [{"kind": "AWS::Account::Info", "selector": {"query": "true"},
    "port": {"entity": {"mappings": {"identifier": ".Properties.Id",
                                      "blueprint": "'awsAccount'"}}}}]})");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->resources.at(0).kind, "AWS::Account::Info");
  EXPECT_EQ(r->resources.at(0).literal_blueprint, "awsAccount");
}

TEST(PortAppConfigTest, UnquotedYamlScalarsStayJqText) {
  auto r = Parse(R"(
resources:
  - kind: AWS::S3::Bucket
    selector: {query: true}
    port:
      entity:
        mappings:
          identifier: .Properties.Arn
          blueprint: '"s3Bucket"'
          properties: {answer: 42, ratio: 0.5, flag: false}
)");
  ASSERT_TRUE(r.ok()) << r.status().message();
  const ResourceConfig& res = r->resources.at(0);
  EXPECT_EQ(res.selector_query, "true");
  const json::object& props = res.mappings.at("properties").get_object();
  EXPECT_EQ(props.at("answer"), "42");
  EXPECT_EQ(props.at("ratio"), "0.5");
  EXPECT_EQ(props.at("flag"), "false");
  // The source keeps what the user wrote (YAML types), for sending back to Port.
  EXPECT_TRUE(r->source.at("resources").at(0).at("selector").at("query").is_bool());
}

TEST(PortAppConfigTest, SearchQueryIdentifiersAndRelations) {
  auto r = Parse(R"(
resources:
  - kind: AWS::EC2::Instance
    selector: {query: 'true'}
    port:
      entity:
        mappings:
          identifier:
            combinator: '"and"'
            rules:
              - {property: '"$identifier"', operator: '"="', value: .Properties.InstanceId}
          blueprint: '"ec2Instance"'
          team: {combinator: '"or"', rules: [{combinator: '"and"', rules: []}]}
          relations:
            account: .__ExtraContext.AccountId
            owner: {combinator: '"and"', rules: [{property: '"x"', operator: '"="', value: 1}]}
)");
  ASSERT_TRUE(r.ok()) << r.status().message();
  const json::object& m = r->resources.at(0).mappings;
  EXPECT_EQ(m.at("identifier").at("rules").at(0).at("value"), ".Properties.InstanceId");
  EXPECT_EQ(m.at("relations").at("owner").at("rules").at(0).at("value"), "1");
  EXPECT_EQ(m.at("team").at("rules").at(0).at("combinator"), "\"and\"");
}

TEST(PortAppConfigTest, EmptyMappingIsValid) {
  for (std::string_view text : {"", "# nothing\n", "resources: []\n", "{}"}) {
    auto r = Parse(text);
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_TRUE(r->resources.empty());
  }
}

TEST(PortAppConfigTest, MaxConcurrentAccountsZeroMeansFiveAndNegativeIsRefused) {
  auto zero = Parse(WithSelector("      maxConcurrentAccounts: 0"));
  ASSERT_TRUE(zero.ok()) << zero.status().message();
  EXPECT_EQ(zero->resources[0].max_concurrent_accounts, 5u);
  EXPECT_THAT(ErrorOf(WithSelector("      maxConcurrentAccounts: -1")),
              HasSubstr("resources[0].selector.maxConcurrentAccounts: expected a non-negative "
                        "integer, got -1"));
}

TEST(PortAppConfigTest, MoreThanThreeIncludeActionsIsAnError) {
  EXPECT_THAT(ErrorOf(WithSelector("      includeActions: [A, B, C, D]")),
              HasSubstr("port-app-config.yml: resources[0].selector.includeActions: at most 3 "
                        "actions may be included, got 4"));
  EXPECT_TRUE(Parse(WithSelector("      includeActions: [A, B, C]")).ok());
}

TEST(PortAppConfigTest, RegionPolicyErrorsNameTheSelector) {
  EXPECT_THAT(ErrorOf(WithSelector("      regionPolicy: {allow: [{region: x}]}")),
              HasSubstr("port-app-config.yml: resources[0].selector.regionPolicy.allow[0]: expected a region name"));
}

TEST(PortAppConfigTest, ThresholdOutsideZeroToOneIsAnError) {
  for (std::string_view bad : {"1.5", "-0.1", "lots"}) {
    EXPECT_THAT(ErrorOf("entityDeletionThreshold: " + std::string(bad) + "\n"),
                HasSubstr("port-app-config.yml: entityDeletionThreshold: expected a number between "
                          "0 and 1, got"));
  }
  auto edge = Parse("entity_deletion_threshold: 1\n");
  ASSERT_TRUE(edge.ok());
  EXPECT_DOUBLE_EQ(edge->entity_deletion_threshold, 1.0);
}

TEST(PortAppConfigTest, UnknownKindNamesItAndListsEveryKnownKind) {
  std::string text(kMinimal);
  text.replace(text.find("AWS::S3::Bucket"), 15, "Nope::Thing");
  std::string err = ErrorOf(text);
  EXPECT_THAT(err, HasSubstr("resources[0].kind: unknown kind \"Nope::Thing\""));
  for (const catalog::KindSpec* k : catalog::AllKinds()) {
    EXPECT_THAT(err, HasSubstr(std::string(k->name)));
  }
}

// Issue 15: a CloudFormation type name without a definition of its own is a Cloud Control kind
// (data/kinds/cloudcontrol_any.yaml); other unknown names are still refused, and the error says
// which names are accepted.
TEST(PortAppConfigTest, CloudFormationTypeNamesAreCloudControlKinds) {
  std::string text(kMinimal);
  text.replace(text.find("AWS::S3::Bucket"), 15, "AWS::Lightsail::Instance");
  auto r = Parse(text);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->resources[0].kind, "AWS::Lightsail::Instance");
  for (std::string_view bad : {"AWS::Lightsail", "Custom::Lightsail::Instance", "AWS::Light sail::X",
                               "AWS::Lightsail::Instance::Extra", "aws::lightsail::instance"}) {
    std::string t(kMinimal);
    t.replace(t.find("AWS::S3::Bucket"), 15, bad);
    std::string err = ErrorOf(t);
    EXPECT_THAT(err, HasSubstr("unknown kind \"" + std::string(bad) + "\"")) << bad;
    EXPECT_THAT(err, HasSubstr("or any CloudFormation type name AWS::<Service>::<Type>")) << bad;
  }
}

// The older Cloud Control integration's `useGetResourceAPI: true` selects GetResourceAction for
// Cloud Control kinds; native kinds ignore it; anything but a boolean is refused.
TEST(PortAppConfigTest, UseGetResourceApiSelectsGetResourceActionForCloudControlKinds) {
  std::string text = WithSelector("      useGetResourceAPI: true");
  auto native = Parse(text);
  ASSERT_TRUE(native.ok()) << native.status().message();
  EXPECT_TRUE(native->resources[0].include_actions.empty());
  text.replace(text.find("AWS::S3::Bucket"), 15, "AWS::Lightsail::Instance");
  auto cc = Parse(text);
  ASSERT_TRUE(cc.ok()) << cc.status().message();
  EXPECT_EQ(cc->resources[0].include_actions, std::vector<std::string>{"GetResourceAction"});
  std::string off = WithSelector("      useGetResourceAPI: false");
  off.replace(off.find("AWS::S3::Bucket"), 15, "AWS::Lightsail::Instance");
  auto none = Parse(off);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->resources[0].include_actions.empty());
  EXPECT_THAT(ErrorOf(WithSelector("      useGetResourceAPI: [yes]")),
              HasSubstr("selector.useGetResourceAPI: expected true or false"));
}

TEST(PortAppConfigTest, YamlSyntaxErrorHasLineAndColumn) {
  // Line 3 opens a flow sequence that never closes.
  EXPECT_THAT(ErrorOf("resources:\n  - kind: AWS::S3::Bucket\n    selector: [query\n"),
              ::testing::MatchesRegex("port-app-config.yml:[34]:[0-9]+: invalid YAML: .*"));
  EXPECT_THAT(ErrorOf("a: b\n  c: d\n"),
              ::testing::MatchesRegex("port-app-config.yml:2:[0-9]+: invalid YAML: .*"));
}

TEST(PortAppConfigTest, JsonSyntaxErrorHasLineAndColumn) {
  // The stray '}' is on line 3, column 14.
  std::string err = ErrorOf("{\n  \"resources\": [\n    {\"kind\": }\n  ]\n}");
  EXPECT_THAT(err, HasSubstr("port-app-config.yml:3:14: invalid JSON"));
}

TEST(PortAppConfigTest, MissingIdentifierNamesTheMappingPath) {
  std::string text = std::string(kMinimal) + R"(  - kind: AWS::S3::Bucket
    selector: {query: 'true'}
    port: {entity: {mappings: {identifier: .a, blueprint: '"b"'}}}
  - kind: AWS::ECS::Cluster
    selector: {query: 'true'}
    port: {entity: {mappings: {blueprint: '"ecsCluster"'}}}
)";
  EXPECT_EQ(ErrorOf(text),
            "port-app-config.yml: resources[2].port.entity.mappings: 'identifier' is required");
}

TEST(PortAppConfigTest, StructuralErrorsNameTheirPath) {
  EXPECT_THAT(ErrorOf("resources: {}\n"), HasSubstr("resources: expected a list, got mapping"));
  EXPECT_THAT(ErrorOf("resources: [{kind: AWS::S3::Bucket, port: {}}]\n"),
              HasSubstr("resources[0]: 'selector' is required"));
  EXPECT_THAT(ErrorOf("resources: [{kind: AWS::S3::Bucket, selector: {}}]\n"),
              HasSubstr("resources[0].selector: 'query' is required"));
  EXPECT_THAT(ErrorOf(WithSelector("      includeActions: [1]")),
              HasSubstr("resources[0].selector.includeActions[0]: expected an action name"));
  EXPECT_THAT(ErrorOf("enableMergeEntity: maybe\n"),
              HasSubstr("enableMergeEntity: expected a boolean, got \"maybe\""));
  std::string bad_prop(kMinimal);
  bad_prop += "          properties: {tags: [a]}\n";
  EXPECT_THAT(ErrorOf(bad_prop),
              HasSubstr("resources[0].port.entity.mappings.properties.tags: expected a jq "
                        "expression (string), got list"));
  std::string bad_rel(kMinimal);
  bad_rel += "          relations: {account: {x: 1}}\n";
  EXPECT_THAT(ErrorOf(bad_rel),
              HasSubstr("mappings.relations.account: expected a jq expression (string) or a "
                        "search query"));
}

// Port's `GET /v1/integration/{id}` -> `config` arrives as a JSON tree, snake_case or camelCase.
TEST(PortAppConfigTest, TreeFromPortWithSnakeCaseKeys) {
  auto doc = core::ParseJson(R"({
    "delete_dependent_entities": false, "entity_deletion_threshold": 0.5,
    "resources": [{"kind": "AWS::EC2::Instance",
                   "selector": {"query": "true", "region_policy": {"deny": ["us-east-1"]},
                                "max_concurrent_accounts": 3},
                   "port": {"items_to_parse": ".x", "entity": {"mappings": {
                       "identifier": ".Properties.InstanceId", "blueprint": "\"ec2Instance\""}}}}]
  })", "test");
  ASSERT_TRUE(doc.ok());
  auto r = PortAppConfigFromJson(*doc, "Port integration config");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(r->enable_merge_entity);  // default kept
  EXPECT_FALSE(r->delete_dependent_entities);
  EXPECT_TRUE(r->create_missing_related_entities);
  EXPECT_DOUBLE_EQ(r->entity_deletion_threshold, 0.5);
  const ResourceConfig& res = r->resources.at(0);
  EXPECT_EQ(res.region_policy.deny, std::vector<std::string>{"us-east-1"});
  EXPECT_TRUE(res.region_policy.allow.empty());
  EXPECT_FALSE(res.region_policy.Allows("us-east-1"));
  EXPECT_TRUE(res.region_policy.Allows("eu-west-1"));
  EXPECT_EQ(res.max_concurrent_accounts, 3u);
  EXPECT_EQ(res.items_to_parse, ".x");
  EXPECT_EQ(res.literal_blueprint, "ec2Instance");
  EXPECT_EQ(core::WriteJson(r->source.at("entity_deletion_threshold")), "0.5");
}

TEST(PortAppConfigTest, TreeErrorsNameTheSourceAndPath) {
  auto doc = core::ParseJson(R"({"resources": [
      {"kind": "AWS::S3::Bucket", "selector": {"query": "true"},
       "port": {"entity": {"mappings": {"identifier": ".a", "blueprint": "\"b\""}}}},
      {"kind": "Nope::Thing", "selector": {"query": "true"}}]})", "test");
  ASSERT_TRUE(doc.ok());
  auto r = PortAppConfigFromJson(*doc, "Port integration config");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(),
              HasSubstr("Port integration config: resources[1].kind: unknown kind "
                        "\"Nope::Thing\"; known kinds: AWS::"));
  auto not_object = PortAppConfigFromJson(json::value(json::array{1, 2}), "Port integration config");
  ASSERT_FALSE(not_object.ok());
  EXPECT_THAT(not_object.status().message(),
              HasSubstr("Port integration config: expected a mapping at the top level, got list"));
}

TEST(PortAppConfigTest, SelectorFieldsFromPortSideBySideWithRegionPolicyAllowAndDeny) {
  auto r = Parse(WithSelector(
      "      regionPolicy: {allow: [eu-west-1, us-east-1], deny: [us-east-1]}\n"
      "      includeActions: [ListTagsAction, GetPolicyAction]"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  const ResourceConfig& res = r->resources.at(0);
  EXPECT_EQ(res.region_policy.allow, (std::vector<std::string>{"eu-west-1", "us-east-1"}));
  EXPECT_EQ(res.region_policy.deny, std::vector<std::string>{"us-east-1"});
  EXPECT_FALSE(res.region_policy.Allows("us-east-1"));  // deny wins
  EXPECT_TRUE(res.region_policy.Allows("eu-west-1"));
  EXPECT_FALSE(res.region_policy.Allows("ap-south-1"));
  EXPECT_EQ(res.include_actions,
            (std::vector<std::string>{"ListTagsAction", "GetPolicyAction"}));
  EXPECT_EQ(res.max_concurrent_accounts, 5u);
}

TEST(PortAppConfigTest, QueryMustBeAScalar) {
  EXPECT_THAT(ErrorOf("resources: [{kind: AWS::S3::Bucket, selector: {query: [a]}}]\n"),
              HasSubstr("resources[0].selector.query: expected a jq expression (string), got list"));
}

TEST(PortAppConfigTest, FileIsReadAndItsErrorsNameThePath) {
  testing_fakes::TempDir dir;
  std::string good = dir.WriteFile("mapping.yml", std::string(kMinimal));
  auto r = LoadPortAppConfigFile(good);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->resources.at(0).kind, "AWS::S3::Bucket");

  std::string json_file = dir.WriteFile("mapping.json", "{\n  \"resources\": [,]\n}");
  auto bad = LoadPortAppConfigFile(json_file);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr(json_file + ":2:"));

  std::string yaml_file = dir.WriteFile("bad.yml", "resources:\n  - kind: AWS::Nope\n");
  auto unknown = LoadPortAppConfigFile(yaml_file);
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(unknown.status().message(),
              HasSubstr(yaml_file + ": resources[0].kind: unknown kind \"AWS::Nope\""));

  auto missing = LoadPortAppConfigFile(dir.path() + "/absent.yml");
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(), HasSubstr(dir.path() + "/absent.yml: cannot open"));
}

TEST(PortAppConfigTest, JqStringLiteral) {
  EXPECT_EQ(JqStringLiteral("\"s3Bucket\""), "s3Bucket");
  EXPECT_EQ(JqStringLiteral(" 'awsAccount' "), "awsAccount");
  EXPECT_EQ(JqStringLiteral(R"("a\"b")"), "a\"b");
  EXPECT_EQ(JqStringLiteral(R"("a" + "b")"), std::nullopt);
  EXPECT_EQ(JqStringLiteral(R"j("x\(.a)")j"), std::nullopt);
  EXPECT_EQ(JqStringLiteral(".blueprint"), std::nullopt);
  EXPECT_EQ(JqStringLiteral("'a' + 'b'"), std::nullopt);
}

}  // namespace
}  // namespace ocean
