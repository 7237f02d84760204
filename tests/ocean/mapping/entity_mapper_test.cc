#include "ocean/mapping/entity_mapper.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace ocean::mapping {
namespace {

json::value J(std::string_view text) {
  auto v = core::ParseJson(text);
  EXPECT_TRUE(v.ok()) << v.status().message() << " in " << text;
  return v.ok() ? *v : json::value();
}

ResourceConfig Resource(std::string_view mappings, std::string selector = "true",
                        std::string kind = "AWS::EC2::Instance") {
  ResourceConfig r;
  r.index = 2;
  r.kind = std::move(kind);
  r.selector_query = std::move(selector);
  r.mappings = J(mappings).as_object();
  return r;
}

MapResult MapAll(const ResourceConfig& r, std::string_view items_json, JqOptions options = {}) {
  auto mapper = EntityMapper::Compile(r, options);
  EXPECT_TRUE(mapper.ok()) << mapper.status().message();
  if (!mapper.ok()) return {};
  json::value items = J(items_json);
  const json::array& a = items.as_array();
  return mapper->Map(std::span<const json::value>(a.data(), a.size()));
}

constexpr std::string_view kEc2Mapping = R"({
  "identifier": ".Properties.InstanceId",
  "title": ".Properties.InstanceId",
  "blueprint": "\"ec2Instance\"",
  "properties": {
    "instanceType": ".Properties.InstanceType",
    "state": ".Properties.State.Name",
    "publicIpAddress": ".Properties.PublicIpAddress",
    "tags": ".Properties.Tags",
    "arn": "\"arn:aws:ec2:\" + .__ExtraContext.Region + \":\" + .__ExtraContext.AccountId + \":instance/\" + .Properties.InstanceId"
  },
  "relations": {"account": ".__ExtraContext.AccountId"}
})";

constexpr std::string_view kEc2Item = R"({"Type":"AWS::EC2::Instance",
  "Properties":{"InstanceId":"i-1","InstanceType":"t3.micro","State":{"Code":16,"Name":"running"},
                "Tags":[{"Key":"Name","Value":"web"}]},
  "__ExtraContext":{"AccountId":"123456789012","Region":"eu-west-1"}})";

TEST(EntityMapper, MapsTheDefaultEc2MappingInOceansKeyOrder) {
  // Blueprint given in single quotes around a JSON string: exercises the quote normalisation.
  ResourceConfig r = Resource(R"({
    "relations": {"account": ".__ExtraContext.AccountId"},
    "blueprint": "'ec2Instance'",
    "properties": {"state": ".Properties.State.Name", "arn": "\"arn:aws:ec2:\" + .__ExtraContext.Region + \":\" + .__ExtraContext.AccountId + \":instance/\" + .Properties.InstanceId"},
    "identifier": ".Properties.InstanceId"})");
  MapResult res = MapAll(r, std::string("[") + std::string(kEc2Item) + "]");
  ASSERT_EQ(res.entities.size(), 1u);
  EXPECT_EQ(core::WriteJson(res.entities[0].entity),
            R"({"identifier":"i-1","blueprint":"ec2Instance","properties":{"state":"running",)"
            R"("arn":"arn:aws:ec2:eu-west-1:123456789012:instance/i-1"},"relations":{"account":"123456789012"}})");
  EXPECT_EQ(res.raw, 1);
  EXPECT_EQ(res.expanded, 1);
  EXPECT_TRUE(res.errors.empty());
}

TEST(EntityMapper, MissingValuesAreNullAndNotErrors) {
  MapResult res = MapAll(Resource(kEc2Mapping), std::string("[") + std::string(kEc2Item) + "]");
  ASSERT_EQ(res.entities.size(), 1u);
  const json::object& props = res.entities[0].entity.at("properties").as_object();
  EXPECT_TRUE(props.at("publicIpAddress").is_null());
  EXPECT_EQ(core::WriteJson(props.at("tags")), R"([{"Key":"Name","Value":"web"}])");
  EXPECT_TRUE(res.errors.empty());
}

TEST(EntityMapper, SelectorTrueFalseNonBooleanEmptyAndError) {
  ResourceConfig r = Resource(R"({"identifier": ".id", "blueprint": "\"b\""})", ".keep");
  MapResult res = MapAll(r, R"([{"id":"a","keep":true},{"id":"b","keep":false},{"id":"c","keep":"yes"},
                              {"id":"d"}])");
  ASSERT_EQ(res.entities.size(), 1u);
  EXPECT_EQ(res.entities[0].entity.at("identifier"), "a");
  EXPECT_EQ(res.filtered_out, 1);
  EXPECT_EQ(res.failed, 2);  // "yes" and null are not booleans
  ASSERT_EQ(res.errors.size(), 2u);
  EXPECT_EQ(res.errors[0].field, "selector.query");
  EXPECT_EQ(res.errors[0].expression, ".keep");
  EXPECT_EQ(res.errors[0].kind, "AWS::EC2::Instance");
  EXPECT_EQ(res.errors[0].item, "item #2");
  EXPECT_NE(res.errors[0].message.find("must yield a boolean, got string (\"yes\")"), std::string::npos);
  EXPECT_NE(res.errors[1].message.find("got null"), std::string::npos);

  MapResult empty = MapAll(Resource(R"({"identifier": ".id", "blueprint": "\"b\""})", "empty"), R"([{"id":"a"}])");
  EXPECT_EQ(empty.failed, 1);
  EXPECT_NE(empty.errors.at(0).message.find("no output"), std::string::npos);

  MapResult err = MapAll(Resource(R"({"identifier": ".id", "blueprint": "\"b\""})", ".id.x"), R"([{"id":"a"}])");
  EXPECT_EQ(err.failed, 1);
  EXPECT_EQ(err.errors.at(0).message.rfind("Cannot index string with", 0), 0u);
}

TEST(EntityMapper, LeavesTakeTheFirstOutputOrNull) {
  ResourceConfig r = Resource(R"({"identifier": ".id", "blueprint": "\"b\"",
    "properties": {"first": ".xs[]", "none": "empty", "nul": "null", "second": ".xs[1]"}})");
  MapResult res = MapAll(r, R"([{"id":"a","xs":[10,20,30]}])");
  ASSERT_EQ(res.entities.size(), 1u);
  EXPECT_EQ(core::WriteJson(res.entities[0].entity.at("properties")),
            R"({"first":10,"none":null,"nul":null,"second":20})");
  EXPECT_TRUE(res.errors.empty());
}

TEST(EntityMapper, NullOrEmptyIdentifierOrBlueprintIsDroppedAndCounted) {
  ResourceConfig r = Resource(R"({"identifier": ".id", "blueprint": ".bp"})");
  MapResult res = MapAll(r, R"([{"id":"a","bp":"x"},{"bp":"x"},{"id":"","bp":"x"},{"id":"b","bp":""},
                              {"id":"c"},{"id":0,"bp":"x"},{"id":"d","bp":"x"}])");
  ASSERT_EQ(res.entities.size(), 2u);
  EXPECT_EQ(res.entities[0].entity.at("identifier"), "a");
  EXPECT_EQ(res.entities[1].entity.at("identifier"), "d");
  EXPECT_EQ(res.entities[1].raw_index, 6u);
  EXPECT_EQ(res.dropped, 5);
}

TEST(EntityMapper, RuntimeErrorIsIsolatedToItsItemAndLeaf) {
  ResourceConfig r = Resource(R"({"identifier": ".Properties.InstanceId", "blueprint": "\"ec2Instance\"",
    "properties": {"size": ".Properties.Size + 1", "type": ".Properties.InstanceType"}})");
  for (bool combine : {true, false}) {
    MapResult res = MapAll(r, R"([
      {"Properties":{"InstanceId":"i-bad","Size":"big","InstanceType":"t3"}},
      {"Properties":{"InstanceId":"i-good","Size":1,"InstanceType":"m5"}}])",
                           JqOptions{.combine_leaves = combine});
    ASSERT_EQ(res.entities.size(), 2u) << "combine=" << combine;
    EXPECT_EQ(core::WriteJson(res.entities[0].entity.at("properties")), R"({"size":null,"type":"t3"})");
    EXPECT_EQ(core::WriteJson(res.entities[1].entity.at("properties")), R"({"size":2,"type":"m5"})");
    ASSERT_EQ(res.errors.size(), 1u);
    const MapError& e = res.errors[0];
    EXPECT_EQ(e.kind, "AWS::EC2::Instance");
    EXPECT_EQ(e.field, "properties.size");
    EXPECT_EQ(e.expression, ".Properties.Size + 1");
    EXPECT_EQ(e.item, "i-bad");
    EXPECT_EQ(e.message, "string (\"big\") and number (1) cannot be added");
    EXPECT_EQ(res.failed, 0);
  }
}

TEST(EntityMapper, RelationsWithSearchQueriesAndTeam) {
  ResourceConfig r = Resource(R"({"identifier": ".id", "blueprint": "\"svc\"",
    "team": {"combinator": "\"and\"", "rules": [{"property": "\"handle\"", "operator": "\"=\"", "value": ".owner"}]},
    "relations": {
      "cluster": ".cluster",
      "account": {"combinator": "\"and\"", "rules": [
        {"property": "\"$identifier\"", "operator": "\"=\"", "value": ".acct | ascii_downcase"},
        {"combinator": "\"or\"", "rules": [{"property": "\"region\"", "operator": "\"in\"", "value": "[.region]"}]}]}}})");
  MapResult res = MapAll(r, R"([{"id":"s1","owner":"team-a","cluster":"c1","acct":"ACC","region":"eu"},
                                {"id":"s2","owner":"team-b","cluster":"c2","acct":5,"region":"us"}])");
  ASSERT_EQ(res.entities.size(), 2u);
  EXPECT_EQ(core::WriteJson(res.entities[0].entity),
            R"({"identifier":"s1","blueprint":"svc","team":{"combinator":"and","rules":[{"property":"handle","operator":"=","value":"team-a"}]},)"
            R"("relations":{"cluster":"c1","account":{"combinator":"and","rules":[{"property":"$identifier","operator":"=","value":"acc"},)"
            R"({"combinator":"or","rules":[{"property":"region","operator":"in","value":["eu"]}]}]}}})");
  ASSERT_EQ(res.errors.size(), 1u);
  EXPECT_EQ(res.errors[0].field, "relations.account.rules[0].value");
  EXPECT_EQ(res.errors[0].item, "item #1");
  EXPECT_TRUE(res.entities[1].entity.at("relations").at("account").at("rules").at(0).at("value").is_null());
}

TEST(EntityMapper, TeamAsPlainExpression) {
  MapResult res = MapAll(Resource(R"({"identifier": ".id", "blueprint": "\"b\"", "team": ".t", "icon": "\"AWS\""})"),
                         R"([{"id":"a","t":["x","y"]}])");
  ASSERT_EQ(res.entities.size(), 1u);
  EXPECT_EQ(core::WriteJson(res.entities[0].entity), R"({"identifier":"a","icon":"AWS","blueprint":"b","team":["x","y"]})");
}

TEST(EntityMapper, ItemsToParseExpandsWithNameAndTopLevelTransform) {
  ResourceConfig r = Resource(R"({"identifier": ".Properties.Name + \"/\" + .member.id", "blueprint": "\"m\"",
    "properties": {"rest": ".Properties | keys", "parent": ".Properties.Name"}})");
  r.items_to_parse = ".Properties.Members";
  r.items_to_parse_name = "member";
  MapResult res = MapAll(r, R"([{"Properties":{"Name":"g1","Members":[{"id":"a"},{"id":"b"}]}},
                                {"Properties":{"Name":"g2","Members":"oops"}},
                                {"Properties":{"Name":"g3","Members":[{"id":"c"}]}}])");
  ASSERT_EQ(res.entities.size(), 3u);
  EXPECT_EQ(core::WriteJson(res.entities[0].entity),
            R"({"identifier":"g1/a","blueprint":"m","properties":{"rest":["Name"],"parent":"g1"}})");
  EXPECT_EQ(res.entities[1].entity.at("identifier"), "g1/b");
  EXPECT_EQ(res.entities[0].raw_index, 0u);
  EXPECT_EQ(res.entities[1].raw_index, 0u);
  EXPECT_EQ(res.entities[2].raw_index, 2u);
  EXPECT_EQ(res.raw, 3);
  EXPECT_EQ(res.expanded, 3);
  EXPECT_EQ(res.items_to_parse_skipped, 1);
  EXPECT_EQ(res.failed, 0);
  ASSERT_EQ(res.errors.size(), 1u);
  EXPECT_EQ(res.errors[0].field, "itemsToParse");
  EXPECT_EQ(res.errors[0].item, "g2");
  EXPECT_EQ(res.errors[0].message, "itemsToParse must yield an array, got string");
}

TEST(EntityMapper, ItemsToParseWithoutTransformKeepsTheParent) {
  ResourceConfig r = Resource(R"({"identifier": ".item", "blueprint": "\"m\"", "properties": {"n": ".xs | length"}})");
  r.items_to_parse = ".xs";
  r.items_to_parse_top_level_transform = false;
  MapResult res = MapAll(r, R"([{"xs":["a","b"]}])");
  ASSERT_EQ(res.entities.size(), 2u);
  EXPECT_EQ(res.entities[1].entity.at("properties").at("n"), 2);
  EXPECT_EQ(res.entities[1].entity.at("identifier"), "b");
}

TEST(EntityMapper, ItemsToParseWithoutAPathKeepsTheParentWhole) {
  // No simple path to delete: Ocean would del(.) and drop everything; we keep the parent.
  ResourceConfig r = Resource(R"({"identifier": ".item", "blueprint": "\"m\"", "properties": {"k": ".k"}})");
  r.items_to_parse = "[.a, .b]";
  MapResult res = MapAll(r, R"([{"a":"x","b":"y","k":1}])");
  ASSERT_EQ(res.entities.size(), 2u);
  EXPECT_EQ(res.entities[0].entity.at("properties").at("k"), 1);
}

TEST(EntityMapper, EnvironmentAccessFollowsTheOption) {
  setenv("OCEAN_MAPPER_TEST_VAR", "v1", 1);
  ResourceConfig r = Resource(R"({"identifier": ".id", "blueprint": "\"b\"", "properties": {"e": "env.OCEAN_MAPPER_TEST_VAR", "E": "$ENV.OCEAN_MAPPER_TEST_VAR"}})");
  MapResult on = MapAll(r, R"([{"id":"a"}])");
  EXPECT_EQ(core::WriteJson(on.entities.at(0).entity.at("properties")), R"({"e":"v1","E":"v1"})");
  MapResult off = MapAll(r, R"([{"id":"a"}])", JqOptions{.allow_env = false});
  EXPECT_EQ(core::WriteJson(off.entities.at(0).entity.at("properties")), R"({"e":null,"E":null})");
  unsetenv("OCEAN_MAPPER_TEST_VAR");
}

TEST(EntityMapper, CompileErrorNamesResourceFieldAndExpression) {
  auto bad_leaf = EntityMapper::Compile(Resource(R"({"identifier": ".id", "blueprint": "\"b\"", "properties": {"x": ".a | | .b"}})"));
  ASSERT_FALSE(bad_leaf.ok());
  EXPECT_EQ(bad_leaf.status().code(), core::StatusCode::kInvalidArgument);
  const std::string& m = bad_leaf.status().message();
  EXPECT_NE(m.find("AWS::EC2::Instance (resources[2])"), std::string::npos) << m;
  EXPECT_NE(m.find("field properties.x (.a | | .b)"), std::string::npos) << m;
  EXPECT_NE(m.find("syntax error"), std::string::npos) << m;

  auto bad_selector = EntityMapper::Compile(Resource(R"({"identifier": ".id", "blueprint": "\"b\""})", "nosuch"));
  ASSERT_FALSE(bad_selector.ok());
  EXPECT_NE(bad_selector.status().message().find("field selector.query (nosuch)"), std::string::npos);

  ResourceConfig r = Resource(R"({"identifier": ".id", "blueprint": "\"b\""})");
  r.items_to_parse = ".[";
  auto bad_items = EntityMapper::Compile(r);
  ASSERT_FALSE(bad_items.ok());
  EXPECT_NE(bad_items.status().message().find("field itemsToParse"), std::string::npos);
}

TEST(EntityMapper, UnbalancedLeafCannotEscapeTheCombinedProgram) {
  // ".a) , (.b" would be valid inside a naive wrapper; on its own it does not compile.
  auto mapper = EntityMapper::Compile(Resource(R"({"identifier": ".id", "blueprint": "\"b\"", "properties": {"x": ".a) , (.b"}})"));
  ASSERT_FALSE(mapper.ok());
  EXPECT_NE(mapper.status().message().find("properties.x"), std::string::npos);
}

// Leaves whose semantics are delicate under the combined program must give the same results
// as one program per leaf.
TEST(EntityMapper, CombinedAndPerLeafProgramsAgree) {
  ResourceConfig r = Resource(R"J({"identifier": ".id", "blueprint": "\"b\"", "properties": {
    "tryMany": "try (.xs[]) catch \"c\"",
    "tryRethrow": "try (.xs[], error(\"x\")) catch error(\"custom\")",
    "optional": "(.xs[] | tostring?)",
    "comment": ".id # a trailing comment",
    "alt": ".missing // \"dflt\"",
    "reduce": "reduce .xs[] as $x (0; . + $x)",
    "label": "label $f | .xs[] | ., break $f",
    "error": "error(\"boom\")",
    "halt": "if .id == \"h\" then halt else 1 end",
    "loc": "$__loc__.file",
    "newSyntax": "if .id == \"a\" then \"A\" end",
    "defs": "def f(x): x * 2; f(.xs[0])"}})J");
  const char* items = R"([{"id":"a","xs":[1,2]},{"id":"h","xs":[3]},{"id":"z","xs":[]}])";
  MapResult combined = MapAll(r, items, JqOptions{.combine_leaves = true});
  MapResult single = MapAll(r, items, JqOptions{.combine_leaves = false});
  ASSERT_EQ(combined.entities.size(), 3u);
  ASSERT_EQ(single.entities.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(core::WriteJson(combined.entities[i].entity), core::WriteJson(single.entities[i].entity));
  }
  EXPECT_EQ(core::WriteJson(combined.entities[0].entity.at("properties")),
            R"({"tryMany":1,"tryRethrow":1,"optional":"1","comment":"a","alt":"dflt","reduce":3,)"
            R"("label":1,"error":null,"halt":1,"loc":"<top-level>","newSyntax":"A","defs":2})");
  EXPECT_TRUE(combined.entities[1].entity.at("properties").at("halt").is_null());
  ASSERT_EQ(combined.errors.size(), single.errors.size());
  for (std::size_t i = 0; i < combined.errors.size(); ++i) {
    EXPECT_EQ(combined.errors[i].field, single.errors[i].field);
    EXPECT_EQ(combined.errors[i].message, single.errors[i].message);
  }
}

TEST(EntityMapper, KeepsTheResourceConfig) {
  auto mapper = EntityMapper::Compile(Resource(R"({"identifier": ".id", "blueprint": "\"b\""})"));
  ASSERT_TRUE(mapper.ok());
  EXPECT_EQ(mapper->resource().kind, "AWS::EC2::Instance");
  EXPECT_EQ(mapper->resource().index, 2);
}

// Issue 9: an item whose identity cannot be computed is a failed item (its old entity must not
// be deleted as stale), never a silent drop.
TEST(EntityMapperIdentity, IdentifierJqErrorIsAFailedItemWithItsError) {
  ResourceConfig r = Resource(
      R"({"identifier": "if .Properties.BucketName == \"x\" then error(\"boom\") else .Properties.Arn end",
          "blueprint": "\"s3Bucket\"", "properties": {"name": ".Properties.BucketName"}})",
      "true", "AWS::S3::Bucket");
  for (bool combine : {true, false}) {
    MapResult res = MapAll(r, R"([{"Properties":{"BucketName":"x","Arn":"arn:aws:s3:::x"}},
                                  {"Properties":{"BucketName":"y","Arn":"arn:aws:s3:::y"}}])",
                           JqOptions{.combine_leaves = combine});
    ASSERT_EQ(res.entities.size(), 1u) << "combine=" << combine;
    EXPECT_EQ(res.entities[0].entity.at("identifier"), "arn:aws:s3:::y");
    EXPECT_EQ(res.failed, 1);
    EXPECT_EQ(res.dropped, 0);
    ASSERT_EQ(res.errors.size(), 1u);
    EXPECT_EQ(res.errors[0].field, "identifier");
    EXPECT_EQ(res.errors[0].item, "arn:aws:s3:::x");
    EXPECT_EQ(res.errors[0].message, "boom");
  }
}

TEST(EntityMapperIdentity, BlueprintJqErrorIsAFailedItem) {
  ResourceConfig r = Resource(R"({"identifier": ".id", "blueprint": ".bp | ascii_downcase"})");
  MapResult res = MapAll(r, R"([{"id":"a","bp":"X"},{"id":"b","bp":7}])");
  ASSERT_EQ(res.entities.size(), 1u);
  EXPECT_EQ(res.entities[0].entity.at("blueprint"), "x");
  EXPECT_EQ(res.failed, 1);
  ASSERT_EQ(res.errors.size(), 1u);
  EXPECT_EQ(res.errors[0].field, "blueprint");
}

TEST(EntityMapperIdentity, NonStringIdentifiersAreRefusedPerEntity) {
  // 1 and 2 (numbers), true, [1] and {"a":1} would all have collapsed into keys Port refuses.
  ResourceConfig r = Resource(R"({"identifier": ".id", "blueprint": ".bp"})");
  MapResult res = MapAll(r, R"([{"id":1,"bp":"b"},{"id":2,"bp":"b"},{"id":true,"bp":"b"},
                                {"id":[1],"bp":"b"},{"id":{"a":1},"bp":"b"},{"id":"ok","bp":"b"},
                                {"id":"n","bp":5}])");
  ASSERT_EQ(res.entities.size(), 1u);
  EXPECT_EQ(res.entities[0].entity.at("identifier"), "ok");
  EXPECT_EQ(res.failed, 6);
  EXPECT_EQ(res.dropped, 0);
  ASSERT_EQ(res.errors.size(), 6u);
  EXPECT_EQ(res.errors[0].field, "identifier");
  EXPECT_EQ(res.errors[0].expression, ".id");
  EXPECT_EQ(res.errors[0].message, "identifier must be a string, got number (1)");
  EXPECT_EQ(res.errors[4].message, R"(identifier must be a string, got object ({"a":1}))");
  EXPECT_EQ(res.errors[5].field, "blueprint");
  EXPECT_EQ(res.errors[5].message, "blueprint must be a string, got number (5)");
}

TEST(EntityMapperIdentity, SearchQueryIdentifierObjectIsAccepted) {
  ResourceConfig r = Resource(R"({"identifier": {"combinator": "\"and\"", "rules": [
      {"property": "\"arn\"", "operator": "\"=\"", "value": ".arn"}]}, "blueprint": "\"b\""})");
  MapResult res = MapAll(r, R"([{"arn":"a1"}])");
  ASSERT_EQ(res.entities.size(), 1u);
  EXPECT_EQ(res.failed, 0);
  EXPECT_TRUE(res.entities[0].entity.at("identifier").is_object());
}

// Issue 9 item 4: env access stays on by default (as in Ocean), but secret variables are never
// visible through `env` or `$ENV`.
TEST(EntityMapperEnvSecrets, SecretVariablesAreHiddenFromEnvAndDollarEnv) {
  setenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", 1);
  setenv("AWS_SESSION_TOKEN", "session-token-value", 1);
  setenv("OCEAN__PORT__CLIENT_SECRET", "port-secret-value", 1);
  setenv("ocean__integration__config__aws_access_key_id", "AKIAEXAMPLE", 1);
  setenv("OCEAN_MAPPER_VISIBLE", "visible", 1);
  ResourceConfig r = Resource(R"js({"identifier": ".id", "blueprint": "\"b\"", "properties": {
      "s1": "env.AWS_SECRET_ACCESS_KEY", "s2": "$ENV.AWS_SESSION_TOKEN",
      "s3": "env.OCEAN__PORT__CLIENT_SECRET", "s4": "$ENV.ocean__integration__config__aws_access_key_id",
      "all": "[env, $ENV] | map(tostring) | join(\" \")", "v": "env.OCEAN_MAPPER_VISIBLE",
      "V": "$ENV.OCEAN_MAPPER_VISIBLE"}})js");
  for (bool combine : {true, false}) {
    MapResult res = MapAll(r, R"([{"id":"a"}])", JqOptions{.combine_leaves = combine});
    ASSERT_EQ(res.entities.size(), 1u);
    const json::object& p = res.entities[0].entity.at("properties").as_object();
    EXPECT_TRUE(p.at("s1").is_null());
    EXPECT_TRUE(p.at("s2").is_null());
    EXPECT_TRUE(p.at("s3").is_null());
    EXPECT_TRUE(p.at("s4").is_null());
    EXPECT_EQ(p.at("v"), "visible");
    EXPECT_EQ(p.at("V"), "visible");
    const std::string all(p.at("all").as_string());
    EXPECT_NE(all.find("visible"), std::string::npos);
    for (const char* secret : {"wJalrXUtnFEMI", "session-token-value", "port-secret-value",
                               "AKIAEXAMPLE"}) {
      EXPECT_EQ(all.find(secret), std::string::npos) << secret;
    }
  }
  for (const char* v : {"AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "OCEAN__PORT__CLIENT_SECRET",
                        "ocean__integration__config__aws_access_key_id", "OCEAN_MAPPER_VISIBLE"}) {
    unsetenv(v);
  }
}

}  // namespace
}  // namespace ocean::mapping
